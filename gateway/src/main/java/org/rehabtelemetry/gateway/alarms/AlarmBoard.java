package org.rehabtelemetry.gateway.alarms;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.rehabtelemetry.gateway.ingest.IngestListener;
import org.rehabtelemetry.protocol.AlarmEvent;
import org.rehabtelemetry.protocol.AlarmState;
import org.rehabtelemetry.protocol.Message;

/**
 * The operator's alarm list: every alarm the devices raised, with its life cycle on the device and
 * the operator's own acknowledgement.
 *
 * <p><b>Order-free.</b> One alarm's messages (raised, acknowledged on the device, cleared) are
 * merged as facts, not ordered by the time the device stamps on them: each message adds what it
 * says happened, and the alarm's state follows from the facts. So a late, repeated or wrongly
 * stamped message (a clock in 2199) cannot freeze or roll back an alarm, and a latched alarm that
 * was cleared on the device and then acknowledged there ends as cleared here too. An alarm is over
 * when its condition ended ({@code cleared}) and, if latched, a person reset it on the device.
 *
 * <p>The operator's acknowledgement says "seen at the desk"; it does not silence or reset anything
 * on the device. That stays at the bedside, with the therapist. Alarms come in as soon as the
 * gateway receives them, before they are stored, so a database outage does not hide them.
 *
 * <p>Keeps every alarm that is not over, up to {@code maxActive} (the oldest over that are dropped,
 * counted), and the most recent {@code historySize} that are over. Thread-safe.
 */
public final class AlarmBoard implements IngestListener {
  /**
   * One alarm as the operator sees it.
   *
   * @param device the device
   * @param alarmId the alarm's id on that device
   * @param code e.g. {@code SPO2_LOW}
   * @param priority {@code high}, {@code medium} or {@code low} (IEC 60601-1-8)
   * @param deviceState {@code raised}, {@code acknowledged} or {@code cleared} (over)
   * @param conditionEnded whether the condition ended on the device (a latched alarm then waits for
   *     its reset)
   * @param latched whether it stays until a person resets it on the device
   * @param message the device's text
   * @param channel the channel, or null
   * @param value the triggering value in the channel's unit, or null
   * @param limit the crossed limit, or null
   * @param raisedAt when the device raised it (when the gateway first heard of it, if earlier)
   * @param updatedAt when the gateway last heard of it
   * @param operatorAckBy the operator who acknowledged it, or null
   * @param operatorAckAt when, or null
   */
  public record Entry(
      String device,
      String alarmId,
      String code,
      String priority,
      String deviceState,
      boolean conditionEnded,
      boolean latched,
      String message,
      String channel,
      Double value,
      Double limit,
      Instant raisedAt,
      Instant updatedAt,
      String operatorAckBy,
      Instant operatorAckAt) {

    /** Whether the alarm is over: ended and, if latched, reset on the device. */
    public boolean over() {
      return deviceState.equals("cleared");
    }
  }

  /** The facts known about one alarm. */
  private static final class Facts {
    AlarmEvent first;
    Instant raisedAt;
    Instant updatedAt;
    boolean acknowledgedOnDevice;
    boolean cleared;
    String operatorAckBy;
    Instant operatorAckAt;

    Entry entry() {
      boolean over = cleared && (!first.latched() || acknowledgedOnDevice);
      String state = over ? "cleared" : acknowledgedOnDevice ? "acknowledged" : "raised";
      return new Entry(
          first.header().deviceId(),
          first.alarmId(),
          first.code(),
          first.priority().wireName(),
          state,
          cleared,
          first.latched(),
          first.message(),
          first.channel(),
          first.value(),
          first.limit(),
          raisedAt,
          updatedAt,
          operatorAckBy,
          operatorAckAt);
    }
  }

  private final int historySize;
  private final int maxActive;
  private final Clock clock;
  private final Consumer<Entry> onChange;
  private final Map<String, Facts> alarms = new LinkedHashMap<>();
  private long dropped;

  /**
   * @param onChange told of every new or changed entry (for the live stream); called under this
   *     board's lock, so it must be quick and must not call back
   */
  public AlarmBoard(int historySize, int maxActive, Clock clock, Consumer<Entry> onChange) {
    this.historySize = historySize;
    this.maxActive = maxActive;
    this.clock = clock;
    this.onChange = onChange;
  }

  @Override
  public void stored(String site, Message message) {}

  @Override
  public void arrived(String site, Message message) {
    if (message instanceof AlarmEvent alarm) {
      received(alarm);
    }
  }

  /** Takes in an alarm message from a device. */
  public synchronized void received(AlarmEvent alarm) {
    String key = key(alarm.header().deviceId(), alarm.alarmId());
    Facts facts = alarms.get(key);
    Instant now = clock.instant();
    boolean changed = false;
    if (facts == null) {
      facts = new Facts();
      facts.first = alarm;
      facts.raisedAt = alarm.header().time().isAfter(now) ? now : alarm.header().time();
      alarms.put(key, facts);
      changed = true;
    }
    if (alarm.state() == AlarmState.ACKNOWLEDGED && !facts.acknowledgedOnDevice) {
      facts.acknowledgedOnDevice = true;
      changed = true;
    }
    if (alarm.state() == AlarmState.CLEARED && !facts.cleared) {
      facts.cleared = true;
      changed = true;
    }
    if (alarm.state() == AlarmState.RAISED && alarm.header().time().isBefore(facts.raisedAt)) {
      facts.raisedAt = alarm.header().time();
    }
    if (changed) {
      facts.updatedAt = now;
      trim();
      onChange.accept(facts.entry());
    }
  }

  /**
   * Records that {@code operator} has seen the alarm.
   *
   * @return the updated entry, or empty if no such alarm is known
   */
  public synchronized Optional<Entry> acknowledge(String device, String alarmId, String operator) {
    Facts facts = alarms.get(key(device, alarmId));
    if (facts == null) {
      return Optional.empty();
    }
    if (facts.operatorAckBy == null) {
      facts.operatorAckBy = operator;
      facts.operatorAckAt = clock.instant();
      onChange.accept(facts.entry());
    }
    return Optional.of(facts.entry());
  }

  /** All alarms kept: those not over first, by priority then time; then the over, newest first. */
  public synchronized List<Entry> all() {
    List<Entry> list = new ArrayList<>();
    alarms.values().forEach(facts -> list.add(facts.entry()));
    list.sort(
        Comparator.comparing(Entry::over)
            .thenComparing(e -> priorityRank(e.priority()))
            .thenComparing(Entry::updatedAt, Comparator.reverseOrder()));
    return list;
  }

  /** How many alarms are not over. */
  public synchronized long active() {
    return alarms.values().stream().filter(f -> !f.entry().over()).count();
  }

  /** Alarms not over that were dropped because more than {@code maxActive} were kept. */
  public synchronized long dropped() {
    return dropped;
  }

  private void trim() {
    long over = alarms.values().stream().filter(f -> f.entry().over()).count();
    long active = alarms.size() - over;
    Iterator<Facts> oldestFirst = alarms.values().iterator();
    while ((over > historySize || active > maxActive) && oldestFirst.hasNext()) {
      boolean isOver = oldestFirst.next().entry().over();
      if (isOver && over > historySize) {
        oldestFirst.remove();
        over--;
      } else if (!isOver && active > maxActive) {
        oldestFirst.remove();
        active--;
        dropped++;
      }
    }
  }

  private static int priorityRank(String priority) {
    return switch (priority) {
      case "high" -> 0;
      case "medium" -> 1;
      default -> 2;
    };
  }

  private static String key(String device, String alarmId) {
    return device + "/" + alarmId;
  }
}
