package org.rehabtelemetry.gateway.alarms;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.rehabtelemetry.gateway.ingest.IngestListener;
import org.rehabtelemetry.protocol.AlarmEvent;
import org.rehabtelemetry.protocol.AlarmPriority;
import org.rehabtelemetry.protocol.AlarmState;
import org.rehabtelemetry.protocol.DeviceState;
import org.rehabtelemetry.protocol.DeviceStatus;
import org.rehabtelemetry.protocol.Header;
import org.rehabtelemetry.protocol.Message;
import org.rehabtelemetry.protocol.SampleBatch;
import org.rehabtelemetry.protocol.SessionEvent;
import org.rehabtelemetry.protocol.SessionEventType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's communication-loss technical alarm (IEC 60601-1-8, 6.11: a distributed alarm system
 * must tell when it can no longer carry alarms). A device whose session is running sends a sample
 * batch every batch interval; when the gateway has heard nothing from it for {@code silence}
 * (default 3 s), the operator's alarm list gets {@code COMM_LOSS}, medium priority (a technical
 * alarm), not latched: the operator can no longer see that child, and the therapist at the device
 * is the only watcher. It clears itself when anything arrives from the device again, and both steps
 * are logged. A paused, stopped or interrupted session expects no samples, so it raises nothing;
 * nor does a device the gateway has not seen in a session since it started.
 *
 * <p>A session is watched from a recent start (its {@code started} or {@code resumed} made within
 * the last {@value #HISTORY_SECONDS} s by the message's time): one older comes from a backlog being
 * drained after an outage, whose batches arrive as fast as they are stored, with pauses that are
 * not a lost link. Such a session is watched only once a recent batch of it shows it still runs (a
 * device back from a short outage mid-session).
 *
 * <p>Messages are noted as they arrive (before storage, so a database outage raises nothing);
 * {@link #check()} runs on the gateway's housekeeping thread every half second, so the operator
 * sees the alarm within {@code silence} plus 0.5 s. Thread-safe.
 */
public final class CommunicationWatch implements IngestListener {
  private static final Logger LOG = LoggerFactory.getLogger(CommunicationWatch.class);

  /** The alarm's code. */
  public static final String CODE = "COMM_LOSS";

  /** Messages older than this (device time against the gateway's) are history, not the present. */
  static final long HISTORY_SECONDS = 60;

  private final AlarmBoard board;
  private final Clock clock;
  private final Duration silence;
  private final Map<String, Watched> devices = new HashMap<>();
  private long raised;

  private static final class Watched {
    String sessionId;
    boolean running;

    /** Started long ago (a backlog): running only if a recent batch of it comes. */
    boolean startedLongAgo;

    Instant lastHeard;
    String alarmId;
  }

  public CommunicationWatch(AlarmBoard board, Clock clock, Duration silence) {
    this.board = board;
    this.clock = clock;
    this.silence = silence;
  }

  @Override
  public void stored(String site, Message message) {}

  @Override
  public synchronized void arrived(String site, Message message) {
    String device = message.header().deviceId();
    Watched watched = devices.computeIfAbsent(device, d -> new Watched());
    Instant now = clock.instant();
    watched.lastHeard = now;
    boolean recent = !message.header().time().isBefore(now.minusSeconds(HISTORY_SECONDS));
    if (message instanceof SessionEvent event) {
      boolean starts =
          event.event() == SessionEventType.STARTED || event.event() == SessionEventType.RESUMED;
      watched.sessionId = event.session().sessionId();
      watched.running = starts && recent;
      watched.startedLongAgo = starts && !recent;
    } else if (message instanceof SampleBatch batch
        && watched.startedLongAgo
        && recent
        && batch.session().sessionId().equals(watched.sessionId)) {
      watched.running = true;
      watched.startedLongAgo = false;
    } else if (message instanceof DeviceStatus status
        && status.state() == DeviceState.ONLINE
        && status.currentSessionId() == null) {
      watched.running = false;
      watched.startedLongAgo = false;
    }
    if (watched.alarmId != null) {
      clear(device, watched);
    }
  }

  /** Raises the alarm for every running session that has been silent too long. Quick. */
  public synchronized void check() {
    Instant now = clock.instant();
    for (Map.Entry<String, Watched> entry : devices.entrySet()) {
      Watched watched = entry.getValue();
      if (watched.running
          && watched.alarmId == null
          && Duration.between(watched.lastHeard, now).compareTo(silence) > 0) {
        raise(entry.getKey(), watched, now);
      }
    }
  }

  /** Communication-loss alarms raised since start. */
  public synchronized long raised() {
    return raised;
  }

  private void raise(String device, Watched watched, Instant now) {
    raised++;
    watched.alarmId = "gw-comm-" + now.toEpochMilli();
    double seconds = Duration.between(watched.lastHeard, now).toMillis() / 1000.0;
    LOG.warn(
        "{}: nothing received for {} s during session {}: communication-loss alarm raised",
        device,
        seconds,
        watched.sessionId);
    board.received(event(device, watched, AlarmState.RAISED, seconds, now));
  }

  private void clear(String device, Watched watched) {
    Instant now = clock.instant();
    LOG.info("{}: traffic resumed: communication-loss alarm cleared", device);
    board.received(event(device, watched, AlarmState.CLEARED, 0, now));
    watched.alarmId = null;
  }

  private AlarmEvent event(
      String device, Watched watched, AlarmState state, double seconds, Instant now) {
    return new AlarmEvent(
        new Header(device, "gateway", now),
        null,
        watched.alarmId,
        state,
        CODE,
        AlarmPriority.MEDIUM,
        false,
        null,
        seconds,
        silence.toMillis() / 1000.0,
        "No data from the device for "
            + silence.toSeconds()
            + " s during its session: the operator cannot see it, the therapist is the only"
            + " watcher");
  }
}
