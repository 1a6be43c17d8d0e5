package org.rehabtelemetry.agent.journal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.CRC32C;
import org.rehabtelemetry.protocol.Limits;
import org.rehabtelemetry.protocol.MessageType;

/**
 * The on-disk record format, little-endian:
 *
 * <pre>
 * offset size field
 *  0     2    magic 0x4A52 ("RJ")
 *  2     1    version 1
 *  3     1    flags: bits 0-3 message type code, bit 4 set for the samples lane
 *  4     4    payload length N (at most the protocol's message limit)
 *  8     8    record id
 * 16     N    payload (the encoded message)
 * 16+N   4    CRC32C of bytes 0 .. 16+N-1
 * </pre>
 *
 * <p>The message type codes are fixed here ({@link #typeCode}), not taken from the enum's order:
 * STATUS 0, SESSION 1, SAMPLES 2, ALARM 3, SUMMARY 4, COMMAND 5 (the order journals were first
 * written in), LOST 6, LIVE 7 (neither is journaled today). A new type takes a new code; an
 * existing code never changes.
 *
 * <p>Stateless and thread-safe.
 */
final class RecordCodec {
  static final int MAGIC = 0x4A52;
  static final int VERSION = 1;
  static final int HEADER = 16;
  static final int TRAILER = 4;
  private static final int SAMPLES_FLAG = 0x10;

  private RecordCodec() {}

  static ByteBuffer encode(long id, RecordClass recordClass, MessageType type, byte[] payload) {
    ByteBuffer out =
        ByteBuffer.allocate(HEADER + payload.length + TRAILER).order(ByteOrder.LITTLE_ENDIAN);
    out.putShort((short) MAGIC).put((byte) VERSION);
    out.put((byte) (typeCode(type) | (recordClass == RecordClass.SAMPLES ? SAMPLES_FLAG : 0)));
    out.putInt(payload.length).putLong(id).put(payload);
    CRC32C crc = new CRC32C();
    crc.update(out.array(), 0, HEADER + payload.length);
    out.putInt((int) crc.getValue());
    out.flip();
    return out;
  }

  /** Total size of the record that starts with this valid header. */
  static int size(int payloadLength) {
    return HEADER + payloadLength + TRAILER;
  }

  /**
   * Decodes the record at {@code position} of {@code data} (limited to {@code end}), or returns
   * null if the bytes there are not a complete valid record.
   */
  static JournalRecord decode(ByteBuffer data, int position, int end) {
    if (end - position < HEADER + TRAILER) {
      return null;
    }
    ByteBuffer in = data.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    if ((in.getShort(position) & 0xFFFF) != MAGIC || in.get(position + 2) != VERSION) {
      return null;
    }
    int flags = in.get(position + 3) & 0xFF;
    MessageType type = typeOf(flags & 0x0F);
    if (type == null || (flags & ~(0x0F | SAMPLES_FLAG)) != 0) {
      return null;
    }
    int length = in.getInt(position + 4);
    if (length < 0 || length > Limits.MAX_MESSAGE_BYTES || end - position < size(length)) {
      return null;
    }
    CRC32C crc = new CRC32C();
    ByteBuffer covered = in.duplicate();
    covered.limit(position + HEADER + length).position(position);
    crc.update(covered);
    if ((int) crc.getValue() != in.getInt(position + HEADER + length)) {
      return null;
    }
    byte[] payload = new byte[length];
    in.get(position + HEADER, payload);
    return new JournalRecord(
        in.getLong(position + 8),
        (flags & SAMPLES_FLAG) != 0 ? RecordClass.SAMPLES : RecordClass.EVENT,
        type,
        payload);
  }

  /** The stable on-disk code of a message type, 0..15. */
  static int typeCode(MessageType type) {
    return switch (type) {
      case STATUS -> 0;
      case SESSION -> 1;
      case SAMPLES -> 2;
      case ALARM -> 3;
      case SUMMARY -> 4;
      case COMMAND -> 5;
      case LOST -> 6;
      case LIVE -> 7;
    };
  }

  /** The message type with this on-disk code, or null for a code no type has. */
  static MessageType typeOf(int code) {
    return switch (code) {
      case 0 -> MessageType.STATUS;
      case 1 -> MessageType.SESSION;
      case 2 -> MessageType.SAMPLES;
      case 3 -> MessageType.ALARM;
      case 4 -> MessageType.SUMMARY;
      case 5 -> MessageType.COMMAND;
      case 6 -> MessageType.LOST;
      case 7 -> MessageType.LIVE;
      default -> null;
    };
  }
}
