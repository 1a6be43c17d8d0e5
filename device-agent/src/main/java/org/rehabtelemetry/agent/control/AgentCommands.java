package org.rehabtelemetry.agent.control;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.rehabtelemetry.agent.alarm.AlarmManager;
import org.rehabtelemetry.agent.session.SessionRecorder;
import org.rehabtelemetry.agent.session.SessionRefusedException;
import org.rehabtelemetry.agent.session.SessionRequest;
import org.rehabtelemetry.agent.session.SessionState;
import org.rehabtelemetry.hardware.gpio.EmergencyStop;
import org.rehabtelemetry.hardware.gpio.StartStopButton;
import org.rehabtelemetry.hardware.profile.DeviceProfile;
import org.rehabtelemetry.hardware.profile.PatientLimits;
import org.rehabtelemetry.hardware.profile.ProgrammeSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a therapist can ask of the device, from the touch UI, the control API, the CLI or the start
 * button: start, pause, resume and stop a session, arm one for the button, acknowledge an alarm,
 * reset the emergency stop. Every command is checked completely before anything changes, and a
 * refusal is a {@link SessionRefusedException} whose message a therapist can act on.
 *
 * <p>After a session ends nothing stays armed: the next child's session must be prepared anew, so a
 * press on an idle device never starts a session for the previous patient.
 *
 * <p>Thread-safe: commands are serialised.
 */
public final class AgentCommands {
  private static final Logger LOG = LoggerFactory.getLogger(AgentCommands.class);

  private final DeviceProfile profile;
  private final SessionRecorder recorder;
  private final AlarmManager alarms;
  private final Supplier<Optional<EmergencyStop>> emergencyStop;
  private final Supplier<List<String>> faultedRequiredSensors;
  private final List<SessionObserver> observers = new CopyOnWriteArrayList<>();
  private final Notices notices;
  private volatile SessionSetup armed;

  /** Where a refusal of a button press goes: the touch UI's notice line. */
  @FunctionalInterface
  public interface Notices {
    void notice(String text);
  }

  /**
   * @param emergencyStop the device's e-stop input, once the hardware exists
   * @param faultedRequiredSensors the required sensors faulted now, with what is wrong
   */
  public AgentCommands(
      DeviceProfile profile,
      SessionRecorder recorder,
      AlarmManager alarms,
      Supplier<Optional<EmergencyStop>> emergencyStop,
      Supplier<List<String>> faultedRequiredSensors,
      Notices notices) {
    this.profile = profile;
    this.recorder = recorder;
    this.alarms = alarms;
    this.emergencyStop = emergencyStop;
    this.faultedRequiredSensors = faultedRequiredSensors;
    this.notices = notices;
  }

  public void addObserver(SessionObserver observer) {
    observers.add(observer);
  }

  /**
   * Starts a session; whatever was armed is consumed.
   *
   * @return the session id
   * @throws SessionRefusedException saying why, with nothing changed
   */
  public synchronized String startSession(SessionSetup setup, String reason) {
    Map<String, Double> settings = complete(setup);
    Map<String, Double> limits = limits(setup);
    String id =
        recorder.start(
            setup.patientCode(),
            setup.programme(),
            settings,
            limits,
            reason,
            estopLatched(),
            faultedRequiredSensors.get());
    armed = null;
    observers.forEach(o -> o.started(id, settings, limits));
    return id;
  }

  private static String number(double value) {
    return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
  }

  /**
   * The session's alarm limits: the preset's, then the setup's by code over them, each checked
   * against the profile's hard bounds.
   *
   * @throws SessionRefusedException in words for the therapist
   */
  private Map<String, Double> limits(SessionSetup setup) {
    PatientLimits allowed = profile.patientLimits();
    Map<String, Double> limits = new LinkedHashMap<>();
    if (setup.limitPreset() != null) {
      PatientLimits.Preset preset =
          allowed
              .preset(setup.limitPreset())
              .orElseThrow(
                  () ->
                      new SessionRefusedException(
                          "There is no alarm limit preset \""
                              + setup.limitPreset()
                              + "\" on this device; choose one of "
                              + allowed.presets().stream().map(PatientLimits.Preset::name).toList()
                              + "."));
      limits.putAll(preset.limits());
    }
    for (Map.Entry<String, Double> limit : setup.limits().entrySet()) {
      PatientLimits.Bounds bounds = allowed.adjustable().get(limit.getKey());
      if (bounds == null) {
        throw new SessionRefusedException(
            "The alarm limit of "
                + limit.getKey()
                + " cannot be changed per patient on this device"
                + (allowed.adjustable().isEmpty()
                    ? "."
                    : "; these can: " + allowed.adjustable().keySet() + "."));
      }
      if (!bounds.contains(limit.getValue())) {
        throw new SessionRefusedException(
            "The alarm limit of "
                + limit.getKey()
                + " must be between "
                + number(bounds.min())
                + " and "
                + number(bounds.max())
                + "; "
                + number(limit.getValue())
                + " was asked.");
      }
      limits.put(limit.getKey(), limit.getValue());
    }
    return limits;
  }

