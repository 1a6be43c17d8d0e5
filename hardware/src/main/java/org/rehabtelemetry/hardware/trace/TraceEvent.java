package org.rehabtelemetry.hardware.trace;

import java.util.Set;

/**
 * Something that happens to the device at an instant, other than a sample.
 *
 * <ul>
 *   <li>{@code button press|release}: the start/stop button;
 *   <li>{@code estop press|release}: the emergency stop;
 *   <li>{@code switch NAME=open|closed}: a contact, e.g. {@code waterLevelOk=closed};
 *   <li>{@code fault PORT garbage N}: N random bytes on a serial port ({@code sensorHub} or {@code
 *       oximeter});
 *   <li>{@code fault PORT unplug} and {@code fault PORT replug}: the port disappears and returns;
 * </ul>
 *
 * Silence needs no event: a trace simply has no rows for the port for a while.
 *
 * @param timeUs microseconds from the start of the trace
 * @param name button, estop, switch or fault
 * @param arg the event's argument as above
 */
public record TraceEvent(long timeUs, String name, String arg) {
  static final Set<String> NAMES = Set.of("button", "estop", "switch", "fault");

  public TraceEvent {
    if (!NAMES.contains(name)) {
      throw new IllegalArgumentException("unknown event @" + name + ", expected one of " + NAMES);
    }
    if (arg.contains(",") || arg.contains("\n")) {
      throw new IllegalArgumentException("event argument may not contain ',' or a line break");
    }
  }
}
