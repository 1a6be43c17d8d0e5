package org.rehabtelemetry.hardware.hub;

import java.util.Arrays;
import org.rehabtelemetry.hardware.fault.FaultKind;
import org.rehabtelemetry.hardware.fault.SensorHealth;

/**
 * Finds frames in a byte stream and resynchronises after any damage.
 *
 * <p>Bytes before a sync pair are skipped and counted as garbage. A header with a wrong version or
 * an impossible length, a CRC mismatch, or a frame that stops arriving for longer than the frame
 * timeout is counted by kind, and scanning resumes one byte after the rejected sync pair, so a good
 * frame hidden inside a damaged one is still found. Memory is bounded: the buffer holds at most one
 * maximal frame plus one read.
 *
 * <p>Not thread-safe: one reader thread feeds it.
 */
public final class HubFrameParser {
  /** Receives each good frame with the time its last byte arrived. */
  @FunctionalInterface
  public interface FrameHandler {
    void frame(HubFrame frame, long receivedNanos);
  }

  private static final int MAX_FRAME =
      HubFrame.HEADER_BYTES + HubFrame.MAX_PAYLOAD + HubFrame.CRC_BYTES;

  private final SensorHealth health;
  private final FrameHandler handler;
  private final long frameTimeoutNanos;
  private byte[] buffer = new byte[2 * MAX_FRAME];
  private int length;
  private long partialSinceNanos = -1;

  /**
   * @param frameTimeoutNanos how long a started frame may wait for its remaining bytes before it is
   *     dropped as truncated
   */
  public HubFrameParser(SensorHealth health, FrameHandler handler, long frameTimeoutNanos) {
    this.health = health;
    this.handler = handler;
    this.frameTimeoutNanos = frameTimeoutNanos;
  }

  /** Feeds bytes that arrived at {@code nanos}. */
  public void accept(byte[] bytes, int offset, int count, long nanos) {
    dropStalePartial(nanos);
    if (length + count > buffer.length) {
      buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + count));
    }
    System.arraycopy(bytes, offset, buffer, length, count);
    length += count;
    parse(nanos);
    if (buffer.length > 2 * MAX_FRAME && length <= MAX_FRAME) {
      buffer = Arrays.copyOf(buffer, 2 * MAX_FRAME);
    }
  }

  /** No bytes arrived until {@code nanos}: drops a started frame that waited too long. */
  public void idle(long nanos) {
    dropStalePartial(nanos);
  }

  /** Forgets any partial frame, e.g. after the port was reopened. */
  public void clear() {
    length = 0;
    partialSinceNanos = -1;
  }

  /** Bytes held while waiting for the rest of a frame. */
  public int pendingBytes() {
    return length;
  }

  private void dropStalePartial(long nanos) {
    if (partialSinceNanos >= 0 && length > 0 && nanos - partialSinceNanos > frameTimeoutNanos) {
      health.count(FaultKind.TRUNCATED, 1);
      partialSinceNanos = -1;
      discard(1);
      parse(nanos);
    }
  }

  private void parse(long nanos) {
    while (true) {
      int skipped = skipToSync();
      if (skipped > 0) {
        health.count(FaultKind.GARBAGE_BYTES, skipped);
      }
      if (length < HubFrame.HEADER_BYTES) {
        markPartial(nanos);
        return;
      }
      int version = buffer[2] & 0xFF;
      int payloadLength = (buffer[6] & 0xFF) | (buffer[7] & 0xFF) << 8;
      if (version != HubFrame.VERSION) {
        health.count(FaultKind.BAD_VERSION, 1);
        discard(1);
        continue;
      }
      if (payloadLength > HubFrame.MAX_PAYLOAD) {
        health.count(FaultKind.BAD_LENGTH, 1);
        discard(1);
        continue;
      }
      int frameLength = HubFrame.HEADER_BYTES + payloadLength + HubFrame.CRC_BYTES;
      if (length < frameLength) {
        markPartial(nanos);
        return;
      }
      int crcAt = HubFrame.HEADER_BYTES + payloadLength;
      int expected = (buffer[crcAt] & 0xFF) | (buffer[crcAt + 1] & 0xFF) << 8;
      if (Crc16.of(buffer, 2, crcAt - 2) != expected) {
        health.count(FaultKind.BAD_CRC, 1);
        discard(1);
        continue;
      }
      int type = buffer[3] & 0xFF;
      int seq = (buffer[4] & 0xFF) | (buffer[5] & 0xFF) << 8;
      byte[] payload = Arrays.copyOfRange(buffer, HubFrame.HEADER_BYTES, crcAt);
      discard(frameLength);
      partialSinceNanos = -1;
      handler.frame(new HubFrame(type, seq, payload), nanos);
    }
  }

  /** Skips to the next sync pair (or a lone first sync byte at the end); returns bytes skipped. */
  private int skipToSync() {
    int at = 0;
    while (at < length) {
      if ((buffer[at] & 0xFF) == HubFrame.SYNC_1
          && (at + 1 == length || (buffer[at + 1] & 0xFF) == HubFrame.SYNC_2)) {
        break;
      }
      at++;
    }
    discard(at);
    return at;
  }

  private void markPartial(long nanos) {
    if (length == 0) {
      partialSinceNanos = -1;
    } else if (partialSinceNanos < 0) {
      partialSinceNanos = nanos;
    }
  }

  private void discard(int count) {
    System.arraycopy(buffer, count, buffer, 0, length - count);
    length -= count;
    if (count > 0) {
      partialSinceNanos = -1;
    }
  }
}
