package org.rehabtelemetry.gateway.dashboard;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.rehabtelemetry.gateway.ingest.IngestListener;
import org.rehabtelemetry.protocol.AlarmEvent;
import org.rehabtelemetry.protocol.Message;

/**
 * The operator's alarm list: every alarm the devices raised, with its life cycle on the device
 * (raised, acknowledged by the therapist, cleared) and the operator's own acknowledgement.
 *
 * <p>The operator's acknowledgement says "seen at the desk"; it does not silence or reset anything
 * on the device. That stays at the bedside, with the therapist. Alarms come in as soon as the
 * gateway receives them, before they are stored, so a database outage does not hide them.
 *
 * <p>Keeps every alarm that is not cleared and the most recent {@code historySize} cleared ones.
 * Thread-safe.
 */
public final class AlarmBoard implements IngestListener {
  /**
   * One alarm as the operator sees it.
   *
   * @param device the device
   * @param alarmId the alarm's id on that device
   * @param code e.g. {@code SPO2_LOW}
   * @param priority {@code high}, {@code medium} or {@code low} (IEC 60601-1-8)
   * @param deviceState raised, acknowledged or cleared, as last reported by the device
   * @param message the device's text
   * @param channel the channel, or null
   * @param value the triggering value in the channel's unit, or null
   * @param limit the crossed limit, or null
   * @param raisedAt when the device raised it (when the gateway first heard of it, if later)
   * @param updatedAt the device's time of the last change
   * @param operatorAckBy the operator who acknowledged it, or null
   * @param operatorAckAt when, or null
   */
  public record Entry(
      String device,
      String alarmId,
      String code,
      String priority,
      String deviceState,
      String message,
      String channel,
      Double value,
      Double limit,
      Instant raisedAt,
      Instant updatedAt,
      String operatorAckBy,
      Instant operatorAckAt) {}

  private final int historySize;
  private final Clock clock;
  private final Consumer<Entry> onChange;
  private final Map<String, Entry> entries = new LinkedHashMap<>();

  /**
   * @param onChange told of every new or changed entry (for the live stream); called under this
   *     board's lock, so it must be quick and must not call back
   */
  public AlarmBoard(int historySize, Clock clock, Consumer<Entry> onChange) {
    this.historySize = historySize;
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
    Entry previous = entries.get(key);
    Instant time = alarm.header().time();
    if (previous != null && previous.updatedAt().isAfter(time)) {
      return; // an older state delivered late or again
    }
    if (previous != null
        && previous.updatedAt().equals(time)
        && previous.deviceState().equals(alarm.state().wireName())) {
      return; // the same message again
    }
    Entry entry =
        new Entry(
            alarm.header().deviceId(),
            alarm.alarmId(),
            alarm.code(),
            alarm.priority().wireName(),
            alarm.state().wireName(),
            alarm.message(),
            alarm.channel(),
            alarm.value(),
            alarm.limit(),
            previous == null ? time : previous.raisedAt(),
            time,
            previous == null ? null : previous.operatorAckBy(),
            previous == null ? null : previous.operatorAckAt());
    entries.remove(key);
    entries.put(key, entry);
    trim();
    onChange.accept(entry);
  }

  /**
   * Records that {@code operator} has seen the alarm.
   *
   * @return the updated entry, or empty if no such alarm is known
   */
  public synchronized Optional<Entry> acknowledge(String device, String alarmId, String operator) {
    String key = key(device, alarmId);
    Entry entry = entries.get(key);
    if (entry == null) {
      return Optional.empty();
    }
    if (entry.operatorAckBy() == null) {
      entry =
          new Entry(
              entry.device(),
              entry.alarmId(),
              entry.code(),
              entry.priority(),
              entry.deviceState(),
              entry.message(),
              entry.channel(),
              entry.value(),
              entry.limit(),
              entry.raisedAt(),
              entry.updatedAt(),
              operator,
              clock.instant());
      entries.put(key, entry);
      onChange.accept(entry);
    }
    return Optional.of(entry);
  }

  /**
   * All alarms kept: uncleared ones first, by priority then time; then the cleared, newest first.
   */
  public synchronized List<Entry> all() {
    List<Entry> list = new ArrayList<>(entries.values());
    list.sort(
        Comparator.comparing((Entry e) -> e.deviceState().equals("cleared"))
            .thenComparing(e -> priorityRank(e.priority()))
            .thenComparing(Entry::updatedAt, Comparator.reverseOrder()));
    return list;
  }

  /** How many alarms are not cleared on their device. */
  public synchronized long active() {
    return entries.values().stream().filter(e -> !e.deviceState().equals("cleared")).count();
  }

  private void trim() {
    long cleared = entries.values().stream().filter(e -> e.deviceState().equals("cleared")).count();
    var iterator = entries.values().iterator();
    while (cleared > historySize && iterator.hasNext()) {
      if (iterator.next().deviceState().equals("cleared")) {
        iterator.remove();
        cleared--;
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
