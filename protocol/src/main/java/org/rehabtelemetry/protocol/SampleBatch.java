package org.rehabtelemetry.protocol;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A batch of sensor samples from one session, published on the {@code samples} topic.
 *
 * <p>Columnar: one {@link ChannelSamples} per channel, each with its own timestamps, so channels
 * sampled at different rates share a batch. Channel names are unique within a batch. A batch holds
 * at most {@link Limits#MAX_SAMPLES_PER_BATCH} samples over at most {@link
 * Limits#MAX_CHANNELS_PER_BATCH} channels.
 *
 * @param session the session and this batch's sequence number
 * @param t0Us the batch start in microseconds since the epoch; every sample time is {@code t0Us +
 *     offset}
 * @param channels the channels, in any order
 */
public record SampleBatch(
    Header header, SessionRef session, long t0Us, List<ChannelSamples> channels)
    implements Message {

  /** Latest allowed {@code t0Us}: 2200-01-01 in microseconds, below 2^53. */
  public static final long MAX_T0_US = 7_258_118_400_000_000L;

  public SampleBatch {
    Identifiers.requireNonNull("header", header);
    Identifiers.requireNonNull("sessionId", session);
    if (t0Us < 0 || t0Us > MAX_T0_US) {
      throw new ProtocolException(
          "t0Us", "must be microseconds since 1970 and before 2200, was " + t0Us);
    }
    Identifiers.requireNonNull("channels", channels);
    channels = List.copyOf(channels);
    if (channels.isEmpty()) {
      throw new ProtocolException("channels", "must hold at least one channel");
    }
    if (channels.size() > Limits.MAX_CHANNELS_PER_BATCH) {
      throw new ProtocolException(
          "channels",
          "has " + channels.size() + " channels, the limit is " + Limits.MAX_CHANNELS_PER_BATCH);
    }
    Set<String> names = new HashSet<>();
    long samples = 0;
    for (int i = 0; i < channels.size(); i++) {
      ChannelSamples channel = channels.get(i);
      if (!names.add(channel.channel())) {
        throw new ProtocolException(
            "channels[" + i + "].channel", "repeats channel '" + channel.channel() + "'");
      }
      samples += channel.size();
    }
    if (samples > Limits.MAX_SAMPLES_PER_BATCH) {
      throw new ProtocolException(
          "channels", "hold " + samples + " samples, the limit is " + Limits.MAX_SAMPLES_PER_BATCH);
    }
  }

  /** Total number of samples over all channels. */
  public int sampleCount() {
    int count = 0;
    for (ChannelSamples channel : channels) {
      count += channel.size();
    }
    return count;
  }

  @Override
  public MessageType type() {
    return MessageType.SAMPLES;
  }

  @Override
  public Optional<SessionRef> sessionRef() {
    return Optional.of(session);
  }
}
