package org.rehabtelemetry.agent.journal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.rehabtelemetry.protocol.MessageType;

class RecordCodecTest {
  /** The codes journals on disk already hold: they must never change. */
  private static final Map<MessageType, Integer> WRITTEN =
      Map.of(
          MessageType.STATUS, 0,
          MessageType.SESSION, 1,
          MessageType.SAMPLES, 2,
          MessageType.ALARM, 3,
          MessageType.SUMMARY, 4,
          MessageType.COMMAND, 5,
          MessageType.LOST, 6,
          MessageType.LIVE, 7);

  @Test
  void everyTypeKeepsItsOnDiskCode() {
    assertEquals(MessageType.values().length, WRITTEN.size(), "a new type needs a new code here");
    for (MessageType type : MessageType.values()) {
      assertEquals(WRITTEN.get(type), RecordCodec.typeCode(type), type.name());
      assertEquals(type, RecordCodec.typeOf(RecordCodec.typeCode(type)));
    }
  }

  @Test
  void recordsRoundTripWithTheTypeInTheFlags() {
    byte[] payload = "{\"x\":1}".getBytes(StandardCharsets.UTF_8);
    for (MessageType type : MessageType.values()) {
      for (RecordClass recordClass : RecordClass.values()) {
        ByteBuffer bytes = RecordCodec.encode(42, recordClass, type, payload);
        int flags = bytes.get(3) & 0xFF;
        assertEquals(WRITTEN.get(type), flags & 0x0F);
        JournalRecord record = RecordCodec.decode(bytes, 0, bytes.limit());
        assertNotNull(record);
        assertEquals(42, record.id());
        assertEquals(recordClass, record.recordClass());
        assertEquals(type, record.type());
        assertArrayEquals(payload, record.payload());
      }
    }
  }

  @Test
  void aCodeNoTypeHasIsNotARecord() {
    ByteBuffer valid =
        withFlags(RecordCodec.encode(7, RecordClass.EVENT, MessageType.ALARM, new byte[] {1}), 3);
    assertNotNull(RecordCodec.decode(valid, 0, valid.limit()), "the rewritten CRC is right");
    for (int code = MessageType.values().length; code <= 0x0F; code++) {
      ByteBuffer bytes =
          withFlags(
              RecordCodec.encode(7, RecordClass.EVENT, MessageType.ALARM, new byte[] {1}), code);
      assertNull(RecordCodec.decode(bytes, 0, bytes.limit()), "code " + code);
    }
  }

  /** The record with another flags byte and a matching CRC, so only the flags can be wrong. */
  private static ByteBuffer withFlags(ByteBuffer record, int flags) {
    ByteBuffer copy = ByteBuffer.allocate(record.limit()).order(ByteOrder.LITTLE_ENDIAN);
    copy.put(record.duplicate()).flip();
    copy.put(3, (byte) flags);
    int covered = copy.limit() - RecordCodec.TRAILER;
    CRC32C crc = new CRC32C();
    crc.update(copy.array(), 0, covered);
    copy.putInt(covered, (int) crc.getValue());
    return copy;
  }
}
