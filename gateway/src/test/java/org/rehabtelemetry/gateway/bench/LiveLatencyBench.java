package org.rehabtelemetry.gateway.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.rehabtelemetry.gateway.Gateway;
import org.rehabtelemetry.gateway.testing.TestGateways;
import org.rehabtelemetry.protocol.ChannelSamples;
import org.rehabtelemetry.protocol.Header;
import org.rehabtelemetry.protocol.LiveSamples;
import org.rehabtelemetry.protocol.MessageCodec;
import org.rehabtelemetry.protocol.MessageType;
import org.rehabtelemetry.protocol.SampleBatch;
import org.rehabtelemetry.protocol.SessionRef;
import org.rehabtelemetry.protocol.Topic;
import org.rehabtelemetry.testsupport.InfluxdServer;
import org.rehabtelemetry.testsupport.MosquittoServer;

/**
 * Sample-to-screen latency: N virtual devices (default 20) publish real-time sample batches (172
 * samples/s each, one batch per interval, default 500 ms like the agent) through Mosquitto into the
 * gateway (storing into influxd); a logged-in SSE client, as the dashboard, watches one device and
 * the fleet. Prints p50/p99/max of:
 *
 * <ul>
 *   <li>pipeline latency: a batch's newest sample time to its arrival at the client (every device);
 *   <li>sample-to-screen: the oldest sample shown of a batch to its arrival (watched device), which
 *       adds the batch interval.
 * </ul>
 *
 * Figures only; asserts nothing. Run with {@code scripts/bench-live [seconds] [devices] [batchMs]}.
 */
public final class LiveLatencyBench {
  private LiveLatencyBench() {}

  public static void main(String[] args) throws Exception {
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 30;
    int devices = args.length > 1 ? Integer.parseInt(args[1]) : 20;
    int batchMs = args.length > 2 ? Integer.parseInt(args[2]) : 500;
    int liveMs = args.length > 3 ? Integer.parseInt(args[3]) : 100;
    Path dir = Files.createTempDirectory("rt-live-bench-");
    MessageCodec codec = new MessageCodec();
    ObjectMapper json = new ObjectMapper();
    List<Long> pipeline = Collections.synchronizedList(new ArrayList<>());
    List<Long> toScreen = Collections.synchronizedList(new ArrayList<>());
    try (MosquittoServer broker = new MosquittoServer();
        InfluxdServer influxd = new InfluxdServer()) {
      broker.start();
      influxd.start();
      influxd.createDatabase("rehab");
      try (Gateway gateway =
          TestGateways.start(
              dir.resolve("gateway"),
              broker.uri(),
              "gateway-live-bench",
              "gateways",
              TestGateways.influxd(influxd.url()))) {
        HttpClient http = HttpClient.newHttpClient();
        String cookie = TestGateways.login(http, gateway, "op1");
        long warmUpEnd = System.currentTimeMillis() + 5_000;
        HttpResponse<Stream<String>> stream =
            TestGateways.liveStream(http, gateway, cookie, "?device=dev-00");
        Thread reader =
            new Thread(
                () -> {
                  String event = null;
                  for (String line : (Iterable<String>) stream.body()::iterator) {
                    long now = System.currentTimeMillis();
                    if (line.startsWith("event: ")) {
                      event = line.substring(7);
                    } else if (line.startsWith("data: ") && now > warmUpEnd) {
                      try {
                        JsonNode data = json.readTree(line.substring(6));
                        JsonNode channel = data.path("channels").get(0);
                        if ("latest".equals(event)) {
                          pipeline.add(now - channel.path("t").asLong());
                        } else if ("samples".equals(event)) {
                          toScreen.add(now - channel.path("t").get(0).asLong());
                        }
                      } catch (java.io.IOException e) {
                        throw new IllegalStateException(e);
                      }
                    }
                  }
                },
                "sse-reader");
        reader.setDaemon(true);
        reader.start();

        List<MqttClient> clients = new ArrayList<>();
        ScheduledExecutorService publishers = Executors.newScheduledThreadPool(2);
        for (int d = 0; d < devices; d++) {
          String device = String.format("dev-%02d", d);
          MqttClient client = new MqttClient(broker.uri(), device, new MemoryPersistence());
          MqttConnectOptions options = new MqttConnectOptions();
          options.setMaxInflight(100);
          client.connect(options);
          clients.add(client);
          long[] seq = {1};
          publishers.scheduleAtFixedRate(
              () -> {
                try {
                  client.publish(
                      new Topic("ward-b", device, MessageType.SAMPLES).toString(),
                      codec.encode(batch(device, seq[0]++, batchMs)),
                      1,
                      false);
                } catch (Exception e) {
                  System.err.println(device + ": " + e.getMessage());
                }
              },
              d * batchMs / devices,
              batchMs,
              TimeUnit.MILLISECONDS);
          if (liveMs > 0) {
            publishers.scheduleAtFixedRate(
                () -> {
                  try {
                    SampleBatch window = batch(device, 0, liveMs);
                    client.publish(
                        new Topic("ward-b", device, MessageType.LIVE).toString(),
                        codec.encode(
                            new LiveSamples(
                                window.header(),
                                window.session().sessionId(),
                                window.t0Us(),
                                window.channels())),
                        0,
                        false);
                  } catch (Exception e) {
                    System.err.println(device + ": " + e.getMessage());
                  }
                },
                d * liveMs / devices,
                liveMs,
                TimeUnit.MILLISECONDS);
          }
        }
        Thread.sleep(seconds * 1000L);
        publishers.shutdownNow();
        for (MqttClient client : clients) {
          client.disconnect();
          client.close();
        }
      }
    }
    System.out.printf(
        "live latency, %d devices, %d ms batches (stored), %s, %d s (5 s warm-up excluded)%n",
        devices,
        batchMs,
        liveMs > 0 ? "live previews every " + liveMs + " ms (QoS 0, not stored)" : "no previews",
        seconds);
    print("pipeline (newest sample -> SSE client, all devices)", pipeline);
    long p99 = print("sample-to-screen (oldest sample shown -> SSE client, one device)", toScreen);
    if (p99 >= 0) {
      System.out.printf(
          "sample-to-screen p99 %d ms against the 250 ms target: %.2f of it, %s%n",
          p99, p99 / 250.0, p99 <= 250 ? "met" : "NOT met");
    }
  }

