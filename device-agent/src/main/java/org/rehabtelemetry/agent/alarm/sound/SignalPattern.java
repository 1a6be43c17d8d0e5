package org.rehabtelemetry.agent.alarm.sound;

import java.util.List;
import org.rehabtelemetry.protocol.AlarmPriority;

/**
 * The auditory alarm signal of one priority, after IEC 60601-1-8 (table 4 and the high-priority
 * burst of 10 pulses): pulse durations and spacings in milliseconds, chosen inside the standard's
 * ranges (docs/alarms.md lists them and the ranges they were checked against).
 *
 * <ul>
 *   <li>high: 10 pulses of 150 ms, spaced 100 ms, grouped 3 + 2, pause, 3 + 2; a burst every 5 s;
 *   <li>medium: 3 pulses of 200 ms, spaced 200 ms; a burst every 8 s;
 *   <li>low: 2 pulses of 200 ms, spaced 200 ms; a burst every 20 s.
 * </ul>
 *
 * @param onOffMillis the burst as alternating on and off times, starting with on, ending with on
 * @param burstEveryMillis from the start of one burst to the start of the next
 */
public record SignalPattern(List<Integer> onOffMillis, int burstEveryMillis) {
  private static final int HIGH_PULSE = 150;
  private static final int HIGH_SPACE = 100;
  private static final int HIGH_GROUP_GAP = 2 * HIGH_SPACE + HIGH_PULSE; // between pulses 3 and 4
  private static final int HIGH_HALF_GAP = 700; // between pulses 5 and 6 (0.35 to 1.3 s)

  /** The 10-pulse burst of a high-priority alarm. */
  public static final SignalPattern HIGH =
      new SignalPattern(
          List.of(
              HIGH_PULSE,
              HIGH_SPACE,
              HIGH_PULSE,
              HIGH_SPACE,
              HIGH_PULSE,
              HIGH_GROUP_GAP,
              HIGH_PULSE,
              HIGH_SPACE,
              HIGH_PULSE,
              HIGH_HALF_GAP,
              HIGH_PULSE,
              HIGH_SPACE,
              HIGH_PULSE,
              HIGH_SPACE,
              HIGH_PULSE,
              HIGH_GROUP_GAP,
              HIGH_PULSE,
              HIGH_SPACE,
              HIGH_PULSE),
          5_000);

  /** The 3-pulse burst of a medium-priority alarm. */
  public static final SignalPattern MEDIUM =
      new SignalPattern(List.of(200, 200, 200, 200, 200), 8_000);

  /** The 2-pulse burst of a low-priority alarm. */
  public static final SignalPattern LOW = new SignalPattern(List.of(200, 200, 200), 20_000);

  public SignalPattern {
    onOffMillis = List.copyOf(onOffMillis);
    if (onOffMillis.size() % 2 == 0 || burstLengthMillis(onOffMillis) >= burstEveryMillis) {
      throw new IllegalArgumentException("a burst starts and ends with a pulse, within its period");
    }
  }

  /** The pattern of a priority. */
  public static SignalPattern of(AlarmPriority priority) {
    return switch (priority) {
      case HIGH -> HIGH;
      case MEDIUM -> MEDIUM;
      case LOW -> LOW;
    };
  }

  /** How many pulses one burst has. */
  public int pulses() {
    return (onOffMillis.size() + 1) / 2;
  }

  /** How long one burst sounds, from its first pulse's start to its last pulse's end. */
  public int burstMillis() {
    return burstLengthMillis(onOffMillis);
  }

  private static int burstLengthMillis(List<Integer> onOff) {
    int total = 0;
    for (int millis : onOff) {
      total += millis;
    }
    return total;
  }
}
