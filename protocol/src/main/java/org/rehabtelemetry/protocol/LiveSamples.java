package org.rehabtelemetry.protocol;

import java.util.List;

/**
 * A preview of a running session's newest samples for live screens, published on the {@code live}
 * topic every live interval (100 ms by default), ahead of the batch that will carry the same
 * samples to storage. Not stored, not journaled, no {@code seq} and no receipt: a lost preview
 * costs a moment of a live chart, never data. Same columnar form and limits as a {@link
 * SampleBatch}.
 *
 * @param header device, boot and when it was made
 * @param sessionId the running session
 * @param t0Us the preview's start in microseconds since the epoch; sample times are {@code t0Us +
 *     offset}
 * @param channels the channels, in any order
 */
public record LiveSamples(Header header, String sessionId, long t0Us, List<ChannelSamples> channels)
    implements Message {

  public LiveSamples {
    Identifiers.requireNonNull("header", header);
    Identifiers.opaqueId("sessionId", sessionId);
    // The batch's checks (time range, channel count, unique names, sample bound), by building one.
    channels = new SampleBatch(header, new SessionRef(sessionId, 0), t0Us, channels).channels();
  }

  @Override
  public MessageType type() {
    return MessageType.LIVE;
  }
}
