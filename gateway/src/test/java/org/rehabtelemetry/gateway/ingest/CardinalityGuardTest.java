package org.rehabtelemetry.gateway.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rehabtelemetry.gateway.testing.TestSessions;
import org.rehabtelemetry.protocol.Header;
import org.rehabtelemetry.protocol.Message;
import org.rehabtelemetry.protocol.Metric;
import org.rehabtelemetry.protocol.SessionEventType;
import org.rehabtelemetry.protocol.SessionRef;
import org.rehabtelemetry.protocol.SessionSummary;

class CardinalityGuardTest {
  private static final Instant NOW = Instant.parse("2026-11-30T09:00:00Z");
  @TempDir Path dir;

  private CardinalityGuard guard(int devices, int metrics, int sessions) {
    Map<CardinalityGuard.Kind, Integer> names =
        new EnumMap<>(CardinalityGuard.Bounds.DEFAULT.names());
    names.put(CardinalityGuard.Kind.DEVICE, devices);
    names.put(CardinalityGuard.Kind.METRIC, metrics);
    return new CardinalityGuard(
        new CardinalityGuard.Bounds(names, sessions),
        dir.resolve("cardinality.json"),
        Clock.fixed(NOW, ZoneOffset.UTC));
  }

  @Test
  void pastTheDeviceBound_newDevicesAreRefused_knownOnesFlow() {
    CardinalityGuard guard = guard(3, 256, 200);
    for (int d = 0; d < 3; d++) {
      assertNull(guard.admit("ward-b", startOf("dev-" + d, "S" + d)));
    }
    String refused = guard.admit("ward-b", startOf("dev-9", "S9"));
    assertTrue(refused.startsWith("cardinality bound: more than 3 distinct device names"), refused);
    assertNull(guard.admit("ward-b", startOf("dev-1", "S10")));
    assertEquals(1L, guard.refused().get(CardinalityGuard.Kind.DEVICE));
  }

  @Test
  void tenThousandMetricNames_stopAtTheBound_andTheBoundSurvivesARestart() {
    CardinalityGuard guard = guard(10, 100, 200);
    int admitted = 0;
    for (int i = 0; i < 10_000; i++) {
      if (guard.admit("ward-b", summaryWithMetric("m" + i)) == null) {
        admitted++;
      }
    }
    assertEquals(100, admitted);
    CardinalityGuard restarted = guard(10, 100, 200);
    assertTrue(restarted.admit("ward-b", summaryWithMetric("another")) != null);
    assertNull(restarted.admit("ward-b", summaryWithMetric("m5")), "a known name still flows");
  }

  @Test
  void newSessionsPerDevice_areBoundedPerDay_butARedeliveredStartIsNotCountedTwice() {
    CardinalityGuard guard = guard(10, 256, 5);
    for (int s = 0; s < 5; s++) {
      assertNull(guard.admit("ward-b", startOf("vert-01", "S" + s)));
    }
    assertNull(guard.admit("ward-b", startOf("vert-01", "S4")), "the same start again");
    assertTrue(guard.admit("ward-b", startOf("vert-01", "S5")).contains("more than 5 sessions"));
  }

  private static Message startOf(String device, String sessionId) {
    return TestSessions.session(device, sessionId, NOW, 1, 1).get(0);
  }

  private static Message summaryWithMetric(String name) {
    return new SessionSummary(
        new Header("vert-01", "b1", NOW),
        new SessionRef("S1", 3),
        SessionEventType.STOPPED,
        NOW,
        NOW,
        Map.of(name, new Metric(1, "min")));
  }
}
