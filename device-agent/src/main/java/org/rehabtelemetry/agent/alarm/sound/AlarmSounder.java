package org.rehabtelemetry.agent.alarm.sound;

import java.time.Duration;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.rehabtelemetry.agent.alarm.ActiveAlarm;
import org.rehabtelemetry.agent.alarm.AlarmManager;
import org.rehabtelemetry.agent.alarm.AlarmSpec;
import org.rehabtelemetry.hardware.port.MonotonicClock;
import org.rehabtelemetry.protocol.AlarmPriority;
import org.rehabtelemetry.protocol.AlarmState;

/**
 * Decides which priority sounds now, and keeps the AUDIO PAUSED inactivation state.
 *
 * <ul>
 *   <li>An alarm sounds while it is raised and not acknowledged; a latched one also after its
 *       condition ended, until a person acknowledges it. Acknowledging silences it.
 *   <li>The highest priority among them sounds (one pattern at a time).
 *   <li>{@link #pause} silences the alarms sounding at that moment for the pause time (default 2
 *       min). It is shown and journaled as the technical alarm {@value #AUDIO_PAUSED} (low, never
 *       sounding itself), so the alarm log and the operator see who paused and until when. When the
 *       pause ends, or a new alarm condition arises during it, sound returns for whatever still
 *       needs it.
 *   <li>{@link #pauseAlarms} is ALARM PAUSED, with the risk controls of docs/alarms.md: for a short
 *       time (default 60 s) medium and low alarms show no flashing light and make no sound on the
 *       device, including new ones; high-priority alarms are never paused (one active refuses the
 *       pause, one arising ends it), and it is refused, or ends within a quarter second, while the
 *       operator link is lost or the broker is not connected, since the operator's dashboard is the
 *       second watcher. It is shown and journaled as the technical alarm {@value #ALARM_PAUSED}.
 * </ul>
 *
 * <p>Thread-safe. Every method takes the alarm manager's lock before its own, in that order,
 * because {@link #update} is also called from the alarm manager's listener (under its lock, and
 * re-entrantly when the pause itself changes); the opposite order would deadlock with the agent's
 * tick. It returns at once: the buzzer plays on its own thread.
 */
public final class AlarmSounder {
  /** The code (and key) of the inactivation state's technical alarm. */
  public static final String AUDIO_PAUSED = "AUDIO_PAUSED";

  /** The code (and key) of ALARM PAUSED's technical alarm. */
  public static final String ALARM_PAUSED = "ALARM_PAUSED";

  /** The operator-link-lost alarm's code (the agent's LinkWatch raises it). */
  private static final String OPERATOR_LINK_LOST = "OPERATOR_LINK_LOST";

  private final AlarmManager alarms;
  private final MonotonicClock clock;
  private final TimedPause audioPause;
  private final TimedPause alarmPause;
  private final Consumer<AlarmPriority> output;
  private final BooleanSupplier linkUp;
  private Set<String> silenced = Set.of();
  private AlarmPriority sounding;

  /**
   * @param pauseFor how long AUDIO PAUSED lasts
   * @param alarmPauseFor how long ALARM PAUSED lasts
   * @param linkUp whether the agent is connected to the broker now (ALARM PAUSED needs it); quick
   * @param output hears the priority to sound, or null for silence, on every change
   */
  public AlarmSounder(
      AlarmManager alarms,
      MonotonicClock clock,
      Duration pauseFor,
      Duration alarmPauseFor,
      BooleanSupplier linkUp,
      Consumer<AlarmPriority> output) {
    this.alarms = alarms;
    this.clock = clock;
    this.audioPause = new TimedPause(pauseFor);
    this.alarmPause = new TimedPause(alarmPauseFor);
    this.linkUp = linkUp;
    this.output = output;
  }

  /** The priority sounding now, or null. */
  public AlarmPriority sounding() {
    synchronized (alarms) {
      synchronized (this) {
        return sounding;
      }
    }
  }

  /** Seconds of AUDIO PAUSED left, rounded up; 0 when not paused. */
  public long pausedSecondsLeft() {
    synchronized (alarms) {
      synchronized (this) {
        return audioPause.secondsLeft(clock.nanos());
      }
    }
  }

  /** Seconds of ALARM PAUSED left, rounded up; 0 when not paused. */
  public long alarmPausedSecondsLeft() {
    synchronized (alarms) {
      synchronized (this) {
        return alarmPause.secondsLeft(clock.nanos());
      }
    }
  }

  /**
   * ALARM PAUSED: for the alarm pause time, medium and low alarms, present and new, show no
   * flashing light and make no sound on the device; they are still listed, logged and sent to the
   * operator.
   *
   * @param who who paused, e.g. {@code touch UI} or {@code CLI}, for the log
   * @return empty when paused, else why it was refused
   */
  public Optional<AlarmPauseRefusal> pauseAlarms(String who) {
    synchronized (alarms) {
      synchronized (this) {
        if (!linkUp.getAsBoolean()) {
          return Optional.of(AlarmPauseRefusal.OPERATOR_LINK_LOST);
        }
        for (ActiveAlarm alarm : alarms.active()) {
          if (needsSound(alarm) && alarm.spec().priority() == AlarmPriority.HIGH) {
            return Optional.of(AlarmPauseRefusal.HIGH_PRIORITY_ACTIVE);
          }
          if (isLinkLost(alarm)) {
            return Optional.of(AlarmPauseRefusal.OPERATOR_LINK_LOST);
          }
        }
        alarmPause.start(clock.nanos());
        alarms.clear(ALARM_PAUSED); // a repeated press starts a new pause, logged as such
        raiseNotice(
            ALARM_PAUSED,
            "Alarms paused for "
                + alarmPause.lengthInWords()
                + " on the device ("
                + clean(who)
                + "): medium and low alarms show no light or sound here; high-priority alarms"
                + " still sound; the operator still sees every alarm");
        updateLocked();
        return Optional.empty();
      }
    }
  }

