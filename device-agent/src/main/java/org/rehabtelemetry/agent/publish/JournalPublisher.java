package org.rehabtelemetry.agent.publish;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.rehabtelemetry.agent.journal.Journal;
import org.rehabtelemetry.agent.journal.JournalRecord;
import org.rehabtelemetry.agent.journal.RecordClass;
import org.rehabtelemetry.protocol.DeviceStatus;
import org.rehabtelemetry.protocol.LiveSamples;
import org.rehabtelemetry.protocol.LostRecords;
import org.rehabtelemetry.protocol.MessageCodec;
import org.rehabtelemetry.protocol.MessageKey;
import org.rehabtelemetry.protocol.MessageType;
import org.rehabtelemetry.protocol.Receipt;
import org.rehabtelemetry.protocol.Topic;
import org.rehabtelemetry.runtime.health.Heartbeat;
import org.rehabtelemetry.runtime.retry.Backoff;
import org.rehabtelemetry.runtime.threads.FailFast;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the journal over MQTT, events ahead of samples, and frees each record when the
 * gateway's storage receipt covers it (or, with receipts ignored, when the broker acknowledges it).
 *
 * <p>One named thread ({@code journal-publisher}) connects with the device's {@code offline} status
 * as Last Will, publishes the birth ({@code online}, retained), then sends durable unsent records
 * with at most {@code window} unacknowledged at a time and at most {@code maxMessagesPerSecond}, so
 * a long outage's backlog drains without flooding the broker. Each lane goes in id order, but the
 * events lane (alarms, lifecycle events, summaries) goes first: between two looks at it at most
 * {@value #SAMPLE_CHUNK} sample records are sent, so an alarm never waits behind a backlog. When
 * the connection drops it reconnects with capped exponential backoff and jitter, and starts again
 * from the first unacknowledged record: records in flight at the drop are sent again (the gateway
 * writes them idempotently), and nothing is skipped.
 *
 * <p><b>Receipts</b> (docs/protocol.md). After each connect it subscribes to the device's {@code
 * cmd} topic. The broker's acknowledgement only moves the send window; a record stays in the
 * journal until a {@link Receipt} from a gateway names it, and one whose receipt is overdue is sent
 * again (the store overwrites a resend with itself). In {@link ReceiptSettings.Mode#AUTO}, until
 * the first receipt is seen, records are freed a grace period after the broker's acknowledgement,
 * so an agent behind a gateway older than receipts does not fill its journal; {@link
 * #receiptStatus()} says which applies.
 *
 * <p>{@link #start()} and {@link #close()} are called once each, from any thread.
 */
public final class JournalPublisher implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(JournalPublisher.class);
  private static final long IDLE_WAIT_MILLIS = 50;

  /** Sample records sent between two looks at the events lane. */
  private static final int SAMPLE_CHUNK = 8;

  private final Journal journal;
  private final MqttTransport transport;
  private final MqttSettings settings;
  private final String site;
  private final String deviceId;
  private final Supplier<DeviceStatus> birth;
  private final Supplier<DeviceStatus> will;
  private final Backoff backoff;
  private final MessageCodec codec = new MessageCodec();
  private final RateLimiter limiter;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final Object signal = new Object();

  /** How many times {@link #wake()} signalled; guarded by {@code signal}. */
  private long wakeups;

  private volatile boolean running;
  private volatile boolean connectionLost;
  private final AtomicInteger generation = new AtomicInteger();
  private final AtomicLong published = new AtomicLong();
  private final AtomicLong livePublished = new AtomicLong();
  private final AtomicLong liveDropped = new AtomicLong();

  /** Whether a preview was handed to the client and not yet written, and since when. */
  private final AtomicBoolean previewWaiting = new AtomicBoolean();

  private volatile long previewSinceNanos;
  private static final long PREVIEW_STUCK_NANOS = TimeUnit.SECONDS.toNanos(5);
  private final ReceiptKeeper receipts;

  private volatile Heartbeat heartbeat = Heartbeat.NONE;

  /** When the broker last acknowledged a record, or the publisher last found nothing waiting. */
  private volatile long lastDeliveryNanos = System.nanoTime();

  private Thread thread;

  /**
   * @param birth the status to publish on every connect ({@code online})
   * @param will the status the broker publishes if the connection is lost ({@code offline})
   */
  public JournalPublisher(
      Journal journal,
      MqttTransport transport,
      MqttSettings settings,
      String site,
      String deviceId,
      Supplier<DeviceStatus> birth,
      Supplier<DeviceStatus> will) {
    this(journal, transport, settings, ReceiptSettings.IGNORE, site, deviceId, birth, will);
  }

  /**
   * @param receipts when records may be freed
   * @param birth the status to publish on every connect ({@code online})
   * @param will the status the broker publishes if the connection is lost ({@code offline})
   */
  public JournalPublisher(
      Journal journal,
      MqttTransport transport,
      MqttSettings settings,
      ReceiptSettings receipts,
      String site,
      String deviceId,
      Supplier<DeviceStatus> birth,
      Supplier<DeviceStatus> will) {
    this.receipts = new ReceiptKeeper(receipts, journal, this::wake);
    this.journal = journal;
    this.transport = transport;
    this.settings = settings;
    this.site = site;
    this.deviceId = deviceId;
    this.birth = birth;
    this.will = will;
    this.backoff = new Backoff(settings.reconnectInitial(), settings.reconnectMax(), Math::random);
    this.limiter = new RateLimiter(settings.maxMessagesPerSecond(), System::nanoTime);
  }

  public synchronized void start() {
    running = true;
    thread = FailFast.start("journal-publisher", this::run);
  }

  /** Beaten on every turn of the publishing loop (at least every 50 ms, or every reconnect). */
  public void heartbeat(Heartbeat loopHeartbeat) {
    this.heartbeat = loopHeartbeat;
  }

  /** Records handed to the broker since start. */
  public long published() {
    return published.get();
  }

  /** Receipt figures, for metrics and benchmarks. */
  public ReceiptStats receiptStats() {
    return receipts.stats();
  }

  /** Records published and waiting for their storage receipt. */
  public int awaitingReceipt() {
    return receipts.awaiting();
  }

  /** How records are freed now, in a sentence for the status screen and the log. */
  public String receiptStatus() {
    return receipts.status();
  }

  /** Whether records wait for storage receipts now. */
  public boolean receiptsRequired() {
    return receipts.required();
  }

  /**
   * How long delivery to the broker has been stuck: seconds since the broker last acknowledged a
   * record while records waited to be published or acknowledged; about 0 while everything is with
   * the broker. Storage receipts do not count: the operator sees a message once the broker has it.
   */
  public double deliveryStalledSeconds() {
    return Math.max(0, (System.nanoTime() - lastDeliveryNanos) / 1e9);
  }

  /** Whether the broker connection is up. */
  public boolean isConnected() {
    return transport.isConnected() && !connectionLost;
  }

  /** Publishes a status outside the journal (retained), e.g. when the session changes. */
  public void publishStatus(DeviceStatus status) {
    if (isConnected()) {
      try {
        transport.publish(topic(MessageType.STATUS), codec.encode(status), true, () -> {});
      } catch (TransportException e) {
        LOG.debug("status not published now ({}); the next birth carries it", e.getMessage());
      }
    }
  }

  /**
   * Publishes a live preview with QoS 0, outside the journal, if connected and the previous one has
   * been written; otherwise, or if the client refuses it, it is dropped and counted ({@link
   * #liveDropped()}): the same samples go to storage in the next batch, and on a slow link previews
   * never queue ahead of records and alarms. Never throws; called on {@code agent-tick}.
   */
  public void publishLive(LiveSamples live) {
    long now = System.nanoTime();
    if (previewWaiting.get() && now - previewSinceNanos > PREVIEW_STUCK_NANOS) {
      previewWaiting.set(false); // its completion was lost with a connection: do not wait forever
    }
    if (!isConnected() || !previewWaiting.compareAndSet(false, true)) {
      liveDropped.incrementAndGet();
      return;
    }
    previewSinceNanos = now;
    try {
      transport.publishBestEffort(
          topic(MessageType.LIVE), codec.encode(live), () -> previewWaiting.set(false));
      livePublished.incrementAndGet();
    } catch (RuntimeException e) {
      previewWaiting.set(false);
      liveDropped.incrementAndGet();
      LOG.debug("live preview dropped: {}", e.getMessage());
    }
  }

  /** Live previews handed to the broker since start. */
  public long livePublished() {
    return livePublished.get();
  }

  /** Live previews dropped since start (not connected, or the client refused them). */
  public long liveDropped() {
    return liveDropped.get();
  }

  /** Stops the thread and disconnects cleanly; unacknowledged records stay in the journal. */
  @Override
  public void close() {
    running = false;
    wake();
    if (thread != null) {
      try {
        thread.join(5000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    transport.close();
  }

  private void run() {
    while (running) {
      heartbeat.beat();
      if (!isConnected() && !connect()) {
        pause(backoff.next().toMillis());
        continue;
      }
      sendUntilDisconnected();
    }
  }

  private boolean connect() {
    int thisConnection = generation.incrementAndGet();
    connectionLost = false;
    try {
      transport.connect(
          new MqttTransport.Will(topic(MessageType.STATUS), codec.encode(will.get())),
          cause -> {
            if (thisConnection != generation.get()) {
              return; // a late report about an earlier connection
            }
            connectionLost = true;
            LOG.warn("broker connection lost: {}", cause == null ? "?" : cause.getMessage());
            wake();
          });
      transport.publish(topic(MessageType.STATUS), codec.encode(birth.get()), true, () -> {});
      if (receipts.enabled()) {
        transport.subscribe(topic(MessageType.COMMAND), receipts::commandArrived);
      }
    } catch (TransportException e) {
      // Connected but not usable (e.g. no receipts without the cmd subscription): start again.
      connectionLost = true;
      LOG.warn("{}; retrying", e.getMessage());
      return false;
    }
    backoff.reset();
    inFlight.set(0);
    LOG.info("connected to {}; sending from record {}", settings.uri(), journal.sentFrontier() + 1);
    return true;
  }

  private void sendUntilDisconnected() {
    long start = journal.sentFrontier();
    long eventCursor = start;
    long sampleCursor = start;
    while (running && isConnected()) {
      heartbeat.beat();
      if (!maintainReceipts()) {
        return;
      }
      // Events (alarms, lifecycle, summaries) first, then a few samples: a new alarm waits for at
      // most one small chunk of a backlog being drained, never for the backlog.
      int room = settings.window() - inFlight.get();
      List<JournalRecord> events =
          room > 0 ? journal.readUnsent(RecordClass.EVENT, eventCursor, room) : List.of();
      for (JournalRecord record : events) {
        if (!send(record)) {
          return;
        }
        eventCursor = record.id();
      }
      room =
          Math.min(
              Math.min(SAMPLE_CHUNK, settings.window() - inFlight.get()), receipts.sampleRoom());
      List<JournalRecord> samples =
          room > 0 ? journal.readUnsent(RecordClass.SAMPLES, sampleCursor, room) : List.of();
      for (JournalRecord record : samples) {
        if (!send(record)) {
          return;
        }
        sampleCursor = record.id();
      }
      if (events.isEmpty() && samples.isEmpty()) {
        if (inFlight.get() == 0) {
          lastDeliveryNanos = System.nanoTime(); // everything is with the broker
        }
        pause(IDLE_WAIT_MILLIS);
      }
    }
  }

  /**
   * Publishes one record within the rate limit. Returns false when the connection is lost. Without
   * a key (receipts ignored, or a record receipts cannot name) the broker's acknowledgement frees
   * it; otherwise the acknowledgement starts its receipt timer.
   */
  private boolean send(JournalRecord record) {
    while (!limiter.tryAcquire()) {
      pause(Math.max(1, limiter.nanosUntilAvailable() / 1_000_000));
    }
    long id = record.id();
    MessageKey key = receipts.sending(record);
    inFlight.incrementAndGet();
    try {
      transport.publish(
          topic(record.type()),
          record.payload(),
          false,
          () -> {
            if (key == null) {
              journal.ack(id);
            } else {
              receipts.acknowledged(id);
            }
            lastDeliveryNanos = System.nanoTime();
            inFlight.decrementAndGet();
            wake();
          });
    } catch (TransportException e) {
      inFlight.decrementAndGet();
      connectionLost = true;
      LOG.warn("{}; reconnecting", e.getMessage());
      return false;
    }
    published.incrementAndGet();
    return true;
  }

  /**
   * Sends again the records whose storage receipt is overdue ({@link ReceiptKeeper#maintain}).
   * Returns false when the connection is lost.
   */
  private boolean maintainReceipts() {
    // Lost answers are not journaled (see ReceiptKeeper#answerLost), but share the window.
    int room = settings.window() - inFlight.get();
    for (LostRecords answer : receipts.takeAnswers(room, () -> birth.get().header())) {
      inFlight.incrementAndGet();
      try {
        transport.publish(
            topic(MessageType.LOST),
            codec.encode(answer),
            false,
            () -> {
              inFlight.decrementAndGet();
              wake();
            });
      } catch (TransportException e) {
        inFlight.decrementAndGet();
        connectionLost = true;
        LOG.warn("{}; reconnecting (the gateway asks again for what was lost)", e.getMessage());
        return false;
      }
    }
    for (long id : receipts.maintain(settings.window() - inFlight.get())) {
      List<JournalRecord> again = journal.readUnsent(id - 1, 1);
      if (again.isEmpty() || again.get(0).id() != id) {
        // Freed or evicted (the frontier drops it from the tracker), or written but not yet
        // fsynced after a disk failure: skipped this round, never forgotten while unsent.
        continue;
      }
      receipts.stats().resent.increment();
      if (!send(again.get(0))) {
        return false;
      }
    }
    return true;
  }

  private String topic(MessageType type) {
    return new Topic(site, deviceId, type).toString();
  }

  /** Ends a {@link #pause} in progress: an acknowledgement, a lost connection or a close. */
  private void wake() {
    synchronized (signal) {
      wakeups++;
      signal.notifyAll();
    }
  }

  /**
   * Waits {@code millis} (at least 1), or until {@link #wake()} is called or the publisher stops,
   * whichever comes first. A spurious wakeup only waits again for the time that is left.
   */
  private void pause(long millis) {
    synchronized (signal) {
      long seen = wakeups;
      long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(Math.max(1, millis));
      try {
        while (running && wakeups == seen) {
          long remaining = deadline - System.nanoTime();
          if (remaining <= 0) {
            return;
          }
          TimeUnit.NANOSECONDS.timedWait(signal, remaining);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        running = false;
      }
    }
  }
}
