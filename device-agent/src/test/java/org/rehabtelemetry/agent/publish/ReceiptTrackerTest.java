package org.rehabtelemetry.agent.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.rehabtelemetry.protocol.AlarmState;
import org.rehabtelemetry.protocol.MessageKey;
import org.rehabtelemetry.protocol.Receipt;
import org.rehabtelemetry.protocol.SeqRange;

class ReceiptTrackerTest {
  private static final long SECOND = 1_000_000_000L;
  private final ReceiptTracker tracker = new ReceiptTracker(30 * SECOND);

  @Test
  void receipt_freesExactlyTheNamedSeqs_ofThatSession() {
    for (long seq = 0; seq < 10; seq++) {
      tracker.sent(100 + seq, new MessageKey.InSession("S1", seq), 0);
      tracker.sent(200 + seq, new MessageKey.InSession("S2", seq), 0);
    }
    List<ReceiptTracker.Freed> freed =
        tracker.receipted(
            new Receipt.ForSession(
                "S1", List.of(new SeqRange(0, 2), new SeqRange(5, 5), new SeqRange(9, 40)), null),
            3 * SECOND);

    assertEquals(List.of(100L, 101L, 102L, 105L, 109L), freed.stream().map(f -> f.id()).toList());
    assertEquals(3 * SECOND, freed.get(0).latencyNanos());
    assertEquals(15, tracker.size());
    assertEquals(
        List.of(),
        tracker.receipted(new Receipt.ForSession("S9", List.of(new SeqRange(0, 9)), null), 0),
        "a receipt for a session never sent frees nothing");
  }

  @Test
  void idleAlarmReceipt_freesThatStateOnly() {
    tracker.sent(1, new MessageKey.IdleAlarm("A1", AlarmState.RAISED), 0);
    tracker.sent(2, new MessageKey.IdleAlarm("A1", AlarmState.CLEARED), 0);

    List<ReceiptTracker.Freed> freed =
        tracker.receipted(new Receipt.ForIdleAlarm("A1", AlarmState.CLEARED, null), SECOND);

    assertEquals(List.of(2L), freed.stream().map(f -> f.id()).toList());
    assertEquals(1, tracker.size());
  }

  @Test
  void overdue_countsFromTheBrokersAck_andBacksOffPerResend() {
    tracker.sent(1, new MessageKey.InSession("S1", 0), 0);
    tracker.sent(2, new MessageKey.InSession("S1", 1), 0);
    assertEquals(List.of(), tracker.overdue(100 * SECOND, 10), "never acknowledged: not due");

    tracker.acknowledged(1, SECOND);
    tracker.acknowledged(2, 20 * SECOND);
    assertEquals(List.of(), tracker.overdue(30 * SECOND, 10));
    assertEquals(List.of(1L), tracker.overdue(31 * SECOND, 10));

    tracker.sent(1, new MessageKey.InSession("S1", 0), 31 * SECOND);
    tracker.acknowledged(1, 31 * SECOND);
    assertEquals(List.of(2L), tracker.overdue(61 * SECOND, 10), "the resent one waits 60 s now");
    assertEquals(List.of(1L), tracker.overdue(91 * SECOND, 1));

    resend(1, 91);
    resend(2, 91);
    assertEquals(List.of(), tracker.overdue(150 * SECOND, 10));
    assertEquals(List.of(2L), tracker.overdue(151 * SECOND, 10), "2 waits 60 s (one resend)");
    resend(2, 151);
    assertEquals(List.of(1L), tracker.overdue(211 * SECOND, 10), "1 waits 120 s (two)");
    resend(1, 211);
    assertEquals(List.of(2L), tracker.overdue(330 * SECOND, 10), "2 waits 120 s (two)");
    resend(2, 330);
    assertEquals(List.of(1L), tracker.overdue(331 * SECOND, 10), "1: 120 s again, the cap");
    resend(1, 331);

    tracker.resetBackoff();
    assertEquals(List.of(1L, 2L), tracker.overdue(361 * SECOND, 10), "a gateway came back");
  }

  private void resend(long id, long atSecond) {
    tracker.sent(id, new MessageKey.InSession("S1", id - 1), atSecond * SECOND);
    tracker.acknowledged(id, atSecond * SECOND);
  }

