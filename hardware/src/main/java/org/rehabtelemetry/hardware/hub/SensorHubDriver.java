package org.rehabtelemetry.hardware.hub;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.rehabtelemetry.hardware.Reading;
import org.rehabtelemetry.hardware.ReadingSink;
import org.rehabtelemetry.hardware.fault.FaultKind;
import org.rehabtelemetry.hardware.fault.SensorHealth;
import org.rehabtelemetry.hardware.serial.StreamDecoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the sensor hub's byte stream into readings.
 *
 * <p>Frames come from a {@link HubFrameParser}. Samples are mapped through the profile's channel
 * table, stamped by the {@link HubTimeline}, and checked against the channel's physical range: a
 * value outside it is not a reading but an {@code OUT_OF_RANGE} condition on that channel, with the
 * value in the detail, until the channel is back in range. Gaps in the hub's frame counter are
 * counted as lost frames; a channel-state frame from the hub raises or clears {@code
 * SENSOR_REPORTED} for that channel. Unknown types, malformed payloads and unmapped channels are
 * counted. Nothing here throws on bad input.
 *
 * <p>Not thread-safe: the serial reader thread feeds it.
 */
public final class SensorHubDriver implements StreamDecoder {
  private static final Logger LOG = LoggerFactory.getLogger(SensorHubDriver.class);
  private static final String[] CHANNEL_STATES = {"ok", "disconnected", "saturated"};

  private final Map<Integer, HubChannel> channels = new HashMap<>();
  private final SensorHealth health;
  private final ReadingSink sink;
  private final HubFrameParser parser;
  private final HubTimeline timeline = new HubTimeline();
  private int expectedSeq = -1;
  private int behindSeq = -1;

  /**
   * @param channels the profile's channel table
   * @param frameTimeoutNanos how long a started frame may wait for the rest of its bytes
   */
  public SensorHubDriver(
      List<HubChannel> channels, SensorHealth health, ReadingSink sink, long frameTimeoutNanos) {
    for (HubChannel channel : channels) {
      this.channels.put(channel.id(), channel);
    }
    this.health = health;
    this.sink = sink;
    this.parser = new HubFrameParser(health, this::onFrame, frameTimeoutNanos);
  }

  @Override
  public void accept(byte[] bytes, int offset, int count, long nanos) {
    parser.accept(bytes, offset, count, nanos);
  }

  @Override
  public void idle(long nanos) {
    parser.idle(nanos);
  }

  @Override
  public void reset() {
    parser.clear();
    expectedSeq = -1;
    behindSeq = -1;
    timeline.reset();
  }

  private void onFrame(HubFrame frame, long nanos) {
    if (frame.type() == HubFrame.TYPE_HELLO) {
      onHello(frame);
      return;
    }
    trackSeq(frame.seq());
    switch (frame.type()) {
      case HubFrame.TYPE_SAMPLES -> onSamples(frame.payload(), nanos);
      case HubFrame.TYPE_CHANNEL_STATE -> onChannelState(frame.payload());
      default -> health.count(FaultKind.UNKNOWN_TYPE, 1);
    }
  }

  /**
   * Follows the hub's frame counter: a forward gap is frames lost; a frame behind the expected one
   * is out of order and leaves the count alone (one stray or forged frame must not read as 65,000
   * lost), unless the next frame continues from it, as after a hub restart without its HELLO.
   */
  private void trackSeq(int seq) {
    int gap = expectedSeq < 0 ? 0 : (seq - expectedSeq) & 0xFFFF;
    if (gap < 0x8000) {
      if (gap > 0) {
        health.count(FaultKind.LOST_FRAMES, gap);
      }
      expectedSeq = (seq + 1) & 0xFFFF;
      behindSeq = -1;
      return;
    }
    health.count(FaultKind.OUT_OF_ORDER, 1);
    if (behindSeq >= 0 && seq == ((behindSeq + 1) & 0xFFFF)) {
      expectedSeq = (seq + 1) & 0xFFFF; // a new run: the hub restarted
      behindSeq = -1;
    } else {
      behindSeq = seq;
    }
  }

  private void onHello(HubFrame frame) {
    if (frame.payload().length != 7) {
      health.count(FaultKind.BAD_PAYLOAD, 1);
      return;
    }
    ByteBuffer in = ByteBuffer.wrap(frame.payload()).order(ByteOrder.LITTLE_ENDIAN);
    LOG.info(
        "sensor hub firmware {}.{} serial {} with {} channels (re)started",
        in.get() & 0xFF,
        in.get() & 0xFF,
        Integer.toUnsignedLong(in.getInt()),
        in.get() & 0xFF);
    expectedSeq = (frame.seq() + 1) & 0xFFFF;
    timeline.reset();
  }

  private void onSamples(byte[] payload, long nanos) {
    if (payload.length < 5 || payload.length != 5 + 5 * (payload[4] & 0xFF) || payload[4] == 0) {
      health.count(FaultKind.BAD_PAYLOAD, 1);
      return;
    }
    ByteBuffer in = ByteBuffer.wrap(payload).order(ByteOrder.LITTLE_ENDIAN);
    long time = timeline.map(Integer.toUnsignedLong(in.getInt()), nanos);
    int count = in.get() & 0xFF;
    boolean[] seen = new boolean[256];
    boolean anyValid = false;
    for (int i = 0; i < count; i++) {
      int id = in.get() & 0xFF;
      int raw = in.getInt();
      HubChannel channel = channels.get(id);
      if (channel == null) {
        health.count(FaultKind.UNKNOWN_CHANNEL, 1);
        continue;
      }
      if (seen[id]) {
        health.count(FaultKind.BAD_PAYLOAD, 1);
        continue;
      }
      seen[id] = true;
      double value = channel.toPhysical(raw);
      if (!health.checkRange(channel.channel(), value, channel.min(), channel.max())) {
        continue;
      }
      sink.accept(new Reading(channel.channel(), value, time));
      anyValid = true;
    }
    if (anyValid) {
      health.dataReceived(nanos);
    }
  }

  private void onChannelState(byte[] payload) {
    if (payload.length != 2) {
      health.count(FaultKind.BAD_PAYLOAD, 1);
      return;
    }
    int id = payload[0] & 0xFF;
    int state = payload[1] & 0xFF;
    HubChannel channel = channels.get(id);
    String name = channel == null ? "hub channel " + id : channel.channel();
    if (state == 0) {
      health.clear(FaultKind.SENSOR_REPORTED, name);
    } else {
      String word = state < CHANNEL_STATES.length ? CHANNEL_STATES[state] : "state " + state;
      health.raise(FaultKind.SENSOR_REPORTED, name, "the hub reports " + name + " " + word);
    }
  }
}
