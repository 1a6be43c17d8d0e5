package org.rehabtelemetry.agent.monitor;

import java.util.Map;
import org.rehabtelemetry.agent.alarm.AlarmManager;
import org.rehabtelemetry.agent.alarm.AlarmSpec;
import org.rehabtelemetry.agent.alarm.rules.AlarmRules;
import org.rehabtelemetry.agent.control.AgentCommands;
import org.rehabtelemetry.agent.session.SessionRecorder;
import org.rehabtelemetry.agent.session.TraceRecorder;
import org.rehabtelemetry.agent.status.AgentEvents;
import org.rehabtelemetry.agent.status.LiveValue;
import org.rehabtelemetry.agent.status.LiveValues;
import org.rehabtelemetry.agent.time.Timebase;
import org.rehabtelemetry.hardware.DeviceHardware;
import org.rehabtelemetry.hardware.Reading;
import org.rehabtelemetry.hardware.fault.SensorStatus;
import org.rehabtelemetry.hardware.gpio.StartStopButton;
import org.rehabtelemetry.protocol.AlarmPriority;

/**
 * Where everything the hardware reports goes, on the drivers' threads:
 *
 * <ul>
 *   <li>a reading: the live view, the session recorder (and the trace recorder) while a session
 *       runs, the alarm rules, the touch UI;
 *   <li>a contact change: the live view, the trace, and the alarm rules as a reading of the
 *       switch's name (1 closed, 0 open);
 *   <li>a sensor's health: the {@link SensorWatch};
 *   <li>the emergency stop: a high, latched {@code ESTOP} alarm that interrupts the session;
 *   <li>the start/stop button: the {@link AgentCommands}.
 * </ul>
 *
 * Must not block: every consumer is quick (the journal writes to the operating system only).
 * Thread-safe as its consumers are.
 */
public final class ReadingRouter implements DeviceHardware.Listener {
  private final Map<String, String> units;
  private final Timebase timebase;
  private final LiveValues live;
  private final SessionRecorder recorder;
  private final TraceRecorder traces;
  private final AlarmRules rules;
  private final AlarmManager alarms;
  private final SensorWatch sensors;
  private final AgentCommands commands;
  private final AgentEvents events;

  /**
   * @param units each channel's unit, for the live view
   * @param traces the trace recorder, or null when sessions are not recorded into traces
   */
  public ReadingRouter(
      Map<String, String> units,
      Timebase timebase,
      LiveValues live,
      SessionRecorder recorder,
      TraceRecorder traces,
      AlarmRules rules,
      AlarmManager alarms,
      SensorWatch sensors,
      AgentCommands commands,
      AgentEvents events) {
    this.units = Map.copyOf(units);
    this.timebase = timebase;
    this.live = live;
    this.recorder = recorder;
    this.traces = traces;
    this.rules = rules;
    this.alarms = alarms;
    this.sensors = sensors;
    this.commands = commands;
    this.events = events;
  }

  @Override
  public void accept(Reading reading) {
    live.put(
        new LiveValue(
            reading.channel(),
            reading.value(),
            units.getOrDefault(reading.channel(), ""),
            timebase.epochMicros(reading.nanos()) / 1000));
    recorder.onReading(reading);
    if (traces != null && recorder.state().isActive()) {
      traces.reading(reading);
    }
    rules.evaluate(reading);
    events.fire(reading);
  }

  @Override
  public void statusChanged(SensorStatus status) {
    sensors.statusChanged(status);
    events.fire(status);
  }

  @Override
  public void latched(long nanos) {
    if (traces != null) {
      traces.estop(nanos);
    }
    raiseEstop(nanos);
    commands.interrupt("emergency stop pressed");
  }

  /** Raises the e-stop alarm; also at start when the e-stop is found latched. */
  public void raiseEstop(long nanos) {
    alarms.raise(AlarmSpec.latched("ESTOP", AlarmPriority.HIGH, "Emergency stop pressed"), nanos);
  }

  @Override
  public void reset(long nanos) {
    alarms.clear("ESTOP");
    events.fire("estop");
  }

  @Override
  public void pressed(StartStopButton.Press press, long nanos) {
    commands.buttonPressed(press);
  }

  @Override
  public void changed(String name, boolean active, long nanos) {
    if (traces != null) {
      traces.contact(name, active, nanos);
    }
    live.put(new LiveValue(name, active ? 1 : 0, "", timebase.epochMicros(nanos) / 1000));
    rules.evaluate(new Reading(name, active ? 1 : 0, nanos));
    events.fire(name);
  }
}
