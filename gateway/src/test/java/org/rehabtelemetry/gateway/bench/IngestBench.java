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
import org.rehabtelemetry.gateway.receipt.ReceiptSender;
import org.rehabtelemetry.gateway.storage.LineEncoder;
import org.rehabtelemetry.gateway.storage.Lines;
import org.rehabtelemetry.gateway.storage.TimeSeriesSink;
import org.rehabtelemetry.gateway.storage.influxv1.InfluxV1Sink;
import org.rehabtelemetry.gateway.storage.influxv2.InfluxV2Sink;
import org.rehabtelemetry.gateway.storage.questdb.EmbeddedQuestDb;
import org.rehabtelemetry.gateway.storage.questdb.QuestDbSql;
import org.rehabtelemetry.gateway.testing.SecureBroker;
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
 * Sustained ingest: a fleet of virtual verticalizers (one connection each) publishes one-second
 * batches (172 samples) as fast as the pipeline takes them for N seconds (default 60) through
 * Mosquitto into the gateway and influxd, twice: on a plain broker, and on the production broker
 * config (TLS 1.3, client certificates, passwords, the ACL) with provisioned accounts; then, in the
 * same run, the plain run's points are written straight to influxd in batches of 5,000. Prints the
 * rates in points/s, the ratios gateway/direct and TLS/plain, and checks the loss count in the
 * database. The gateway side sends storage receipts as the gateway does (every 250 ms). With a
 * third argument {@code questdb}, both go to the gateway's embedded QuestDB through the v2 API
 * instead. Prints figures; asserts nothing. Run with {@code scripts/bench-gateway [seconds]
 * [devices] [influxd|questdb]}.
 */
public final class IngestBench {
  private IngestBench() {}

  /** One run through a broker and the gateway's ingest. */
  private record Run(long batches, long samples, double seconds, long stored, long receipted) {
    double rate() {
      return (samples + batches) / seconds;
    }

    Run plus(Run other) {
      return new Run(
          batches + other.batches,
          samples + other.samples,
          seconds + other.seconds,
          stored + other.stored,
          receipted + other.receipted);
    }
  }

  /** How the publishers and the gateway reach one broker. */
  private interface Broker {
    String uri();

    MqttConnection gateway();

    MqttConnectOptions device(String id) throws Exception;
  }

  public static void main(String[] args) throws Exception {
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 60;
    int devices = args.length > 1 ? Integer.parseInt(args[1]) : 20;
    boolean questDb = args.length > 2 && args[2].equals("questdb");
    Path dir = Files.createTempDirectory("rt-ingest-bench-");
    try (MosquittoServer plainBroker =
            new MosquittoServer(
                // The production config's limits and autosave, without TLS and accounts, so
                // that the ratio measures security alone.
                List.of(
                    "max_inflight_messages 1000",
                    "max_queued_messages 500000",
                    "max_queued_bytes 1073741824",
                    "max_packet_size 300000",
                    "autosave_interval 10"));
        SecureBroker site = new SecureBroker(dir.resolve("site"));
        Store store = questDb ? new QuestDbStore(dir) : new InfluxdStore()) {
      plainBroker.start();
      for (int d = 0; d < devices; d++) {
        site.provision("device", "--site", "bench", "--kind", "verticalizer", "vert-" + d);
        site.certify("vert-" + d);
      }
      site.provision("gateway", "gateway-bench");
      site.certify("gateway-bench");
      site.broker.start();

      Broker plainAccess =
          new Broker() {
            @Override
            public String uri() {
              return plainBroker.uri();
            }

            @Override
            public MqttConnection gateway() {
              return new MqttConnection(plainBroker.uri(), "gateway-bench", null, null, null);
            }

            @Override
            public MqttConnectOptions device(String id) {
              return new MqttConnectOptions();
            }
          };
      Broker tlsAccess =
          new Broker() {
            @Override
            public String uri() {
              return site.uri();
            }

            @Override
            public MqttConnection gateway() {
              try {
                return new MqttConnection(
                    site.uri(),
                    "gateway-bench",
                    "gateway-bench",
                    site.password("gateway-bench"),
                    site.tls("gateway-bench"));
              } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
            }

            @Override
            public MqttConnectOptions device(String id) throws Exception {
              return site.options(id, id, site.password(id));
            }
          };
      // Warm both paths up first (the JIT, influxd's first shards), so that neither run pays for
      // it and the ratio compares the transports, not the order.
      int warmUp = Math.max(3, seconds / 3);
      viaGateway(plainAccess, store, "warmup_plain", dir, warmUp, devices);
      viaGateway(tlsAccess, store, "warmup_tls", dir, warmUp, devices);
      // Then A-B-B-A (plain, TLS, TLS, plain): what the order still does (a later run was up to
      // 1.6 times faster in trials) falls on both alike.
      Run plain1 = viaGateway(plainAccess, store, "via_gateway", dir, seconds, devices);
      Run tls1 = viaGateway(tlsAccess, store, "via_gateway_tls", dir, seconds, devices);
      Run tls2 = viaGateway(tlsAccess, store, "via_gateway_tls2", dir, seconds, devices);
      Run plain2 = viaGateway(plainAccess, store, "via_gateway2", dir, seconds, devices);
      Run plain = plain1.plus(plain2);
      Run tls = tls1.plus(tls2);
      System.out.printf(
          "rounds (points/s): plain %,.0f, TLS %,.0f, TLS %,.0f, plain %,.0f%n",
          plain1.rate(), tls1.rate(), tls2.rate(), plain2.rate());

      // The plain run's points again, regenerated (batches are deterministic), in chunks.
      TimeSeriesSink direct = store.sink("direct");
      List<Lines> chunk = new ArrayList<>();
      int chunkPoints = 0;
      long directPoints = 0;
      long directStart = System.nanoTime();
      int plainSeconds = (int) (plain1.batches() / devices);
      for (int s = 0; s < plainSeconds; s++) {
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
          "ingest bench: %d virtual verticalizers (one connection each), %d s of publishing per"
              + " run, 172 samples per batch, into %s%n",
          devices, seconds, store.describe());
      print("plain MQTT", plain);
      print("TLS 1.3, mutual TLS", tls);
      System.out.printf(
          "  direct batched write          %,.0f points/s (%,d points in %.1f s, chunks of about"
              + " 5,000)%n",
          directRate, directPoints, directSeconds);
      System.out.printf(
          "  ratio gateway / direct        %.2f (plain)%n", plain.rate() / directRate);
      System.out.printf(
          "  ratio TLS / plain             %.2f (the production broker config: TLS 1.3, client"
              + " certificates, passwords, ACL)%n",
          tls.rate() / plain.rate());
      System.out.printf(
          "  real-time capacity over TLS   %.0f verticalizers at full rate (173 points/s each)%n",
          tls.rate() / 173);
    }
  }

