package org.rehabtelemetry.gateway.testing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.rehabtelemetry.protocol.ChannelSamples;
import org.rehabtelemetry.protocol.Header;
import org.rehabtelemetry.protocol.Message;
import org.rehabtelemetry.protocol.MessageCodec;
import org.rehabtelemetry.protocol.Metric;
import org.rehabtelemetry.protocol.SampleBatch;
import org.rehabtelemetry.protocol.SessionEvent;
import org.rehabtelemetry.protocol.SessionEventType;
import org.rehabtelemetry.protocol.SessionRef;
import org.rehabtelemetry.protocol.SessionSummary;
import org.rehabtelemetry.protocol.Topic;

/**
 * Sessions as a device sends them, for the gateway's tests: {@code started} (seq 0), {@code
 * batches} sample batches of {@code samples} tilt samples each (values {@code b * 100 + i}, 100 ms
 * apart or closer so that a batch stays within its second), {@code stopped}, and the summary; every
 * time from {@code start}.
 */
public final class TestSessions {
  private static final MessageCodec CODEC = new MessageCodec();

  private TestSessions() {}

  /** One message ready to publish. */
  public record Published(String topic, byte[] payload, long seq) {}

  public static List<Message> session(
      String device, String sessionId, Instant start, int batches, int samples) {
    List<Message> messages = new ArrayList<>();
    Header header = new Header(device, "b1", start);
    messages.add(
        new SessionEvent(
            header,
            new SessionRef(sessionId, 0),
            SessionEventType.STARTED,
            "therapist",
            "P-7F3A",
            "standing",
            Map.of("targetTiltDeg", 60.0)));
    for (int b = 1; b <= batches; b++) {
      long[] offsets = new long[samples];
      double[] values = new double[samples];
      long step = Math.min(100_000L, 1_000_000L / samples); // a batch stays within its second
      for (int i = 0; i < samples; i++) {
        offsets[i] = i * step;
        values[i] = b * 100 + i;
      }
      long t0 = (start.getEpochSecond() + b) * 1_000_000L;
      messages.add(
          new SampleBatch(
              new Header(device, "b1", start.plusSeconds(b)),
              new SessionRef(sessionId, b),
              t0,
              List.of(new ChannelSamples("tiltDeg", "deg", offsets, values))));
    }
    Instant end = start.plusSeconds(batches + 1);
    messages.add(
        new SessionEvent(
            new Header(device, "b1", end),
            new SessionRef(sessionId, batches + 1),
            SessionEventType.STOPPED,
            "therapist",
            null,
            null,
            Map.of()));
    messages.add(
        new SessionSummary(
            new Header(device, "b1", end),
            new SessionRef(sessionId, batches + 2),
            SessionEventType.STOPPED,
            start,
            end,
            Map.of("durationMin", new Metric(0.35, "min"))));
    return messages;
  }

  /** The sum of every sample value of one session as {@link #session} makes it. */
  public static double sum(int batches, int samples) {
    double sum = 0;
    for (int b = 1; b <= batches; b++) {
      for (int i = 0; i < samples; i++) {
        sum += b * 100 + i;
      }
    }
    return sum;
  }

  /** The messages encoded with their topics on {@code site}. */
  public static List<Published> encode(String site, List<Message> messages) {
    List<Published> published = new ArrayList<>();
    for (Message message : messages) {
      published.add(
          new Published(
              new Topic(site, message.header().deviceId(), message.type()).toString(),
              CODEC.encode(message),
              message.sessionRef().map(SessionRef::seq).orElse(-1L)));
    }
    return published;
  }
}
