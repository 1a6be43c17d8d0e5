package org.rehabtelemetry.agent.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.rehabtelemetry.agent.journal.JournalListener;
import org.rehabtelemetry.agent.journal.MemoryJournal;
import org.rehabtelemetry.agent.journal.RecordClass;
import org.rehabtelemetry.protocol.DeviceKind;
import org.rehabtelemetry.protocol.DeviceState;
import org.rehabtelemetry.protocol.DeviceStatus;
import org.rehabtelemetry.protocol.Header;
import org.rehabtelemetry.protocol.MessageCodec;
import org.rehabtelemetry.protocol.MessageType;

class BacklogAgeTest {
  private static final Instant T = Instant.parse("2026-11-30T10:00:00Z");

  @Test
  void theOldestUnacknowledgedRecord_setsTheAge_andNothingWaitingIsZero() {
    MemoryJournal journal = new MemoryJournal(1 << 20, JournalListener.NONE);
    BacklogAge age = new BacklogAge(journal, Clock.fixed(T.plusSeconds(90), ZoneOffset.UTC));
    assertEquals(0.0, age.seconds(), "nothing waits");

    long first = journal.append(RecordClass.EVENT, MessageType.STATUS, status(T));
    journal.append(RecordClass.EVENT, MessageType.STATUS, status(T.plusSeconds(60)));
    journal.commit();
    assertEquals(90.0, age.seconds(), "the oldest of two");

    journal.ack(first);
    assertEquals(30.0, age.seconds(), "the next one once the first is acknowledged");
  }

  private static byte[] status(Instant time) {
    return new MessageCodec()
        .encode(
            new DeviceStatus(
                new Header("vert-01", "b1", time),
                DeviceState.ONLINE,
                DeviceKind.VERTICALIZER,
                "0.2.0",
                true,
                null,
                null));
  }
}