  public synchronized void pauseSession(String reason) {
    recorder.pause(reason);
    observers.forEach(SessionObserver::paused);
  }

  public synchronized void resumeSession(String reason) {
    recorder.resume(reason, estopLatched());
    observers.forEach(SessionObserver::resumed);
  }

  public synchronized void stopSession(String reason) {
    recorder.stop(reason);
    ended();
  }

  /** Ends the running session abnormally (e-stop, sensor failure); nothing when idle. */
  public synchronized void interrupt(String reason) {
    if (recorder.state().isActive()) {
      recorder.interrupt(reason);
      ended();
    }
  }

  /**
   * Prepares a session for the start button, checked now as a start would be.
   *
   * @throws SessionRefusedException saying why, with nothing armed
   */
  public synchronized void arm(SessionSetup setup) {
    complete(setup);
    armed = setup;
  }

  /** Forgets what was armed. */
  public synchronized void disarm() {
    armed = null;
  }

  public Optional<SessionSetup> armed() {
    return Optional.ofNullable(armed);
  }

  /** A person acknowledged an alarm on the device; returns whether it was active. */
  public boolean acknowledgeAlarm(String alarmId) {
    return alarms.acknowledge(alarmId);
  }

  /**
   * The therapist's deliberate e-stop reset.
   *
   * @throws SessionRefusedException while the button is still pressed, or without an e-stop
   */
  public void resetEmergencyStop() {
    EmergencyStop estop =
        emergencyStop
            .get()
            .orElseThrow(
                () -> new SessionRefusedException("This device has no emergency stop input."));
    try {
      estop.reset();
    } catch (IllegalStateException e) {
      throw new SessionRefusedException(e.getMessage());
    }
  }

  public boolean estopLatched() {
    return emergencyStop.get().map(EmergencyStop::isLatched).orElse(false);
  }

  /**
   * The start/stop button: a long press stops a running or paused session; a short press pauses a
   * running one, resumes a paused one, or starts the armed one. A short press with nothing armed is
   * refused with a notice on the touch UI.
   */
  public void buttonPressed(StartStopButton.Press press) {
    try {
      SessionState state = recorder.state();
      if (press == StartStopButton.Press.LONG && state.isActive()) {
        stopSession("button");
      } else if (press == StartStopButton.Press.SHORT && state == SessionState.RUNNING) {
        pauseSession("button");
      } else if (press == StartStopButton.Press.SHORT && state == SessionState.PAUSED) {
        resumeSession("button");
      } else if (press == StartStopButton.Press.SHORT) {
        SessionSetup setup = armed;
        if (setup == null) {
          throw new SessionRefusedException(
              "nothing-armed",
              Map.of(),
              "Nothing is prepared: choose the patient and the programme on the screen, then"
                  + " press the button.");
        }
        startSession(setup, "button");
      } else {
        LOG.info("button {} ignored: no session to stop", press);
      }
    } catch (SessionRefusedException e) {
      LOG.warn("button {}: {}", press, e.getMessage());
      notices.notice(e.getMessage());
    }
  }

  private void ended() {
    armed = null;
    observers.forEach(SessionObserver::ended);
  }

  /**
   * The setup's settings completed with the programme's defaults, after checking the setup as a
   * start checks it (the reason aside).
   */
  private Map<String, Double> complete(SessionSetup setup) {
    SessionRequest.checkStart(
        profile, setup.patientCode(), setup.programme(), setup.settings(), "check");
    limits(setup); // refuses limits the profile does not allow, before anything changes
    ProgrammeSpec programme = profile.programme(setup.programme()).orElseThrow();
    Map<String, Double> settings = new LinkedHashMap<>();
    programme.settings().forEach((name, spec) -> settings.put(name, spec.defaultValue()));
    settings.putAll(setup.settings());
    return settings;
  }
}
