package org.rehabtelemetry.protocol;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Valid messages for tests and benchmarks: fixed realistic ones and seeded random ones. */
public final class SampleMessages {
  public static final Instant T0 = Instant.parse("2026-11-23T09:15:30.250Z");
  public static final Header HEADER = new Header("vert-01", "b7c1e0d2", T0);

  private SampleMessages() {}

  /** One second of a verticalizer at full rates: tilt 10 Hz, two load cells 80 Hz, HR and SpO2. */
  public static SampleBatch verticalizerSecond(long seq) {
    long t0Us = T0.toEpochMilli() * 1000;
    return new SampleBatch(
        HEADER,
        new SessionRef("S20261123-0915-vert01", seq),
        t0Us,
        List.of(
            channel("tiltDeg", "deg", 10, i -> 45.0 + 0.1 * i),
            channel("loadLeftKg", "kg", 80, i -> 11.2 + 0.01 * (i % 7)),
            channel("loadRightKg", "kg", 80, i -> 13.9 - 0.01 * (i % 5)),
            channel("heartRate", "/min", 1, i -> 96),
            channel("spo2", "%", 1, i -> 97)));
  }

  private static ChannelSamples channel(
      String name, String unit, int rateHz, java.util.function.IntToDoubleFunction value) {
    long[] offsets = new long[rateHz];
    double[] values = new double[rateHz];
    for (int i = 0; i < rateHz; i++) {
      offsets[i] = i * 1_000_000L / rateHz;
      values[i] = Math.round(value.applyAsDouble(i) * 1000) / 1000.0;
    }
    return new ChannelSamples(name, unit, offsets, values);
  }

  /** One realistic message of every type, in the order a session produces them. */
  public static List<Message> oneOfEach() {
    SessionRef s0 = new SessionRef("S20261123-0915-vert01", 0);
    return List.of(
        new DeviceStatus(
            HEADER, DeviceState.ONLINE, DeviceKind.VERTICALIZER, "0.1.0", true, null, null),
        new SessionEvent(
            HEADER,
            s0,
            SessionEventType.STARTED,
            "therapist",
            "P-7F3A",
            "standing",
            Map.of("targetTiltDeg", 60.0)),
        verticalizerSecond(1),
        new AlarmEvent(
            HEADER,
            new SessionRef(s0.sessionId(), 2),
            "A-b7c1e0d2-1",
            AlarmState.RAISED,
            "HR_HIGH",
            AlarmPriority.MEDIUM,
            false,
            "heartRate",
            165.0,
            160.0,
            "Heart rate 165/min above 160/min"),
        new AlarmEvent(
            HEADER,
            null,
            "A-b7c1e0d2-2",
            AlarmState.RAISED,
            "ESTOP",
            AlarmPriority.HIGH,
            true,
            null,
            null,
            null,
            "Emergency stop pressed"),
        new SessionSummary(
            HEADER,
            new SessionRef(s0.sessionId(), 3),
            SessionEventType.STOPPED,
            T0,
            T0.plusSeconds(1200),
            Map.of("timeAt60DegMin", new Metric(14.5, "min"))),
        new LostRecords(
            HEADER,
            s0.sessionId(),
            List.of(new SeqRange(1, 1)),
            T0.plusSeconds(600),
            "size limit 268435456 bytes reached"),
        new LiveSamples(
            HEADER,
            s0.sessionId(),
            1_763_889_330_250_000L,
            List.of(new ChannelSamples("tiltDeg", "deg", new long[] {0}, new double[] {45.5}))),
        new DeviceCommand(HEADER, "C-1", "PING", Map.of("note", "reserved")));
  }

