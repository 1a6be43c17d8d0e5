package org.rehabtelemetry.gateway.alarms;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.rehabtelemetry.runtime.files.FileLayer;
import org.rehabtelemetry.runtime.files.MonthlyLog;
import org.rehabtelemetry.runtime.files.NioFileLayer;
import org.rehabtelemetry.runtime.threads.FailFast;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's alarm log (IEC 60601-1-8, 6.12, the distributed alarm system's end): every change
 * of every alarm on the operator's list, as the list stood after it: raised, acknowledged or reset
 * on the device, the condition's end, the gateway's own communication-loss alarms, and each
 * operator's acknowledgement with who and when. One JSON line per change in {@code
 * alarm-log-YYYY-MM.jsonl}; no patient code is written.
 *
 * <p><b>Off the alarm's path.</b> {@link #changed} only queues the change (bounded; a change that
 * finds the queue full is counted as dropped and logged, never waited for); the thread {@code
 * gateway-alarm-log} appends what is queued and fsyncs once per batch, typically milliseconds after
 * the change. So neither the ingest nor the operator's live list waits for the disk. A change still
 * queued at a power cut is lost from this log; the device's own alarm log, the store's {@code
 * alarm} table and the audit log (acknowledgements) keep it. {@link #close} writes what is queued
 * before it returns. Monthly files older than the retention are deleted at start. Thread-safe.
 */
public final class GatewayAlarmLog implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(GatewayAlarmLog.class);

  /** Bytes read back per monthly file for each entry asked for (a line is about 400). */
  private static final int BYTES_PER_ENTRY = 768;

  private static final int BATCH = 256;

  /**
   * One change: the alarm as the operator's list held it right after.
   *
   * @param at when the gateway logged the change
   * @param alarm the alarm as it then stood
   */
  public record Entry(Instant at, AlarmBoard.Entry alarm) {}

  private final MonthlyLog files;
  private final Clock clock;
  private final BlockingQueue<Entry> queue;
  private final AtomicLong accepted = new AtomicLong();
  private final AtomicLong handled = new AtomicLong();
  private final AtomicLong written = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicLong failures = new AtomicLong();
  private final Object writing = new Object();

  /** Guards {@link #closed} together with the offer, so no change slips in after close. */
  private final Object gate = new Object();

  private boolean closed;
  private Thread writer;

  /**
   * Opens the log in {@code dir} (made if absent) and deletes monthly files whose month ended more
   * than {@code retention} ago.
   *
   * @param capacity changes queued at most for the writer
   * @throws java.io.UncheckedIOException if the directory cannot be made
   */
  public GatewayAlarmLog(Path dir, Clock clock, Duration retention, int capacity) {
    this(new NioFileLayer(), dir, clock, retention, capacity);
  }

  /** The same on {@code layer} (the power-cut test's file layer). */
  public GatewayAlarmLog(FileLayer layer, Path dir, Clock clock, Duration retention, int capacity) {
    this.files = new MonthlyLog(layer, dir, "alarm-log");
    this.clock = clock;
    this.queue = new ArrayBlockingQueue<>(capacity);
    try {
      for (String deleted : files.prune(clock, retention)) {
        LOG.info("alarm log: {} is past the retention and was deleted", deleted);
      }
    } catch (IOException e) {
      LOG.error("alarm log: cannot delete old files in {}: {}", dir, e.getMessage());
    }
  }

  /** Starts the writer thread. */
  public synchronized void start() {
    if (writer == null) {
      writer = FailFast.start("gateway-alarm-log", this::run);
    }
  }

  /**
   * Queues a change of the operator's alarm list; never blocks. Meant as (part of) the {@link
   * AlarmBoard}'s change listener.
   */
  public void changed(AlarmBoard.Entry alarm) {
    Entry entry = new Entry(clock.instant(), alarm);
    boolean queued;
    boolean wasClosed;
    synchronized (gate) {
      wasClosed = closed;
      queued = !closed && queue.offer(entry);
      if (queued) {
        accepted.incrementAndGet();
      }
    }
    if (!queued) {
      long lost = dropped.incrementAndGet();
      LOG.error(
          "alarm log: {} {} of {} not logged ({} so far): {}",
          alarm.code(),
          alarm.deviceState(),
          alarm.device(),
          lost,
          wasClosed ? "the log is closed" : "the writer is behind");
    }
  }

  /** Changes written and fsynced since start. */
  public long written() {
    return written.get();
  }

  /**
   * Changes not logged: the queue was full, the log was closed, or the disk refused their batch.
   */
  public long dropped() {
    return dropped.get();
  }

  /** Batches that could not be written (the disk refused; logged, and their changes counted). */
  public long failures() {
    return failures.get();
  }

  /**
   * Waits until every change queued before this call is written and fsynced (or failed, counted),
   * at most {@code timeout}; returns whether it was. For tests and the admin view. Needs the writer
   * to be started.
   */
  public boolean flush(Duration timeout) throws InterruptedException {
    long target = accepted.get();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (handled.get() < target) {
      if (System.nanoTime() - deadline > 0) {
        return false;
      }
      Thread.sleep(5);
    }
    return true;
  }

  /**
   * The most recent changes, newest first: at most {@code max}, from the two newest monthly files,
   * reading at most {@code max} × 768 bytes of each.
   */
  public List<Entry> recent(int max) {
    try {
      synchronized (writing) {
        return files.recent(
            max, (int) Math.min(64L << 20, (long) max * BYTES_PER_ENTRY), AlarmLogFormat::parse);
      }
    } catch (IOException e) {
      LOG.error("alarm log: cannot read it back: {}", e.getMessage());
      return new ArrayList<>();
    }
  }

  /** {@code entries} as CSV (RFC 4180, a header line, UTF-8), for a spreadsheet. */
  public static String csv(List<Entry> entries) {
    return AlarmLogFormat.csv(entries);
  }

  /**
   * Stops taking changes, lets the writer write what is queued, and stops it (waits up to 10 s);
   * without a writer, writes what is queued itself.
   */
  @Override
  public void close() {
    synchronized (gate) {
      closed = true;
    }
    Thread thread;
    synchronized (this) {
      thread = writer;
    }
    if (thread != null) {
      try {
        thread.join(10_000); // not interrupted: an interrupt would close the file mid-write
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    drain(); // without a writer, or one that did not end in time: what is left is written here
  }

  /**
   * Writes what is queued on the caller's thread, one batch and one fsync at a time, as the writer
   * does. For the power-cut test, which needs each batch's outcome before it goes on; never while
   * the writer runs.
   */
  void writeQueued() {
    drain();
  }

  /** The writer: the only thread that writes, until closed and nothing is left. */
  private void run() {
    while (true) {
      Entry first;
      try {
        first = queue.poll(250, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        first = null;
        synchronized (gate) {
          closed = true;
        }
      }
      if (first == null) {
        if (isClosed()) {
          drain();
          return;
        }
        continue;
      }
      List<Entry> batch = new ArrayList<>();
      batch.add(first);
      queue.drainTo(batch, BATCH - 1);
      write(batch);
    }
  }

  private boolean isClosed() {
    synchronized (gate) {
      return closed;
    }
  }

  private void drain() {
    List<Entry> batch = new ArrayList<>();
    while (queue.drainTo(batch, BATCH) > 0) {
      write(batch);
      batch.clear();
    }
  }

  private void write(List<Entry> batch) {
    List<String> lines = new ArrayList<>(batch.size());
    for (Entry entry : batch) {
      lines.add(AlarmLogFormat.line(entry));
    }
    Instant now = clock.instant();
    synchronized (writing) {
      try {
        files.append(now, lines);
        written.addAndGet(batch.size());
      } catch (IOException e) {
        failures.incrementAndGet();
        dropped.addAndGet(batch.size());
        LOG.error(
            "alarm log: cannot write {} changes to {}: {}",
            batch.size(),
            files.fileFor(now),
            e.getMessage());
      }
    }
    handled.addAndGet(batch.size());
  }
}