  /** Ends ALARM PAUSED early. */
  public void resumeAlarms() {
    synchronized (alarms) {
      synchronized (this) {
        if (alarmPause.isOn()) {
          endAlarmPause();
        }
        updateLocked();
      }
    }
  }

  /**
   * AUDIO PAUSED: silences what sounds now for the pause time.
   *
   * @param who who paused, e.g. {@code touch UI} or {@code CLI}, for the log
   * @return false when nothing was sounding (nothing to pause)
   */
  public boolean pause(String who) {
    synchronized (alarms) {
      synchronized (this) {
        return pauseLocked(who);
      }
    }
  }

  /** A person's name or role for the log: no control characters, at most 40 characters. */
  private static String clean(String given) {
    String who = given.replaceAll("\\p{Cntrl}", " ").strip();
    return who.isEmpty() ? "unknown" : who.length() > 40 ? who.substring(0, 40) : who;
  }

  private boolean pauseLocked(String who) {
    Set<String> now = new HashSet<>();
    for (ActiveAlarm alarm : alarms.active()) {
      if (needsSound(alarm)) {
        now.add(alarm.alarmId());
      }
    }
    if (now.isEmpty()) {
      return false;
    }
    silenced = now;
    audioPause.start(clock.nanos());
    raiseNotice(
        AUDIO_PAUSED,
        "Alarm sound paused for "
            + audioPause.lengthInWords()
            + " on the device ("
            + clean(who)
            + "); it returns if the alarm is still there");
    updateLocked();
    return true;
  }

  /** Raises an inactivation state's notice: a low technical alarm that never sounds itself. */
  private void raiseNotice(String code, String message) {
    alarms.raise(AlarmSpec.technical(code, code, AlarmPriority.LOW, false, message), clock.nanos());
  }

  /** Tells the output what sounds now, even if unchanged (a buzzer attached late). */
  public void replay() {
    synchronized (alarms) {
      synchronized (this) {
        output.accept(sounding);
      }
    }
  }

  /** Ends AUDIO PAUSED early (a person resumed the sound). */
  public void resume() {
    synchronized (alarms) {
      synchronized (this) {
        if (audioPause.isOn()) {
          endPause();
        }
        updateLocked();
      }
    }
  }

  /** Recomputes what sounds; ends the pause when its time is over or a new alarm arose. */
  public void update() {
    synchronized (alarms) {
      synchronized (this) {
        updateLocked();
      }
    }
  }

  private void updateLocked() {
    if (audioPause.isOver(clock.nanos())) {
      endPause();
    }
    if (alarmPause.isOn()) {
      boolean ends = alarmPause.isOver(clock.nanos()) || !linkUp.getAsBoolean();
      for (ActiveAlarm alarm : alarms.active()) {
        ends |= isLinkLost(alarm);
        ends |= needsSound(alarm) && alarm.spec().priority() == AlarmPriority.HIGH;
      }
      if (ends) {
        endAlarmPause();
      }
    }
    if (audioPause.isOn()) {
      for (ActiveAlarm alarm : alarms.active()) {
        if (needsSound(alarm) && !silenced.contains(alarm.alarmId())) {
          endPause(); // a new alarm condition: sound returns for all
          break;
        }
      }
    }
    AlarmPriority top = null;
    for (ActiveAlarm alarm : alarms.active()) {
      if (needsSound(alarm)
          && !(audioPause.isOn() && silenced.contains(alarm.alarmId()))
          && !(alarmPause.isOn() && alarm.spec().priority() != AlarmPriority.HIGH)) {
        AlarmPriority priority = alarm.spec().priority();
        top = top == null || rank(priority) > rank(top) ? priority : top;
      }
    }
    if (top != sounding) {
      sounding = top;
      output.accept(top);
    }
  }

  private void endPause() {
    audioPause.end();
    silenced = Set.of();
    alarms.clear(AUDIO_PAUSED); // re-enters update() through the listener, now unpaused
  }

  private void endAlarmPause() {
    alarmPause.end();
    alarms.clear(ALARM_PAUSED); // re-enters update() through the listener, now not paused
  }

  private static boolean isLinkLost(ActiveAlarm alarm) {
    return OPERATOR_LINK_LOST.equals(alarm.spec().code()) && alarm.state() != AlarmState.CLEARED;
  }

  private static int rank(AlarmPriority priority) {
    return switch (priority) {
      case HIGH -> 3;
      case MEDIUM -> 2;
      case LOW -> 1;
    };
  }

  private static boolean needsSound(ActiveAlarm alarm) {
    if (AUDIO_PAUSED.equals(alarm.spec().code()) || ALARM_PAUSED.equals(alarm.spec().code())) {
      return false;
    }
    return alarm.state() == AlarmState.RAISED
        || (alarm.state() == AlarmState.CLEARED && alarm.spec().latched());
  }
}
