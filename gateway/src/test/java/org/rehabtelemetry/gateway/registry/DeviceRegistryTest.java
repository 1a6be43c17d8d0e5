package org.rehabtelemetry.gateway.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rehabtelemetry.protocol.AlarmEvent;
import org.rehabtelemetry.protocol.AlarmPriority;
import org.rehabtelemetry.protocol.AlarmState;
import org.rehabtelemetry.protocol.DeviceKind;
import org.rehabtelemetry.protocol.DeviceState;
import org.rehabtelemetry.protocol.DeviceStatus;
import org.rehabtelemetry.protocol.Header;
import org.rehabtelemetry.protocol.SessionEvent;
import org.rehabtelemetry.protocol.SessionEventType;
import org.rehabtelemetry.protocol.SessionRef;

class DeviceRegistryTest {
  private static final Header HEADER =
      new Header("vert-01", "b1", Instant.parse("2026-11-23T09:00:00Z"));
  private final DeviceRegistry registry =
      new DeviceRegistry(Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC));

  @Test
  void birthSessionAlarmAndLastWill_updateTheDevice() {
    registry.stored("ward-b", status(DeviceState.ONLINE));
    DeviceInfo device = registry.devices().get(0);
    assertTrue(device.online());
    assertEquals("verticalizer", device.kind());
    assertEquals("0.1.0", device.agentVersion());
    assertEquals(1, registry.online());

    registry.stored(
        "ward-b",
        new SessionEvent(
            HEADER,
            new SessionRef("S1", 0),
            SessionEventType.STARTED,
            "therapist",
            "P-1",
            "standing",
            Map.of()));
    registry.stored("ward-b", alarm("A-1", AlarmState.RAISED));
    device = registry.devices().get(0);
    assertEquals("S1", device.currentSessionId());

    registry.stored("ward-b", alarm("A-1", AlarmState.CLEARED));
    registry.stored(
        "ward-b",
        new SessionEvent(
            HEADER,
            new SessionRef("S1", 9),
            SessionEventType.STOPPED,
            "therapist",
            null,
            null,
            Map.of()));
    registry.stored("ward-b", status(DeviceState.OFFLINE));
    device = registry.devices().get(0);
    assertFalse(device.online());
    assertNull(device.currentSessionId());
    assertEquals(Instant.parse("2026-11-23T10:00:00Z"), device.lastSeen());
    assertEquals(0, registry.online());
  }

  @Test
  void aLastWillDuringASession_countsAsOfflineInSession_untilTheSessionEnds() {
    registry.stored("ward-b", status(DeviceState.ONLINE));
    registry.stored(
        "ward-b",
        new SessionEvent(
            HEADER,
            new SessionRef("S2", 0),
            SessionEventType.STARTED,
            "therapist",
            "P-1",
            "standing",
            Map.of()));
    assertEquals(0, registry.offlineInSession());
    registry.stored("ward-b", status(DeviceState.OFFLINE)); // the Will knows no session
    assertEquals(1, registry.offlineInSession());
    assertEquals("S2", registry.devices().get(0).currentSessionId());
    registry.stored(
        "ward-b",
        new SessionEvent(
            HEADER,
            new SessionRef("S2", 5),
            SessionEventType.INTERRUPTED,
            "agent",
            null,
            null,
            Map.of()));
    assertEquals(0, registry.offlineInSession(), "the session ended (interrupted at restart)");
  }

  private static DeviceStatus status(DeviceState state) {
    return new DeviceStatus(HEADER, state, DeviceKind.VERTICALIZER, "0.1.0", true, null, null);
  }

  private static AlarmEvent alarm(String id, AlarmState state) {
    return new AlarmEvent(
        HEADER,
        null,
        id,
        state,
        "HR_HIGH",
        AlarmPriority.MEDIUM,
        false,
        "heartRate",
        165.0,
        160.0,
        "HR high");
  }
}