  private static void print(String label, Run run) {
    System.out.printf(
        "  via Mosquitto + gateway, %-20s %,.0f points/s (%,d batches, %,d points in %.1f s);"
            + " samples lost %d (stored %,d of %,d); receipts sent for %,d messages%n",
        label + ":",
        run.rate(),
        run.batches(),
        run.samples() + run.batches(),
        run.seconds(),
        run.samples() - run.stored(),
        run.stored(),
        run.samples(),
        run.receipted());
  }

  private static Run viaGateway(
      Broker broker, Store store, String target, Path dir, int seconds, int devices)
      throws Exception {
    MessageCodec codec = new MessageCodec();
    TimeSeriesSink gatewaySink = store.sink(target);
    Clock clock = Clock.systemUTC();
    // As the gateway runs it: every stored message is receipted to its device every 250 ms.
    PahoInbound inbound = new PahoInbound(broker.gateway(), null, 1000);
    ReceiptSender receipts = new ReceiptSender(inbound, clock, 100_000);
    java.util.concurrent.ScheduledExecutorService flusher =
        java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
    Ingest ingest =
        new Ingest(
            new IngestSettings(
                null,
                1000,
                8 << 20,
                64L << 20,
                Duration.ofMillis(100),
                Duration.ofSeconds(2),
                TimeWindow.DEFAULT),
            inbound,
            gatewaySink,
            new DeadLetterStore(
                dir.resolve("dead-" + target), clock, 64L << 20, Duration.ofDays(1)),
            new CardinalityGuard(
                CardinalityGuard.Bounds.DEFAULT,
                dir.resolve("cardinality-" + target + ".json"),
                clock),
            receipts,
            clock,
            Heartbeat.NONE,
            nanos -> {});
    ingest.start();
    var flushing =
        flusher.scheduleWithFixedDelay(
            receipts::flush, 250, 250, java.util.concurrent.TimeUnit.MILLISECONDS);
    List<MqttClient> fleet = new ArrayList<>();
    for (int d = 0; d < devices; d++) {
      MqttClient client = new MqttClient(broker.uri(), "vert-" + d, new MemoryPersistence());
      MqttConnectOptions options = broker.device("vert-" + d);
      options.setMaxInflight(1000);
      client.connect(options);
      fleet.add(client);
    }
    long batches = 0;
    long samples = 0;
    long start = System.nanoTime();
    long end = start + seconds * 1_000_000_000L;
    int second = 0;
    while (System.nanoTime() < end) {
      for (int d = 0; d < devices; d++) {
        SampleBatch batch = batch("vert-" + d, second);
        fleet
            .get(d)
            .publish(
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
    double elapsed = (System.nanoTime() - start) / 1e9;
    Thread.sleep(500);
    flushing.cancel(false);
    flusher.shutdown();
    receipts.flush();
    long stored = store.count(target, samples);
    for (MqttClient client : fleet) {
      client.disconnect();
      client.close();
    }
    ingest.close();
    return new Run(batches, samples, elapsed, stored, receipts.messages.sum());
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
    }

    @Override
    public TimeSeriesSink sink(String target) {
      influxd.createDatabase(target);
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