  /** A random valid message; the same seed gives the same message. */
  public static Message random(Random random) {
    Header header =
        new Header(
            "dev-" + random.nextInt(100),
            "boot" + Long.toHexString(random.nextLong() & Long.MAX_VALUE),
            Instant.ofEpochMilli(1_700_000_000_000L + random.nextInt(1_000_000_000)));
    SessionRef session =
        new SessionRef("S" + random.nextInt(1000), (int) random.nextLong(Limits.MAX_SEQ + 1));
    return switch (random.nextInt(8)) {
      case 0 ->
          new DeviceStatus(
              header,
              random.nextBoolean() ? DeviceState.ONLINE : DeviceState.OFFLINE,
              new DeviceKind(
                  List.of("verticalizer", "sauna", "phyto-barrel").get(random.nextInt(3))),
              "0.1." + random.nextInt(10),
              random.nextBoolean(),
              random.nextBoolean() ? session.sessionId() : null,
              random.nextBoolean() ? "connection lost" : null);
      case 1 ->
          random.nextBoolean()
              ? new SessionEvent(
                  header,
                  session,
                  SessionEventType.STARTED,
                  "therapist",
                  "P-" + random.nextInt(10_000),
                  "passive",
                  randomSettings(random))
              : new SessionEvent(
                  header,
                  session,
                  SessionEventType.values()[1 + random.nextInt(4)],
                  "button",
                  null,
                  null,
                  Map.of());
      case 2 -> randomBatch(random, header, session);
      case 3 ->
          new AlarmEvent(
              header,
              random.nextBoolean() ? session : null,
              "A" + random.nextInt(1000),
              AlarmState.values()[random.nextInt(3)],
              "SPO2_LOW",
              AlarmPriority.values()[random.nextInt(3)],
              random.nextBoolean(),
              random.nextBoolean() ? "spo2" : null,
              random.nextBoolean() ? random.nextDouble() * 100 : null,
              random.nextBoolean() ? 90.0 : null,
              "SpO2 low");
      case 4 ->
          new SessionSummary(
              header,
              session,
              random.nextBoolean() ? SessionEventType.STOPPED : SessionEventType.INTERRUPTED,
              header.time(),
              header.time().plusSeconds(random.nextInt(3600)),
              Map.of("spasmCount", new Metric(random.nextInt(10), "count")));
      case 5 ->
          new LostRecords(
              header,
              session.sessionId(),
              random.nextBoolean()
                  ? List.of(new SeqRange(session.seq(), session.seq()))
                  : List.of(new SeqRange(0, 3), new SeqRange(5, 5 + random.nextInt(1000))),
              header.time().minusSeconds(random.nextInt(3600)),
              "older than PT168H");
      case 6 -> {
        SampleBatch batch = randomBatch(random, header, session);
        yield new LiveSamples(header, session.sessionId(), batch.t0Us(), batch.channels());
      }
      default -> new DeviceCommand(header, "C" + random.nextInt(99), "PING", Map.of());
    };
  }

  private static Map<String, Double> randomSettings(Random random) {
    Map<String, Double> settings = new LinkedHashMap<>();
    settings.put("cadenceRpm", (double) random.nextInt(90));
    if (random.nextBoolean()) {
      settings.put("durationMin", 20.0);
    }
    return settings;
  }

  private static SampleBatch randomBatch(Random random, Header header, SessionRef session) {
    int channelCount = 1 + random.nextInt(5);
    List<ChannelSamples> channels = new ArrayList<>();
    for (int c = 0; c < channelCount; c++) {
      int n = 1 + random.nextInt(40);
      long[] offsets = new long[n];
      double[] values = new double[n];
      long t = random.nextInt(1000);
      for (int i = 0; i < n; i++) {
        offsets[i] = t;
        t += 1 + random.nextInt(100_000);
        values[i] = random.nextBoolean() ? random.nextGaussian() * 50 : random.nextInt(200);
      }
      channels.add(new ChannelSamples("ch" + c, "kg", offsets, values));
    }
    return new SampleBatch(
        header, session, header.time().toEpochMilli() * 1000 + random.nextInt(1000), channels);
  }
}
