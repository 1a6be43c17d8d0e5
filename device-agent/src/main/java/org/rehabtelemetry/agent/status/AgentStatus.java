package org.rehabtelemetry.agent.status;

import java.util.List;
import java.util.Map;
import org.rehabtelemetry.agent.alarm.ActiveAlarm;
import org.rehabtelemetry.agent.journal.JournalStats;
import org.rehabtelemetry.agent.session.SessionInfo;
import org.rehabtelemetry.agent.session.SessionState;
import org.rehabtelemetry.hardware.fault.SensorStatus;
import org.rehabtelemetry.protocol.AlarmPriority;

/**
 * Everything the touch UI and the CLI show, as one snapshot.
 *
 * @param armed the session prepared for the start button, or null when nothing is armed
 * @param receipts how journaled records are freed, in a sentence
 * @param sounding the alarm priority whose signal sounds now, or null
 * @param audioPausedSeconds seconds of AUDIO PAUSED left; 0 when not paused
 * @param alarmPausedSeconds seconds of ALARM PAUSED left; 0 when not paused
 * @param notice the last refusal or notice for the therapist, or null
 */
public record AgentStatus(
    String deviceId,
    String kind,
    String bootId,
    SessionState state,
    SessionInfo session,
    ArmedSession armed,
    boolean estopLatched,
    boolean brokerConnected,
    boolean clockSynchronised,
    List<ActiveAlarm> alarms,
    List<SensorStatus> sensors,
    Map<String, LiveValue> live,
    JournalStats journal,
    String receipts,
    AlarmPriority sounding,
    long audioPausedSeconds,
    long alarmPausedSeconds,
    Notice notice) {

  /** A session prepared for the start button: whose, which programme, which settings. */
  public record ArmedSession(String patientCode, String programme, Map<String, Double> settings) {}

  /**
   * A message for the therapist, e.g. why a button press was refused.
   *
   * @param epochMillis when it was given
   */
  public record Notice(String text, long epochMillis) {}
}
