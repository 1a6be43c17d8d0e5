package org.rehabtelemetry.agent.alarm.sound;

/**
 * Why ALARM PAUSED was refused ({@link AlarmSounder#pauseAlarms}): a code for the touch UI's words,
 * and a sentence.
 */
public enum AlarmPauseRefusal {
  HIGH_PRIORITY_ACTIVE(
      "alarm-pause-high", "A high-priority alarm is active: alarms cannot be paused."),
  /** The operator link is lost, or the broker is not connected at all, idle or not. */
  OPERATOR_LINK_LOST(
      "alarm-pause-link-lost",
      "The operator cannot see this device now: alarms cannot be paused while you are the only"
          + " watcher.");

  private final String code;
  private final String text;

  AlarmPauseRefusal(String code, String text) {
    this.code = code;
    this.text = text;
  }

  /** The code the touch UI translates, e.g. {@code alarm-pause-high}. */
  public String code() {
    return code;
  }

  /** In English, for the CLI and the log. */
  public String text() {
    return text;
  }
}