  /** Prints the figures; returns the p99, or -1 with no events. */
  private static long print(String what, List<Long> millis) {
    List<Long> sorted = new ArrayList<>(millis);
    Collections.sort(sorted);
    if (sorted.isEmpty()) {
      System.out.printf("%-68s no events%n", what);
      return -1;
    }
    long p99 = sorted.get((int) Math.min(sorted.size() - 1, Math.round(sorted.size() * 0.99)));
    System.out.printf(
        "%-68s n=%d p50=%d ms p99=%d ms max=%d ms%n",
        what, sorted.size(), sorted.get(sorted.size() / 2), p99, sorted.get(sorted.size() - 1));
    return p99;
  }

  /** 172 samples/s like a verticalizer: 3 channels at 50 Hz, one at 20 Hz, two at 1 Hz. */
  private static SampleBatch batch(String device, long seq, int batchMs) {
    long t0 = (System.currentTimeMillis() - batchMs) * 1000;
    List<ChannelSamples> channels = new ArrayList<>();
    channels.add(channel("tiltDeg", "deg", 50, batchMs, 30));
    channels.add(channel("loadLeftKg", "kg", 50, batchMs, 12));
    channels.add(channel("loadRightKg", "kg", 50, batchMs, 11));
    channels.add(channel("hrBpm", "/min", Math.max(1, batchMs / 1000), batchMs, 96));
    return new SampleBatch(
        new Header(device, "bench", Instant.now()),
        new SessionRef("S-" + device, seq),
        t0,
        channels);
  }

  private static ChannelSamples channel(String name, String unit, int hz, int batchMs, double v) {
    int n = Math.max(1, hz * batchMs / 1000);
    long[] offsets = new long[n];
    double[] values = new double[n];
    for (int i = 0; i < n; i++) {
      offsets[i] = (long) i * batchMs * 1000 / n;
      values[i] = v + (i % 5) * 0.1;
    }
    return new ChannelSamples(name, unit, offsets, values);
  }
}
