package org.rehabtelemetry.simulator.fleet;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.rehabtelemetry.hardware.trace.Trace;
import org.rehabtelemetry.hardware.trace.TraceChannel;
import org.rehabtelemetry.protocol.ChannelSamples;
import org.rehabtelemetry.protocol.DeviceState;
import org.rehabtelemetry.protocol.DeviceStatus;
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
 * A device that speaks the wire protocol straight to the broker, without an agent: its own MQTT
 * connection with a retained birth and an offline Last Will, and sessions made from a trace
 * (started event, one sample batch per interval, stopped event, summary) with correct per-session
 * sequence numbers. Used for fleet load.
 *
 * <p>Not thread-safe: one pacer thread drives it; Paho's threads complete the publishes.
 */
public final class VirtualDevice implements AutoCloseable {
  private final String site;
  private final String deviceId;
  private final Trace trace;
  private final long batchUs;
  private final MessageCodec codec = new MessageCodec();
  private final MqttAsyncClient client;
  private final String bootId;
  private final AtomicLong published = new AtomicLong();
  private final AtomicLong acknowledged = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicLong samples = new AtomicLong();

  private long wallStartUs;
  private String sessionId;
  private long seq;
  private int sampleIndex;
  private long windowStartUs;
  private int sessions;
  private FleetCredentials credentials;

  /**
   * @param trace the session every run of this device replays
   * @param batchMs the batch interval in milliseconds
   */
  public VirtualDevice(String brokerUri, String site, String deviceId, Trace trace, int batchMs)
      throws MqttException {
    this.site = site;
    this.deviceId = deviceId;
    this.trace = trace;
    this.batchUs = batchMs * 1000L;
    this.bootId = "fleet-" + Long.toHexString(System.nanoTime() & 0xffffffL);
    this.client = new MqttAsyncClient(brokerUri, "fleet-" + deviceId, new MemoryPersistence());
  }

  /** Logs in with {@code credentials} (a secured broker) instead of anonymously. */
  public void credentials(FleetCredentials credentials) {
    this.credentials = credentials;
  }

  /** Connects with the Last Will and publishes the birth. Blocks up to 15 s. */
  public void connect() throws MqttException {
    MqttConnectOptions options = new MqttConnectOptions();
    if (credentials != null) {
      credentials.apply(options, deviceId);
    }
    options.setCleanSession(true);
    options.setMaxInflight(1000);
    options.setKeepAliveInterval(30);
    options.setWill(
        topic(status(DeviceState.OFFLINE, "connection lost")),
        codec.encode(status(DeviceState.OFFLINE, "connection lost")),
        1,
        true);
    client.connect(options).waitForCompletion(15_000);
    publish(status(DeviceState.ONLINE, null), true);
  }

  /**
   * Starts a session whose trace time 0 is {@code wallStartUs} (µs since the epoch) and publishes
   * its started event.
   */
  public void startSession(long wallStartUs) {
    this.wallStartUs = wallStartUs;
    this.sessionId = String.format("S%s-%04d", deviceId, ++sessions);
    this.seq = 0;
    this.sampleIndex = 0;
    this.windowStartUs = 0;
    publish(
        new SessionEvent(
            header(),
            new SessionRef(sessionId, seq++),
            SessionEventType.STARTED,
            "fleet",
            "P-" + deviceId.toUpperCase(java.util.Locale.ROOT),
            "simulated",
            Map.of()),
        false);
  }

  /** When the next batch is due, in µs since the epoch (the end of its window). */
  public long nextDueUs() {
    return wallStartUs + windowStartUs + batchUs;
  }

  /**
   * Publishes the next batch (if its window has samples) and, after the last window, the stopped
   * event and the summary.
   *
   * @return false when the session has ended
   */
  public boolean publishNext() {
    long windowEnd = windowStartUs + batchUs;
    Map<Integer, List<long[]>> offsets = new LinkedHashMap<>();
    Map<Integer, List<Double>> values = new LinkedHashMap<>();
    while (sampleIndex < trace.sampleCount() && trace.timeUs(sampleIndex) < windowEnd) {
      int c = trace.channel(sampleIndex);
      offsets
          .computeIfAbsent(c, k -> new ArrayList<>())
          .add(new long[] {trace.timeUs(sampleIndex) - windowStartUs});
      values.computeIfAbsent(c, k -> new ArrayList<>()).add(trace.value(sampleIndex));
      sampleIndex++;
    }
    if (!offsets.isEmpty()) {
      List<ChannelSamples> channels = new ArrayList<>();
      int count = 0;
      for (Map.Entry<Integer, List<long[]>> channel : offsets.entrySet()) {
        TraceChannel spec = trace.header().channels().get(channel.getKey());
        List<Double> v = values.get(channel.getKey());
        long[] o = new long[v.size()];
        double[] d = new double[v.size()];
        for (int i = 0; i < o.length; i++) {
          o[i] = channel.getValue().get(i)[0];
          d[i] = v.get(i);
        }
        count += o.length;
        channels.add(new ChannelSamples(spec.name(), spec.unit(), o, d));
      }
      publish(
          new SampleBatch(
              header(), new SessionRef(sessionId, seq++), wallStartUs + windowStartUs, channels),
          false);
      samples.addAndGet(count);
    }
    windowStartUs = windowEnd;
    if (sampleIndex < trace.sampleCount()) {
      return true;
    }
    publish(
        new SessionEvent(
            header(),
            new SessionRef(sessionId, seq++),
            SessionEventType.STOPPED,
            "fleet",
            null,
            null,
            Map.of()),
        false);
    Instant started = Instant.ofEpochSecond(0, wallStartUs * 1000);
    publish(
        new SessionSummary(
            header(),
            new SessionRef(sessionId, seq++),
            SessionEventType.STOPPED,
            started,
            Instant.ofEpochSecond(0, (wallStartUs + windowEnd) * 1000),
            Map.of("durationMin", new Metric(windowEnd / 60e6, "min"))),
        false);
    return false;
  }

  public String deviceId() {
    return deviceId;
  }

  public long published() {
    return published.get();
  }

  public long acknowledged() {
    return acknowledged.get();
  }

  public long failed() {
    return failed.get();
  }

  public long samples() {
    return samples.get();
  }

  /** Publishes an offline status and disconnects cleanly. */
  @Override
  public void close() {
    try {
      if (client.isConnected()) {
        publish(status(DeviceState.OFFLINE, "simulator stopped"), true);
        client.disconnect(2_000).waitForCompletion(5_000); // up to 2 s for in-flight messages
      }
      client.close();
    } catch (MqttException e) {
      // closing anyway
    }
  }

  private void publish(Message message, boolean retained) {
    published.incrementAndGet();
    try {
      client.publish(
          topic(message),
          codec.encode(message),
          1,
          retained,
          null,
          new IMqttActionListener() {
            @Override
            public void onSuccess(IMqttToken token) {
              acknowledged.incrementAndGet();
            }

            @Override
            public void onFailure(IMqttToken token, Throwable cause) {
              failed.incrementAndGet();
            }
          });
    } catch (MqttException e) {
      failed.incrementAndGet();
    }
  }

  private String topic(Message message) {
    return new Topic(site, deviceId, message.type()).toString();
  }

  private DeviceStatus status(DeviceState state, String reason) {
    return new DeviceStatus(
        header(),
        state,
        trace.header().kind(),
        "fleet-0.1.0",
        true,
        state == DeviceState.ONLINE ? sessionId : null,
        reason);
  }

  private Header header() {
    return new Header(deviceId, bootId, Instant.now());
  }
}
