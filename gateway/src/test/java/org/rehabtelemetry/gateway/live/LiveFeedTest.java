package org.rehabtelemetry.gateway.live;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.rehabtelemetry.protocol.ChannelSamples;
import org.rehabtelemetry.protocol.Header;
import org.rehabtelemetry.protocol.LiveSamples;
import org.rehabtelemetry.protocol.SampleBatch;
import org.rehabtelemetry.protocol.SessionRef;

class LiveFeedTest {
  private final LiveFeed feed = new LiveFeed();
  private final ObjectMapper json = new ObjectMapper();

  @Test
  void fleetSubscriber_getsTheNewestValueWithUnitAndTime_only() throws Exception {
    try (LiveFeed.Subscriber fleet = feed.subscribe(null)) {
      feed.arrived("ward-b", batch("vert-01", 100));
      LiveFeed.Event event = fleet.next(1, TimeUnit.SECONDS);
      assertEquals("latest", event.name());
      JsonNode channel = json.readTree(event.data()).path("channels").get(0);
      assertEquals("hrBpm", channel.path("channel").asText());
      assertEquals("/min", channel.path("unit").asText());
      assertEquals(99.0 + 60, channel.path("v").asDouble());
      assertEquals(1_795_425_330_000L + 99 * 10, channel.path("t").asLong());
      assertNull(fleet.next(10, TimeUnit.MILLISECONDS), "no full samples for the fleet view");
    }
  }

  @Test
  void deviceSubscriber_getsThinnedSamplesEndingWithTheNewest() throws Exception {
    try (LiveFeed.Subscriber watcher = feed.subscribe("vert-01");
        LiveFeed.Subscriber other = feed.subscribe("vert-02")) {
      feed.arrived("ward-b", batch("vert-01", 100));
      assertEquals("latest", watcher.next(1, TimeUnit.SECONDS).name());
      LiveFeed.Event samples = watcher.next(1, TimeUnit.SECONDS);
      assertEquals("samples", samples.name());
      JsonNode channel = json.readTree(samples.data()).path("channels").get(0);
      assertTrue(channel.path("v").size() <= LiveFeed.MAX_POINTS, samples.data());
      assertEquals(159.0, channel.path("v").get(channel.path("v").size() - 1).asDouble());
      assertEquals("latest", other.next(1, TimeUnit.SECONDS).name());
      assertNull(other.next(10, TimeUnit.MILLISECONDS), "not watching vert-01");
    }
  }

  @Test
  void slowSubscriber_isToldHowManyEventsItMissed_andMemoryStaysBounded() throws Exception {
    try (LiveFeed.Subscriber slow = feed.subscribe(null)) {
      for (int i = 0; i < 5000; i++) {
        feed.arrived("ward-b", batch("vert-01", 2));
      }
      LiveFeed.Event first = slow.next(1, TimeUnit.SECONDS);
      assertEquals("overflow", first.name());
      assertEquals(5000 - 4096, json.readTree(first.data()).path("missed").asLong());
    }
    assertEquals(0, feed.subscribers(), "closed subscribers are forgotten");
  }

  @Test
  void livePreviews_areDrawnAtOnce_andTheBatchesCarryingTheSameSamplesAreNot() throws Exception {
    try (LiveFeed.Subscriber watcher = feed.subscribe("vert-01")) {
      SampleBatch window = batch("vert-01", 10);
      feed.arrived(
          "ward-b", new LiveSamples(window.header(), "S1", window.t0Us(), window.channels()));
      assertEquals("latest", watcher.next(1, TimeUnit.SECONDS).name());
      LiveFeed.Event samples = watcher.next(1, TimeUnit.SECONDS);
      assertEquals("samples", samples.name());
      JsonNode preview = json.readTree(samples.data());
      assertTrue(preview.path("live").asBoolean(), samples.data());
      assertEquals("S1", preview.path("session").asText());

      feed.arrived("ward-b", batch("vert-01", 100)); // stored, but already shown
      assertEquals("latest", watcher.next(1, TimeUnit.SECONDS).name(), "its newest values, yes");
      assertNull(watcher.next(50, TimeUnit.MILLISECONDS), "its samples not drawn twice");
      feed.arrived("ward-b", batch("vert-02", 100)); // a device without previews
      assertEquals("latest", watcher.next(1, TimeUnit.SECONDS).name());

      // Previews paced to 4 a second per device: a channel in only one of them still shows.
      feed.arrived(
          "ward-b",
          new LiveSamples(
              window.header(),
              "S1",
              window.t0Us(),
              List.of(
                  new ChannelSamples("waterTempC", "°C", new long[] {0}, new double[] {36.5}))));
      StringBuilder shown = new StringBuilder();
      await() // previews keep coming, as from a device; the paced values include the temperature
          .atMost(Duration.ofSeconds(2))
          .until(
              () -> {
                feed.arrived(
                    "ward-b",
                    new LiveSamples(window.header(), "S1", window.t0Us(), window.channels()));
                for (LiveFeed.Event event = watcher.next(50, TimeUnit.MILLISECONDS);
                    event != null;
                    event = watcher.next(10, TimeUnit.MILLISECONDS)) {
                  if (event.name().equals("latest")) {
                    shown.append(event.data());
                  }
                }
                return shown.indexOf("waterTempC") >= 0;
              });
      assertTrue(shown.indexOf("waterTempC") >= 0, shown.toString());
    }
  }

  private static SampleBatch batch(String device, int n) {
    long[] offsets = new long[n];
    double[] values = new double[n];
    for (int i = 0; i < n; i++) {
      offsets[i] = i * 10_000L;
      values[i] = 60 + i;
    }
    return new SampleBatch(
        new Header(device, "b1", Instant.parse("2026-11-23T09:15:31Z")),
        new SessionRef("S1", 1),
        1_795_425_330_000_000L,
        List.of(new ChannelSamples("hrBpm", "/min", offsets, values)));
  }
}
