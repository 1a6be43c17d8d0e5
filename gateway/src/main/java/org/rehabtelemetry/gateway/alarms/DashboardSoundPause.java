package org.rehabtelemetry.gateway.alarms;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * AUDIO PAUSED at the operator's dashboard (IEC 60601-1-8 inactivation state): an operator silences
 * the dashboard's alarm sound for the alarms sounding at that moment, for a limited time (default 2
 * min). The pause is the gateway's, not one browser's: every dashboard shows it and stays silent
 * for those alarms, and it is logged with who paused and when it ended.
 *
 * <ul>
 *   <li>It silences only what the operator heard: the alarms the dashboard said it was sounding, of
 *       those that still need sound. It never silences the alarms of a device whose own alarms are
 *       paused ({@code ALARM_PAUSED}): then the desk is the only one to hear them.
 *   <li>It ends when its time is over ({@link #check()}, run every half second on the gateway's
 *       housekeeping thread with the gateway's clock), when an operator resumes the sound, at once
 *       when an alarm that was not silenced starts to need sound (a new condition is never silenced
 *       by an older pause), and at once when a device pauses its own alarms.
 *   <li>A pause while paused changes nothing (it neither extends nor replaces the pause).
 *   <li>The device's own sound and lights are untouched; only the desk is silenced.
 *   <li>An alarm needs sound at the dashboard while it is not over (a latched one also after, until
 *       an operator has seen it), no operator has acknowledged it and it is not itself a silent
 *       inactivation notice ({@code AUDIO_PAUSED}, {@code ALARM_PAUSED}), as the dashboard's script
 *       decides.
 * </ul>
 *
 * <p>Every change goes to {@code onChange} (the live stream) and {@code log} (the alarm log) in the
 * order it happened, with a version that only grows, so a dashboard can drop a state older than one
 * it has. Both are called under this object's lock and must be quick and must not call back (the
 * live feed and the alarm log only queue). Thread-safe; the alarm board calls {@link #alarmChanged}
 * under its own lock, and this class never calls the board while holding its own.
 */
public final class DashboardSoundPause {
  /** The code the pause carries in the alarm log, as the device's own sound pause does. */
  public static final String CODE = "AUDIO_PAUSED";

  /** A device's own ALARM PAUSED notice. */
  static final String DEVICE_ALARM_PAUSED = "ALARM_PAUSED";

  /** A device's inactivation notices: shown and logged, never sounded. */
  private static final Set<String> SOUNDLESS = Set.of(CODE, DEVICE_ALARM_PAUSED);

  /** Why a pause ended. */
  public enum Ending {
    TIME_OVER("its time was over"),
    NEW_ALARM("a new alarm needs sound"),
    DEVICE_PAUSED_ITS_ALARMS("a device paused its own alarms: the desk must hear them"),
    RESUMED("resumed by %s");

    private final String words;

    Ending(String words) {
      this.words = words;
    }

    String words(String who) {
      return String.format(words, who);
    }
  }

  /**
   * The pause as the dashboards show it.
   *
   * @param version grows with every change; a dashboard ignores a state older than its own
   * @param paused whether the dashboard's sound is paused now
   * @param by the operator who paused (or who resumed, once over), or null
   * @param since when it was paused, or null
   * @param until when it ends by itself, or null
   * @param secondsLeft whole seconds left, rounded up; 0 when not paused
   * @param silenced the alarms silenced, as {@code device/alarmId}
   * @param ended why the last pause ended, in words, or null
   */
  public record State(
      long version,
      boolean paused,
      String by,
      Instant since,
      Instant until,
      long secondsLeft,
      List<String> silenced,
      String ended) {}

  /**
   * What a request did.
   *
   * @param state the state after it
   * @param changed whether it paused or resumed anything (false: nothing to pause, already paused,
   *     or nothing to resume)
   */
  public record Outcome(State state, boolean changed) {}

  private final Supplier<List<AlarmBoard.Entry>> alarms;
  private final Clock clock;
  private final Duration pauseFor;
  private final Consumer<State> onChange;
  private final Consumer<AlarmBoard.Entry> log;
  private long version;
  private long pauses;
  private String by;
  private Instant since;
  private Instant until;
  private Set<String> silenced = Set.of();
  private String pauseId;
  private String ended;

  /**
   * @param alarms the operator's alarm list now ({@link AlarmBoard#all()}); called without this
   *     object's lock
   * @param pauseFor how long a pause lasts
   * @param onChange told of every start and end (the live stream), in order
   * @param log told of every start and end as an alarm-log entry (code {@value #CODE}), in order
   */
  public DashboardSoundPause(
      Supplier<List<AlarmBoard.Entry>> alarms,
      Clock clock,
      Duration pauseFor,
      Consumer<State> onChange,
      Consumer<AlarmBoard.Entry> log) {
    if (pauseFor.isNegative() || pauseFor.isZero()) {
      throw new IllegalArgumentException("a pause lasts a positive time: " + pauseFor);
    }
    this.alarms = alarms;
    this.clock = clock;
    this.pauseFor = pauseFor;
    this.onChange = onChange;
    this.log = log;
  }

  /**
   * Pauses the dashboard's sound for the alarms the operator heard.
   *
   * @param operator who paused, for the log
   * @param heard the alarms the dashboard was sounding ({@code device/alarmId}); null takes every
   *     alarm that needs sound now (an API client that shows none)
   * @return the state, and whether it paused: not when nothing heard still needs sound, nor when
   *     already paused
   */
  public Outcome pause(String operator, Set<String> heard) {
    Set<String> devicesPaused = new HashSet<>();
    Set<String> now = new HashSet<>();
    List<AlarmBoard.Entry> list = alarms.get();
    for (AlarmBoard.Entry entry : list) {
      if (DEVICE_ALARM_PAUSED.equals(entry.code()) && !entry.conditionEnded()) {
        devicesPaused.add(entry.device());
      }
    }
    for (AlarmBoard.Entry entry : list) {
      if (needsSound(entry)
          && (heard == null || heard.contains(key(entry)))
          && !devicesPaused.contains(entry.device())) {
        now.add(key(entry));
      }
    }
    synchronized (this) {
      if (now.isEmpty() || since != null) {
        return new Outcome(stateLocked(), false);
      }
      Instant at = clock.instant();
      by = operator;
      since = at;
      until = at.plus(pauseFor);
      silenced = Set.copyOf(now);
      ended = null;
      pauseId = "dashboard-pause-" + ++pauses + "-" + at.toEpochMilli();
      log.accept(
          logEntry(
              "raised",
              false,
              "Alarm sound paused at the dashboard for "
                  + describe(pauseFor)
                  + " by "
                  + operator
                  + " ("
                  + now.size()
                  + (now.size() == 1 ? " alarm" : " alarms")
                  + "); it returns if they are still there",
              at));
      return new Outcome(changedLocked(), true);
    }
  }

  /** Ends the pause early (an operator resumed the sound). */
  public synchronized Outcome resume(String operator) {
    if (since == null) {
      return new Outcome(stateLocked(), false);
    }
    return new Outcome(endLocked(Ending.RESUMED, operator), true);
  }

  /** Ends the pause when its time is over. Quick; call it often. */
  public synchronized void check() {
    if (since != null && !clock.instant().isBefore(until)) {
      endLocked(Ending.TIME_OVER, null);
    }
  }

  /**
   * Hears an alarm change from the board: a new alarm that needs sound, or a device pausing its own
   * alarms, ends the pause.
   */
  public synchronized void alarmChanged(AlarmBoard.Entry entry) {
    if (since == null) {
      return;
    }
    if (DEVICE_ALARM_PAUSED.equals(entry.code()) && !entry.conditionEnded()) {
      endLocked(Ending.DEVICE_PAUSED_ITS_ALARMS, null);
    } else if (needsSound(entry) && !silenced.contains(key(entry))) {
      endLocked(Ending.NEW_ALARM, null);
    }
  }

  /** The pause now. */
  public synchronized State state() {
    return stateLocked();
  }

  private State endLocked(Ending why, String operator) {
    Instant at = clock.instant();
    ended = why.words(operator);
    log.accept(logEntry("cleared", true, "Alarm sound at the dashboard is back: " + ended, at));
    by = operator != null ? operator : by;
    since = null;
    until = null;
    silenced = Set.of();
    pauseId = null;
    return changedLocked();
  }

  private State changedLocked() {
    version++;
    State state = stateLocked();
    onChange.accept(state);
    return state;
  }

  private State stateLocked() {
    if (since == null) {
      return new State(version, false, by, null, null, 0, List.of(), ended);
    }
    long millisLeft = Duration.between(clock.instant(), until).toMillis();
    long secondsLeft = millisLeft <= 0 ? 0 : (millisLeft + 999) / 1000;
    return new State(
        version, true, by, since, until, secondsLeft, silenced.stream().sorted().toList(), null);
  }

  private AlarmBoard.Entry logEntry(String state, boolean ended, String message, Instant at) {
    return new AlarmBoard.Entry(
        "dashboard",
        pauseId,
        CODE,
        "low",
        state,
        ended,
        false,
        message,
        null,
        null,
        null,
        since,
        at,
        by,
        since);
  }

  /** Whether the dashboard sounds for this alarm (as the dashboard's script decides). */
  static boolean needsSound(AlarmBoard.Entry entry) {
    boolean overAndNotLatched = entry.over() && !entry.latched();
    return !overAndNotLatched && entry.operatorAckBy() == null && !SOUNDLESS.contains(entry.code());
  }

  private static String key(AlarmBoard.Entry entry) {
    return entry.device() + "/" + entry.alarmId();
  }

  private static String describe(Duration duration) {
    long seconds = duration.toSeconds();
    return seconds % 60 == 0 ? seconds / 60 + " min" : seconds + " s";
  }
}
