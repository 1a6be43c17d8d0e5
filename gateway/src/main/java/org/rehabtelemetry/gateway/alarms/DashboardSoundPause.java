package org.rehabtelemetry.gateway.alarms;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * AUDIO PAUSED at the operator's dashboard (IEC 60601-1-8 inactivation state): an operator silences
 * the dashboard's alarm sound for the alarms sounding at that moment, for a limited time (default 2
 * min). The pause is the gateway's, not one browser's: every dashboard shows it and stays silent
 * for those alarms, and it is logged with who paused and when it ended.
 *
 * <ul>
 *   <li>It ends when its time is over ({@link #check()}, run every half second on the gateway's
 *       housekeeping thread with the gateway's clock), when an operator resumes the sound, or at
 *       once when an alarm that was not sounding at the pause starts to need sound: a new condition
 *       is never silenced by an older pause.
 *   <li>The device's own sound and lights are untouched; only the desk is silenced.
 *   <li>An alarm needs sound at the dashboard while it is not over (a latched one also after, until
 *       an operator has seen it), no operator has acknowledged it and it is not itself a silent
 *       inactivation notice ({@code AUDIO_PAUSED}, {@code ALARM_PAUSED}), as the dashboard's script
 *       decides.
 * </ul>
 *
 * <p>Every change goes to {@code onChange} (the live stream and the alarm log), called outside this
 * object's lock. Thread-safe; the alarm board may call {@link #alarmChanged} under its own lock, so
 * this class never calls the board while holding its own.
 */
public final class DashboardSoundPause {
  /** The code the pause carries in the alarm log, as the device's own sound pause does. */
  public static final String CODE = "AUDIO_PAUSED";

  /** A device's inactivation notices: shown and logged, never sounded. */
  private static final Set<String> SOUNDLESS = Set.of(CODE, "ALARM_PAUSED");

  /** Why a pause ended. */
  public enum Ending {
    TIME_OVER("its time was over"),
    NEW_ALARM("a new alarm needs sound"),
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
   * @param paused whether the dashboard's sound is paused now
   * @param by the operator who paused (or who resumed, once over), or null
   * @param since when it was paused, or null
   * @param until when it ends by itself, or null
   * @param secondsLeft whole seconds left, rounded up; 0 when not paused
   * @param silenced the alarms silenced, as {@code device/alarmId}
   * @param ended why the last pause ended, in words, or null
   */
  public record State(
      boolean paused,
      String by,
      Instant since,
      Instant until,
      long secondsLeft,
      List<String> silenced,
      String ended) {}

  private final AlarmBoard board;
  private final Clock clock;
  private final Duration pauseFor;
  private final Consumer<State> onChange;
  private final Consumer<AlarmBoard.Entry> log;
  private String by;
  private Instant since;
  private Instant until;
  private Set<String> silenced = Set.of();
  private String pauseId;
  private String ended;

  /**
   * @param pauseFor how long a pause lasts
   * @param onChange told of every start and end (the live stream)
   * @param log told of every start and end as an alarm-log entry (code {@value #CODE})
   */
  public DashboardSoundPause(
      AlarmBoard board,
      Clock clock,
      Duration pauseFor,
      Consumer<State> onChange,
      Consumer<AlarmBoard.Entry> log) {
    if (pauseFor.isNegative() || pauseFor.isZero()) {
      throw new IllegalArgumentException("a pause lasts a positive time: " + pauseFor);
    }
    this.board = board;
    this.clock = clock;
    this.pauseFor = pauseFor;
    this.onChange = onChange;
    this.log = log;
  }

  /** How long a pause lasts. */
  public Duration pauseFor() {
    return pauseFor;
  }

  /**
   * Pauses the dashboard's sound for the alarms that need it now.
   *
   * @param operator who paused, for the log
   * @return the new state; unchanged (not paused) when nothing needed sound
   */
  public State pause(String operator) {
    Set<String> now = new HashSet<>();
    for (AlarmBoard.Entry entry : board.all()) {
      if (needsSound(entry)) {
        now.add(key(entry));
      }
    }
    State state;
    AlarmBoard.Entry logged = null;
    synchronized (this) {
      if (now.isEmpty()) {
        return stateLocked();
      }
      Instant at = clock.instant();
      by = operator;
      since = at;
      until = at.plus(pauseFor);
      silenced = Set.copyOf(now);
      ended = null;
      pauseId = "dashboard-pause-" + at.toEpochMilli();
      logged =
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
              at);
      state = stateLocked();
    }
    log.accept(logged);
    onChange.accept(state);
    return state;
  }

  /** Ends the pause early (an operator resumed the sound); the state, changed or not. */
  public State resume(String operator) {
    return end(Ending.RESUMED, operator);
  }

  /** Ends the pause when its time is over. Quick; call it often. */
  public void check() {
    boolean over;
    synchronized (this) {
      over = since != null && !clock.instant().isBefore(until);
    }
    if (over) {
      end(Ending.TIME_OVER, null);
    }
  }

  /** Hears an alarm change from the board: a new alarm that needs sound ends the pause. */
  public void alarmChanged(AlarmBoard.Entry entry) {
    boolean endsIt;
    synchronized (this) {
      endsIt = since != null && needsSound(entry) && !silenced.contains(key(entry));
    }
    if (endsIt) {
      end(Ending.NEW_ALARM, null);
    }
  }

  /** The pause now. */
  public synchronized State state() {
    return stateLocked();
  }

  private State end(Ending why, String operator) {
    State state;
    AlarmBoard.Entry logged;
    synchronized (this) {
      if (since == null) {
        return stateLocked();
      }
      Instant at = clock.instant();
      ended = why.words(operator);
      logged = logEntry("cleared", true, "Alarm sound at the dashboard is back: " + ended, at);
      by = operator != null ? operator : by;
      since = null;
      until = null;
      silenced = Set.of();
      pauseId = null;
      state = stateLocked();
    }
    log.accept(logged);
    onChange.accept(state);
    return state;
  }

  private State stateLocked() {
    if (since == null) {
      return new State(false, by, null, null, 0, List.of(), ended);
    }
    long millisLeft = Duration.between(clock.instant(), until).toMillis();
    long secondsLeft = millisLeft <= 0 ? 0 : (millisLeft + 999) / 1000;
    return new State(
        true, by, since, until, secondsLeft, silenced.stream().sorted().toList(), null);
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
