package org.rehabtelemetry.hardware.hub;

import java.io.ByteArrayOutputStream;
import java.util.List;

/** Builds hub byte streams for tests: frames, samples and damage. */
public final class HubStreams {
  public static final List<HubChannel> VERTICALIZER_CHANNELS =
      List.of(
          new HubChannel(1, "loadLeftKg", 0.001, -2, 100),
          new HubChannel(2, "loadRightKg", 0.001, -2, 100));

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private int seq;
  private long hubMicros = 1_000_000;

  /** A samples frame of load cells left/right in grams, 12.5 ms after the previous one. */
  public HubStreams loads(int leftGrams, int rightGrams) {
    hubMicros += 12_500;
    return raw(
        HubFrameWriter.frame(
            HubFrame.TYPE_SAMPLES,
            seq++,
            HubFrameWriter.samples(
                hubMicros, new int[] {1, 2}, new int[] {leftGrams, rightGrams})));
  }

  public HubStreams frame(int type, byte[] payload) {
    return raw(HubFrameWriter.frame(type, seq++, payload));
  }

  /** Skips frame numbers, as if frames were lost on the way. */
  public HubStreams skipSeq(int count) {
    seq += count;
    return this;
  }

  public HubStreams raw(byte... bytes) {
    out.write(bytes, 0, bytes.length);
    return this;
  }

  public byte[] bytes() {
    return out.toByteArray();
  }

  /** The bytes written since the last take, for feeding one stream in pieces. */
  public byte[] take() {
    byte[] bytes = out.toByteArray();
    out.reset();
    return bytes;
  }
}
