package org.rehabtelemetry.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TimeWindowTest {
  private static final Instant NOW = Instant.parse("2026-11-30T09:00:00Z");
  private final MessageCodec codec = new MessageCodec();

  @Test
  void timesAheadOrFarBehind_areRefused_withTheBound() {
    ProtocolException ahead =
        assertThrows(ProtocolException.class, () -> check(status("2199-01-01T00:00:00Z")));
    assertEquals("time", ahead.field());
    ProtocolException behind =
        assertThrows(ProtocolException.class, () -> check(event("1970-01-01T00:00:01Z")));
    assertEquals("time", behind.field());
    assertEquals(
        "is 1970-01-01T00:00:01Z, more than 30 days behind the receiver's clock"
            + " (2026-11-30T09:00:00Z); is the device's clock set?",
        behind.reason());
  }

  @Test
  void aRetainedStatus_mayBeOld_butNotAhead() {
    check(status("2026-09-01T00:00:00Z"));
  }

  @Test
  void sampleTimes_areCheckedToo() {
    SampleBatch batch =
        new SampleBatch(
            new Header("vert-01", "b1", NOW),
            new SessionRef("S1", 1),
            Instant.parse("2199-01-01T00:00:00Z").getEpochSecond() * 1_000_000L,
            List.of(new ChannelSamples("tiltDeg", "deg", new long[] {0}, new double[] {1})));
    assertEquals("t0Us", assertThrows(ProtocolException.class, () -> check(batch)).field());
  }

  @Test
  void seqAboveTheSessionLimit_isRefusedByTheDecoder() {
    byte[] payload =
        ("{\"schema\":1,\"type\":\"session\",\"deviceId\":\"vert-01\",\"bootId\":\"b\","
                + "\"time\":\"2026-11-30T08:59:00Z\",\"sessionId\":\"S9\",\"seq\":1000000,"
                + "\"event\":\"stopped\",\"reason\":\"x\"}")
            .getBytes(StandardCharsets.UTF_8);
    ProtocolException e = assertThrows(ProtocolException.class, () -> codec.decode(payload));
    assertEquals("seq", e.field());
  }

  private void check(Message message) {
    TimeWindow.DEFAULT.check(message, NOW);
  }

  private static Message status(String time) {
    return new DeviceStatus(
        new Header("vert-01", "b1", Instant.parse(time)),
        DeviceState.OFFLINE,
        DeviceKind.VERTICALIZER,
        "0.2.0",
        true,
        null,
        "connection lost");
  }

  private static Message event(String time) {
    return new SessionEvent(
        new Header("vert-01", "b1", Instant.parse(time)),
        new SessionRef("S1", 2),
        SessionEventType.STOPPED,
        "therapist",
        null,
        null,
        Map.of());
  }
}
