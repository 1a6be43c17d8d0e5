package org.rehabtelemetry.agent.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.rehabtelemetry.agent.journal.JournalConfig;
import org.rehabtelemetry.agent.publish.MqttSettings;

/**
 * The agent's configuration, validated at start-up; see {@code device-agent/agent.sample.yaml}.
 *
 * @param deviceId the device id on the wire, e.g. {@code vert-01}
 * @param site the site topic level, e.g. {@code ward-b}
 * @param profile {@code builtin:KIND} or a path to a profile YAML
 * @param hardware {@code board} (the Pi's GPIO and I²C) or {@code mock} (Pi4J's mock platform, for
 *     the simulator)
 * @param stateDir where the journal and the running session are kept
 * @param journal journal bounds and commit interval
 * @param mqtt broker connection
 * @param caFile PEM CA certificate for {@code ssl://} broker URIs, or null for the JVM's trust
 *     store
 * @param batchInterval how often samples are journaled as a batch
 * @param requiredSensors sensors that must be healthy to start a session (names: sensorHub,
 *     oximeter, tilt, flowMeter)
 * @param uiBind the address the touch UI and control API listen on (127.0.0.1 by default)
 * @param uiPort their port
 * @param recordTraces record every session's raw sensor stream into a trace file under {@code
 *     stateDir/traces} (docs/traces.md)
 */
public record AgentConfig(
    String deviceId,
    String site,
    String profile,
    String hardware,
    Path stateDir,
    JournalConfig journal,
    MqttSettings mqtt,
    Path caFile,
    Duration batchInterval,
    List<String> requiredSensors,
    String uiBind,
    int uiPort,
    boolean recordTraces) {}
