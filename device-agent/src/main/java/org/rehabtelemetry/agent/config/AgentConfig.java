package org.rehabtelemetry.agent.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.rehabtelemetry.agent.journal.JournalConfig;
import org.rehabtelemetry.agent.publish.MqttSettings;
import org.rehabtelemetry.agent.publish.ReceiptSettings;

/**
 * The agent's configuration, validated at start-up; see {@code device-agent/agent.sample.yaml}.
 *
 * @param deviceId the device id on the wire, e.g. {@code vert-01}
 * @param site the site topic level, e.g. {@code ward-b}
 * @param profile {@code builtin:KIND} or a path to a profile YAML
 * @param stateDir where the journal and the running session are kept; one agent per directory
 * @param journal journal bounds and commit interval
 * @param mqtt broker connection (credentials and TLS included)
 * @param batchInterval how often samples are journaled as a batch
 * @param liveInterval how often a running session's newest samples are published as a live preview
 *     (not journaled, not stored); zero for none
 * @param requiredSensors sensors that must be healthy to start a session (names: sensorHub,
 *     oximeter, tilt, flowMeter)
 * @param uiBind the address the touch UI and control API listen on (127.0.0.1 by default)
 * @param uiPort their port
 * @param uiHostNames host names the kiosk may use for them besides localhost and the bind address
 * @param recordTraces record every session's raw sensor stream into a trace file under {@code
 *     stateDir/traces} (docs/traces.md)
 * @param operatorLinkLost how long deliveries may fail during a session before the touch UI shows
 *     the operator-link-lost technical alarm
 * @param alarmLogRetention how long the alarm log keeps its monthly files
 * @param uiLanguage the touch UI's language for channel labels and numbers: ru, kk or en
 * @param audioPause how long AUDIO PAUSED silences the alarms sounding when it is pressed
 * @param alarmPause how long ALARM PAUSED holds back the light and sound of medium and low alarms
 * @param receipts when journaled records are freed: on the gateway's storage receipt, or on the
 *     broker's acknowledgement
 */
public record AgentConfig(
    String deviceId,
    String site,
    String profile,
    Path stateDir,
    JournalConfig journal,
    MqttSettings mqtt,
    Duration batchInterval,
    Duration liveInterval,
    List<String> requiredSensors,
    String uiBind,
    int uiPort,
    Set<String> uiHostNames,
    boolean recordTraces,
    Duration operatorLinkLost,
    Duration alarmLogRetention,
    ReceiptSettings receipts,
    Duration audioPause,
    Duration alarmPause,
    String uiLanguage) {

  public AgentConfig {
    requiredSensors = List.copyOf(requiredSensors);
    uiHostNames = Set.copyOf(uiHostNames);
  }
}
