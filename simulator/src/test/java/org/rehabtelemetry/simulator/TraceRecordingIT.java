package org.rehabtelemetry.simulator;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.rehabtelemetry.hardware.trace.Trace;
import org.rehabtelemetry.hardware.trace.TraceFormat;
import org.rehabtelemetry.protocol.DeviceKind;
import org.rehabtelemetry.simulator.model.TraceLibrary;
import org.rehabtelemetry.simulator.replay.SimulatedDevice;
import org.rehabtelemetry.testsupport.MosquittoExtension;

/**
 * The recorder: an agent with {@code recordTraces} records a session's raw sensor stream, here a
 * library trace played into it; the recording holds the same samples (count and values per channel)
 * and no patient code; played into another device it runs a session again.
 */
class TraceRecordingIT {
  @RegisterExtension final MosquittoExtension mosquitto = new MosquittoExtension();
  @TempDir Path dir;

  @Test
  void recordedSession_holdsTheSameSamples_andReplaysAsASession() throws Exception {
    Trace played = TraceLibrary.find("trainer-normal").orElseThrow().generate(12);
    Path recorded;
    try (SimulatedDevice device = device("trainer-01", true)) {
      device.play(played, 1.0, "P-REC001");
      Path traces = dir.resolve("trainer-01/state/traces");
      await()
          .atMost(Duration.ofSeconds(15))
          .until(() -> Files.isDirectory(traces) && list(traces).size() == 1);
      recorded = list(traces).get(0);
    }
    assertTrue(recorded.getFileName().toString().endsWith(".trace.gz"));
    Trace trace = TraceFormat.read(recorded);
    assertEquals(DeviceKind.MOVEMENT_TRAINER, trace.header().kind());
    assertEquals("recorded trainer-01", trace.header().source());
    assertNull(trace.header().seed());
    for (String channel : List.of("cadenceRpm", "torqueNm", "powerW", "leftSharePct", "spo2")) {
      assertEquals(played.count(channel), trace.count(channel), channel + " count");
      assertEquals(played.sum(channel), trace.sum(channel), 1e-6, channel + " sum");
    }
    String text =
        new String(
            new java.util.zip.GZIPInputStream(Files.newInputStream(recorded)).readAllBytes());
    assertTrue(!text.contains("P-REC001"), "no patient code in a trace");

    try (SimulatedDevice again = device("trainer-02", false)) {
      again.play(trace, 2.0, "P-REC002"); // the recording replays; its pace is not the point
      await().atMost(Duration.ofSeconds(10)).until(() -> again.agent().status().session() == null);
      assertTrue(again.agent().status().journal().lastId() > 10, "a session was recorded");
    }
  }

  private SimulatedDevice device(String id, boolean record) throws Exception {
    return SimulatedDevice.start(
        new SimulatedDevice.Options(
            DeviceKind.MOVEMENT_TRAINER,
            id,
            "ward-b",
            mosquitto.server().uri(),
            dir.resolve(id),
            SimulatedDevice.SerialMode.IN_MEMORY,
            Duration.ofMillis(500),
            -1,
            record));
  }

  private static List<Path> list(Path dir) throws java.io.IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.toList();
    }
  }
}
