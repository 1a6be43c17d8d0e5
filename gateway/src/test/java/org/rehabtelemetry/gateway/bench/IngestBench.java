package org.rehabtelemetry.gateway.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.rehabtelemetry.config.MqttConnection;
import org.rehabtelemetry.gateway.deadletter.DeadLetterStore;
import org.rehabtelemetry.gateway.ingest.CardinalityGuard;
import org.rehabtelemetry.gateway.ingest.Ingest;
import org.rehabtelemetry.gateway.ingest.IngestSettings;
import org.rehabtelemetry.gateway.mqtt.PahoInbound;
import org.rehabtelemetry.gateway.storage.LineEncoder;
import org.rehabtelemetry.gateway.storage.Lines;
import org.rehabtelemetry.gateway.storage.TimeSeriesSink;
import org.rehabtelemetry.gateway.storage.influxv1.InfluxV1Sink;
import org.rehabtelemetry.gateway.storage.influxv2.InfluxV2Sink;
import org.rehabtelemetry.gateway.storage.questdb.EmbeddedQuestDb;
import org.rehabtelemetry.gateway.storage.questdb.QuestDbSql;
import org.rehabtelemetry.protocol.ChannelSamples;
import org.rehabtelemetry.protocol.Header;
import org.rehabtelemetry.protocol.MessageCodec;
import org.rehabtelemetry.protocol.MessageType;
import org.rehabtelemetry.protocol.SampleBatch;
import org.rehabtelemetry.protocol.SessionRef;
import org.rehabtelemetry.protocol.TimeWindow;
import org.rehabtelemetry.protocol.Topic;
import org.rehabtelemetry.runtime.health.Heartbeat;
import org.rehabtelemetry.testsupport.InfluxdServer;
import org.rehabtelemetry.testsupport.MosquittoServer;

/**
 * Sustained ingest: a fleet of virtual verticalizers publishes one-second batches (172 samples) as
 * fast as the pipeline takes them for N seconds (default 60) through Mosquitto into the gateway and
 * influxd; then, in the same run, the same points are written straight to influxd in batches of
 * 5,000. Prints both rates in points/s and their ratio, and checks the loss count in the database.
 * With a third argument {@code questdb}, both go to the gateway's embedded QuestDB through the v2
 * API instead. Prints figures; asserts nothing. Run with {@code scripts/bench-gateway [seconds]
 * [devices] [influxd|questdb]}.
 */
public final class IngestBench {
  private IngestBench() {}

  public static void main(String[] args) throws Exception {
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 60;
    int devices = args.length > 1 ? Integer.parseInt(args[1]) : 20;
    boolean questDb = args.length > 2 && args[2].equals("questdb");
    MessageCodec codec = new MessageCodec();
    Path dir = Files.createTempDirectory("rt-ingest-bench-");
    try (MosquittoServer broker =
            new MosquittoServer(
                List.of("max_inflight_messages 1000", "max_queued_messages 1000000"));
        Store store = questDb ? new QuestDbStore(dir) : new InfluxdStore()) {
      broker.start();
      TimeSeriesSink gatewaySink = store.sink("via_gateway");
      Clock clock = Clock.systemUTC();
      Ingest ingest =
          new Ingest(
              new IngestSettings(
                  "gateways",
                  1000,
                  8 << 20,
                  64L << 20,
                  Duration.ofMillis(100),
                  Duration.ofSeconds(2),
                  TimeWindow.DEFAULT),
              new PahoInbound(
                  new MqttConnection(broker.uri(), "gateway-bench", null, null, null),
                  "gateways",
                  1000),
              gatewaySink,
              new DeadLetterStore(dir.resolve("dead"), clock, 64L << 20, Duration.ofDays(1)),
              new CardinalityGuard(
                  CardinalityGuard.Bounds.DEFAULT, dir.resolve("cardinality.json"), clock),
              (site, message) -> {},
              clock,
              Heartbeat.NONE,
              nanos -> {});
      ingest.start();

      MqttClient fleet = new MqttClient(broker.uri(), "fleet-bench", new MemoryPersistence());
      MqttConnectOptions options = new MqttConnectOptions();
      options.setMaxInflight(1000);
      fleet.connect(options);
      long batches = 0;
      long samples = 0;
      long start = System.nanoTime();
      long end = start + seconds * 1_000_000_000L;
      int second = 0;
      while (System.nanoTime() < end) {
        for (int d = 0; d < devices; d++) {
          SampleBatch batch = batch("vert-" + d, second);
          fleet.publish(
              new Topic("bench", "vert-" + d, MessageType.SAMPLES).toString(),
              codec.encode(batch),
              1,
              false);
          batches++;
          samples += batch.sampleCount();
        }
        second++;
      }
      long publishedAt = System.nanoTime();
      while (ingest.stats().stored() < batches
          && System.nanoTime() - publishedAt < 300_000_000_000L) {
        Thread.sleep(50);
      }
      double gatewaySeconds = (System.nanoTime() - start) / 1e9;
      long stored = store.count("via_gateway", samples);
      double gatewayRate = (samples + batches) / gatewaySeconds;

      // The same points again, regenerated (batches are deterministic) and written in chunks.
      TimeSeriesSink direct = store.sink("direct");
      List<Lines> chunk = new ArrayList<>();
      int chunkPoints = 0;
      long directPoints = 0;
      long directStart = System.nanoTime();
      for (int s = 0; s < second; s++) {
        for (int d = 0; d < devices; d++) {
          Lines lines = LineEncoder.encode("bench", batch("vert-" + d, s));
          chunk.add(lines);
          chunkPoints += lines.points();
          if (chunkPoints >= 5000) {
            directPoints += writeDirect(direct, chunk);
            chunkPoints = 0;
          }
        }
      }
      directPoints += writeDirect(direct, chunk);
      double directSeconds = (System.nanoTime() - directStart) / 1e9;
      double directRate = directPoints / directSeconds;

      System.out.printf(
          "ingest bench: %d virtual verticalizers, %d s of publishing, 172 samples per batch,"
              + " into %s%n",
          devices, seconds, store.describe());
      System.out.printf("  batches published          %,d (%,d samples)%n", batches, samples);
      System.out.printf(
          "  via Mosquitto + gateway    %,.0f points/s (%,d points in %.1f s, publish to last store)%n",
          gatewayRate, samples + batches, gatewaySeconds);
      System.out.printf(
          "  direct batched write       %,.0f points/s (%,d points in %.1f s, chunks of about 5,000)%n",
          directRate, directPoints, directSeconds);
      System.out.printf("  ratio gateway / direct     %.2f%n", gatewayRate / directRate);
      System.out.printf(
          "  samples lost               %d (stored %,d of %,d; checked with count(value))%n",
          samples - stored, stored, samples);
      System.out.printf(
          "  real-time capacity         %.0f verticalizers at full rate (172 samples/s each)%n",
          gatewayRate / 173);
      fleet.disconnect();
      fleet.close();
      ingest.close();
    }
  }

