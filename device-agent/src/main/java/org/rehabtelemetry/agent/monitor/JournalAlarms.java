package org.rehabtelemetry.agent.monitor;

import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.rehabtelemetry.agent.alarm.AlarmManager;
import org.rehabtelemetry.agent.alarm.AlarmSpec;
import org.rehabtelemetry.agent.journal.JournalListener;
import org.rehabtelemetry.agent.journal.RecordClass;
import org.rehabtelemetry.hardware.port.MonotonicClock;
import org.rehabtelemetry.protocol.AlarmPriority;

/**
 * Turns what the journal must never do silently into technical alarms, raised on the tick thread
 * ({@link #raisePending()}), never inside the journal's lock:
 *
 * <ul>
 *   <li>{@code JOURNAL_EVICTED} (medium, latched): unsent records were dropped to keep within a
 *       bound. One alarm however many evictions follow while it is active; the count of lost
 *       records is in the journal's statistics and the alarm's value. So the active alarms do not
 *       grow with every eviction.
 *   <li>{@code DISK_WRITE_FAILED} (medium): the journal cannot write (a full disk); it clears when
 *       writing works again.
 *   <li>{@code JOURNAL_DAMAGED} (medium, latched): recovery found damage at start.
 * </ul>
 *
 * Thread-safe.
 */
public final class JournalAlarms implements JournalListener {
  private final AlarmManager alarms;
  private final MonotonicClock clock;
  private final ConcurrentLinkedQueue<Runnable> pending = new ConcurrentLinkedQueue<>();
  private final AtomicLong lostRecords = new AtomicLong();

  public JournalAlarms(AlarmManager alarms, MonotonicClock clock) {
    this.alarms = alarms;
    this.clock = clock;
  }

  @Override
  public void evicted(RecordClass lane, long firstId, long lastId, long unsent, String reason) {
    if (unsent <= 0) {
      return;
    }
    long lost = lostRecords.addAndGet(unsent);
    pending.add(
        () ->
            alarms.raise(
                AlarmSpec.technical(
                        "JOURNAL_EVICTED",
                        "JOURNAL_EVICTED",
                        AlarmPriority.MEDIUM,
                        true,
                        unsent
                            + " unsent "
                            + lane.name().toLowerCase(Locale.ROOT)
                            + " records (journal ids "
                            + firstId
                            + ".."
                            + lastId
                            + ") were dropped: "
                            + reason
                            + "; "
                            + lost
                            + " since start")
                    .withValue((double) lost),
                clock.nanos()));
  }

  @Override
  public void writeFailed(String problem) {
    pending.add(
        () ->
            alarms.raise(
                AlarmSpec.technical(
                    "DISK",
                    "DISK_WRITE_FAILED",
                    AlarmPriority.MEDIUM,
                    false,
                    "Journal cannot write: " + problem),
                clock.nanos()));
  }

  @Override
  public void writeRecovered() {
    pending.add(() -> alarms.clear("DISK"));
  }

  @Override
  public void damaged(String problem) {
    pending.add(
        () ->
            alarms.raise(
                AlarmSpec.technical(
                    "JOURNAL_DAMAGED",
                    "JOURNAL_DAMAGED",
                    AlarmPriority.MEDIUM,
                    true,
                    "Journal damage found at start: " + problem),
                clock.nanos()));
  }

  /** Raises what the journal reported since the last call; on the tick thread. */
  public void raisePending() {
    Runnable task;
    while ((task = pending.poll()) != null) {
      task.run();
    }
  }
}