  @Test
  void aRecordNeverReceipted_isResentAtMostTenTimes_thenGivenUp_butKept() {
    long at = 0;
    int resends = 0;
    for (int round = 0; round < 20; round++) {
      if (round == 0) {
        tracker.sent(1, new MessageKey.InSession("S1", 0), at);
        tracker.acknowledged(1, at);
      }
      at += 200 * SECOND;
      if (!tracker.overdue(at, 10).isEmpty()) {
        resends++;
        tracker.sent(1, new MessageKey.InSession("S1", 0), at);
        tracker.acknowledged(1, at);
      }
    }
    assertEquals(ReceiptTracker.MAX_RESENDS, resends);
    assertEquals(1, tracker.takeGivenUp());
    assertEquals(0, tracker.takeGivenUp(), "counted once");
    assertEquals(1, tracker.size(), "still waiting for its receipt: nothing is freed");
  }

  /**
   * A drained backlog's summary reaches the gateway ahead of its samples, and the gateway asks for
   * samples just sent: those are on their way and not sent twice; older ones are due at once.
   */
  @Test
  void resendRequest_makesDueOnlyRecordsAcknowledgedTwoSecondsAgo() {
    long t = 1000 * SECOND;
    tracker.sent(1, new MessageKey.InSession("S1", 0), t);
    tracker.acknowledged(1, t);
    tracker.sent(2, new MessageKey.InSession("S1", 1), t + 9 * SECOND);
    tracker.acknowledged(2, t + 9 * SECOND);

    assertEquals(1, tracker.dueNow("S1", List.of(new SeqRange(0, 1)), t + 10 * SECOND));
    assertEquals(List.of(1L), tracker.overdue(t + 10 * SECOND, 10), "2 was sent 1 s ago");
    resend(1, 1010);
    assertEquals(1, tracker.dueNow("S1", List.of(new SeqRange(1, 1)), t + 11 * SECOND));
    assertEquals(List.of(2L), tracker.overdue(t + 11 * SECOND, 10), "2 s ago now");
  }

  @Test
  void resendRequest_revivesARecordGivenUp() {
    tracker.sent(1, new MessageKey.InSession("S1", 0), 0);
    tracker.acknowledged(1, 0);
    long at = 0;
    for (int i = 0; i < ReceiptTracker.MAX_RESENDS; i++) {
      at += 200 * SECOND;
      assertEquals(List.of(1L), tracker.overdue(at, 10));
      resend(1, at / SECOND);
    }
    assertEquals(1, tracker.takeGivenUp());
    assertEquals(List.of(), tracker.overdue(at + 1000 * SECOND, 10), "given up");

    assertEquals(1, tracker.dueNow("S1", List.of(new SeqRange(0, 0)), at + 1000 * SECOND));
    assertEquals(List.of(1L), tracker.overdue(at + 1000 * SECOND, 10), "the gateway asked for it");
  }

  @Test
  void overdue_isBoundedByTheRoomGiven() {
    for (long id = 1; id <= 100; id++) {
      tracker.sent(id, new MessageKey.InSession("S1", id), 0);
      tracker.acknowledged(id, 0);
    }
    assertEquals(List.of(1L, 2L, 3L), tracker.overdue(31 * SECOND, 3));
  }

  @Test
  void grace_freesOnlyRecordsAcknowledgedLongEnoughAgo() {
    tracker.sent(1, new MessageKey.InSession("S1", 0), 0);
    tracker.sent(2, new MessageKey.InSession("S1", 1), 0);
    tracker.sent(3, new MessageKey.InSession("S1", 2), 0);
    tracker.acknowledged(1, 0);
    tracker.acknowledged(2, 50 * SECOND);

    assertEquals(List.of(1L), tracker.acknowledgedBefore(60 * SECOND, 60 * SECOND));
    assertEquals(2, tracker.size());
  }

  @Test
  void forgetUpTo_dropsEverythingTheJournalFreed() {
    for (long id = 1; id <= 5; id++) {
      tracker.sent(id, new MessageKey.InSession("S1", id), 0);
    }
    tracker.forgetUpTo(3);
    tracker.forget(5);

    assertEquals(1, tracker.size());
    assertEquals(
        List.of(4L),
        tracker
            .receipted(new Receipt.ForSession("S1", List.of(new SeqRange(0, 9)), null), 0)
            .stream()
            .map(f -> f.id())
            .toList());
  }
}