  private static long writeDirect(TimeSeriesSink direct, List<Lines> chunk) {
    if (chunk.isEmpty()) {
      return 0;
    }
    Lines lines = Lines.concat(chunk);
    direct
        .write(lines)
        .ifPresent(
            f -> {
              throw new IllegalStateException("direct write failed: " + f.reason());
            });
    long written = lines.points();
    chunk.clear();
    return written;
  }

  /** Batches start a day before the run, one per second, so the time window admits them. */
  private static final Instant BASE =
      Instant.now().minus(Duration.ofDays(1)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);

  private static SampleBatch batch(String device, int second) {
    long t0 = (BASE.getEpochSecond() + second) * 1_000_000L;
    return new SampleBatch(
        new Header(device, "bench", BASE.plusSeconds(second)),
        new SessionRef("S-" + device, second),
        t0,
        List.of(
            channel("tiltDeg", "deg", 10, second),
            channel("loadLeftKg", "kg", 80, second),
            channel("loadRightKg", "kg", 80, second),
            channel("heartRate", "/min", 1, second),
            channel("spo2", "%", 1, second)));
  }

  private static ChannelSamples channel(String name, String unit, int hz, int second) {
    long[] offsets = new long[hz];
    double[] values = new double[hz];
    for (int i = 0; i < hz; i++) {
      offsets[i] = i * 1_000_000L / hz;
      values[i] = 10 + (second * 7 + i) % 50 / 10.0;
    }
    return new ChannelSamples(name, unit, offsets, values);
  }

  /** Where the bench writes: two targets ("via_gateway", "direct") on one kind of store. */
  private interface Store extends AutoCloseable {
    TimeSeriesSink sink(String target) throws Exception;

    /** The samples stored in a target, waiting (up to 60 s) while the count still grows. */
    long count(String target, long expected) throws Exception;

    String describe();
  }

  /** Debian's influxd 1.6.7 through /write: one database per target. */
  private static final class InfluxdStore implements Store {
    private final InfluxdServer influxd = new InfluxdServer();

    InfluxdStore() {
      influxd.start();
      influxd.createDatabase("via_gateway");
      influxd.createDatabase("direct");
    }

    @Override
    public TimeSeriesSink sink(String target) {
      return new InfluxV1Sink(influxd.url(), target, null, null, Duration.ofSeconds(30));
    }

    @Override
    public long count(String target, long expected) {
      Matcher value =
          Pattern.compile("\"values\":\\[\\[\"[^\"]+\",([0-9]+)\\]\\]")
              .matcher(influxd.query(target, "SELECT count(value) FROM sample"));
      return value.find() ? Long.parseLong(value.group(1)) : 0;
    }

    @Override
    public String describe() {
      return "influxd 1.6.7 (v1 /write)";
    }

    @Override
    public void close() {
      influxd.close();
    }
  }

  /** The gateway's embedded QuestDB through the v2 API: one server per target. */
  private static final class QuestDbStore implements Store {
    private final java.util.Map<String, EmbeddedQuestDb> servers = new java.util.HashMap<>();
    private final Path dir;

    QuestDbStore(Path dir) {
      this.dir = dir;
    }

    @Override
    public TimeSeriesSink sink(String target) throws Exception {
      EmbeddedQuestDb db = EmbeddedQuestDb.start(dir.resolve(target), 0);
      servers.put(target, db);
      return new InfluxV2Sink(
          db.url(), "rehab", "rehab", null, Duration.ofSeconds(30), db.authorization());
    }

    @Override
    public long count(String target, long expected) throws Exception {
      QuestDbSql sql = servers.get(target).sql(Duration.ofSeconds(30));
      long deadline = System.nanoTime() + 60_000_000_000L;
      long count = 0;
      while (System.nanoTime() < deadline) {
        count =
            sql.execute("SELECT count() FROM \"sample\"").path("dataset").get(0).get(0).asLong();
        if (count >= expected) {
          break;
        }
        Thread.sleep(500); // QuestDB applies its write-ahead log a moment after the write
      }
      return count;
    }

    @Override
    public String describe() {
      return "embedded QuestDB 9.3.4 (v2 API, influxdb-client-java)";
    }

    @Override
    public void close() {
      servers.values().forEach(EmbeddedQuestDb::close);
    }
  }
}
