package org.rehabtelemetry.simulator;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.rehabtelemetry.hardware.trace.Trace;
import org.rehabtelemetry.protocol.AlarmEvent;
import org.rehabtelemetry.protocol.AlarmState;
import org.rehabtelemetry.protocol.DeviceKind;
import org.rehabtelemetry.protocol.Message;
import org.rehabtelemetry.protocol.MessageCodec;
import org.rehabtelemetry.protocol.SampleBatch;
import org.rehabtelemetry.protocol.SessionEvent;
import org.rehabtelemetry.protocol.SessionEventType;
import org.rehabtelemetry.protocol.SessionSummary;
import org.rehabtelemetry.simulator.model.TraceLibrary;
import org.rehabtelemetry.simulator.replay.SimulatedDevice;
import org.rehabtelemetry.testsupport.MosquittoExtension;

/**
 * A device kind added as YAML alone (the phyto barrel: {@code profiles/phyto-barrel.yaml}, no Java)
 * runs end to end: the real agent loads its profile, its drivers read the simulated sensors, its
 * alarm rules fire from data (the steam past the child's hard limit and past the prescription), and
 * its summary metrics arrive on the wire. Through a real Mosquitto.
 */
class ProfileOnlyKindIT {
  private static final double SECONDS = 24;

  @RegisterExtension final MosquittoExtension mosquitto = new MosquittoExtension();
  @TempDir Path dir;

  @Test
  void thePhytoBarrel_raisesItsOwnAlarms_andSendsItsOwnSummary() throws Exception {
    MessageCodec codec = new MessageCodec();
    List<Message> received = new CopyOnWriteArrayList<>();
    MqttClient listener =
        new MqttClient(mosquitto.server().uri(), "it-listener", new MemoryPersistence());
    listener.connect();
    listener.subscribe(
        "rehab/v1/ward-b/phyto-01/#", 1, (topic, m) -> received.add(codec.decode(m.getPayload())));
    DeviceKind kind = new DeviceKind("phyto-barrel");
    Trace trace = TraceLibrary.find("phyto-barrel-over-limit").orElseThrow().generate(SECONDS);
    try (SimulatedDevice device =
        SimulatedDevice.start(
            new SimulatedDevice.Options(
                kind,
                "phyto-01",
                "ward-b",
                mosquitto.server().uri(),
                dir.resolve("phyto-01"),
                SimulatedDevice.SerialMode.IN_MEMORY,
                Duration.ofMillis(500),
                -1,
                false))) {
      device.play(trace, 1.0, "P-PHY001");
      await()
          .atMost(Duration.ofSeconds(15))
          .until(() -> received.stream().anyMatch(m -> m instanceof SessionSummary));
    } finally {
      listener.disconnect();
      listener.close();
    }

    Instant started =
        received.stream()
            .filter(m -> m instanceof SessionEvent e && e.event() == SessionEventType.STARTED)
            .map(m -> m.header().time())
            .findFirst()
            .orElseThrow();
    List<AlarmEvent> raised =
        received.stream()
            .filter(m -> m instanceof AlarmEvent a && a.state() == AlarmState.RAISED)
            .map(m -> (AlarmEvent) m)
            .toList();
    Set<String> codes = raised.stream().map(AlarmEvent::code).collect(Collectors.toSet());
    assertTrue(
        codes.containsAll(Set.of("STEAM_OVER_PRESCRIBED", "STEAM_TEMP_HIGH")),
        "the profile's own rules fired: " + codes);
    for (AlarmEvent alarm : raised) {
      assertTrue(
          Duration.between(started, alarm.header().time()).toMillis() > 0.35 * SECONDS * 1000,
          "nothing before the steam climbs at 40 %: " + alarm);
    }
    Set<String> channels =
        received.stream()
            .filter(m -> m instanceof SampleBatch)
            .flatMap(m -> ((SampleBatch) m).channels().stream())
            .map(c -> c.channel())
            .collect(Collectors.toSet());
    assertEquals(Set.of("steamTempC", "humidityPct", "heartRate", "spo2"), channels);
    SessionSummary summary =
        received.stream()
            .filter(m -> m instanceof SessionSummary)
            .map(m -> (SessionSummary) m)
            .findFirst()
            .orElseThrow();
    assertTrue(
        summary.metrics().keySet().containsAll(Set.of("meanSteamTempC", "maxSteamTempC")),
        summary.metrics().toString());
    assertTrue(summary.metrics().get("maxSteamTempC").value() > 46, summary.metrics().toString());
  }
}
