package org.rehabtelemetry.gateway.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rehabtelemetry.gateway.testing.TestSessions;
import org.rehabtelemetry.protocol.Header;
import org.rehabtelemetry.protocol.LostRecords;
import org.rehabtelemetry.protocol.Message;
import org.rehabtelemetry.protocol.SeqRange;

class CompletenessTrackerTest {
  private static final Instant START = Instant.parse("2026-11-30T09:00:00Z");

  @Test
  void aSessionMissingMessages_namesItsGaps_untilTheyArrive() {
    CompletenessTracker tracker = new CompletenessTracker(10, 100, 10);
    List<Message> session = TestSessions.session("vert-01", "S1", START, 10, 1);
    for (Message message : session) {
      long seq = message.sessionRef().orElseThrow().seq();
      if (seq != 3 && seq != 4 && seq != 7) {
        tracker.record("ward-b", message);
      }
    }
    Completeness completeness = tracker.get("S1").orElseThrow();
    assertEquals(13, completeness.expected());
    assertEquals(10, completeness.received());
    assertEquals(3, completeness.missing());
    assertEquals("3-4, 7", completeness.gapsText());
    assertFalse(completeness.complete());
    tracker.addStored("S1", 3);
    tracker.addStored("S1", 4);
    tracker.addStored("S1", 7);
    assertTrue(tracker.get("S1").orElseThrow().complete());
  }

  @Test
  void aLostAnswer_explainsOnlyTheMissingSeqsItNames_andSettlesTheSession() {
    CompletenessTracker tracker = new CompletenessTracker(10, 100, 10);
    for (Message message : TestSessions.session("vert-01", "S1", START, 10, 1)) {
      long seq = message.sessionRef().orElseThrow().seq();
      if (seq != 3 && seq != 4 && seq != 7) {
        tracker.record("ward-b", message);
      }
    }
    // The device names 2-4: 2 arrived (stays received), 3-4 are lost; 7 is still unexplained.
    Completeness partly =
        tracker.lost("ward-b", lost("vert-01", "S1", new SeqRange(2, 4))).orElseThrow();
    assertEquals(3, partly.missing());
    assertEquals(2, partly.lost());
    assertEquals(1, partly.unexplained());
    assertEquals("7", partly.gapsText(), "only the unexplained seqs are asked for again");
    assertFalse(partly.settled());
    assertEquals("2-4 (2026-11-30T09:05:00Z, size limit 8192 bytes reached)", partly.lostText());

    Completeness settled =
        tracker.lost("ward-b", lost("vert-01", "S1", new SeqRange(7, 7), 400)).orElseThrow();
    assertTrue(settled.settled());
    assertFalse(settled.complete(), "lost is never complete");
    assertEquals("", settled.gapsText());
    assertEquals(3, settled.lost());
    assertEquals(
        2,
        tracker
            .lost("ward-b", lost("vert-01", "S1", new SeqRange(6, 7), 400))
            .orElseThrow()
            .lostNotes()
            .size(),
        "the same eviction named again (wider) replaces its note");
    assertEquals(3, tracker.get("S1").orElseThrow().lost(), "6 arrived: still received");
    assertTrue(
        tracker.lost("ward-b", lost("vert-02", "S1", new SeqRange(5, 5), 500)).isEmpty(),
        "not another device's to explain");
  }

  @Test
  void aLostAnswer_fromAnotherDevice_orForAnUnknownSession_changesNothing() {
    CompletenessTracker tracker = new CompletenessTracker(10, 100, 10);
    for (Message message : TestSessions.session("vert-01", "S1", START, 10, 1)) {
      if (message.sessionRef().orElseThrow().seq() != 3) {
        tracker.record("ward-b", message);
      }
    }
    assertTrue(tracker.lost("ward-b", lost("vert-02", "S1", new SeqRange(3, 3))).isEmpty());
    assertTrue(tracker.lost("ward-b", lost("vert-01", "S9", new SeqRange(3, 3))).isEmpty());
    assertEquals(0, tracker.get("S1").orElseThrow().lost());
  }

  @Test
  void aLostAnswer_afterTheSessionFinished_revivesItWithTheNote() {
    CompletenessTracker tracker = new CompletenessTracker(10, 100, 10);
    for (Message message : TestSessions.session("vert-01", "S1", START, 10, 1)) {
      if (message.sessionRef().orElseThrow().seq() != 3) {
        tracker.record("ward-b", message);
      }
    }
    tracker.reportedIncomplete("S1");
    tracker.finish("S1");
    assertTrue(tracker.lost("ward-b", lost("vert-02", "S1", new SeqRange(3, 3))).isEmpty());
    assertTrue(tracker.lost("ward-c", lost("vert-01", "S1", new SeqRange(3, 3))).isEmpty());
    assertEquals(0, tracker.tracked(), "a foreign answer revives nothing");

    tracker.lost("ward-b", lost("vert-01", "S1", new SeqRange(3, 3))).orElseThrow();
    for (long seq = 0; seq < 13; seq++) {
      if (seq != 3) {
        tracker.addStored("S1", seq); // the worker's look at the database
      }
    }

    assertTrue(tracker.get("S1").orElseThrow().settled());
    assertTrue(tracker.endedAt("S1").isPresent(), "so the worker stores the new figure");
    tracker.finish("S1");
    assertEquals(1, tracker.all().get(0).lost(), "the note stays with the finished figures");
  }

  @Test
  void aDeadLetteredMessage_countsAsRefusedWithItsReason_notAsAGapToAskFor() {
    CompletenessTracker tracker = new CompletenessTracker(10, 100, 10);
    for (Message message : TestSessions.session("vert-01", "S1", START, 10, 1)) {
      long seq = message.sessionRef().orElseThrow().seq();
      if (seq != 3 && seq != 7) {
        tracker.record("ward-b", message);
      }
    }
    Completeness refused =
        tracker
            .deadLettered("ward-b", "vert-01", "S1", 3, "invalid message: field 't0Us': too old")
            .orElseThrow();
    assertEquals(2, refused.missing());
    assertEquals(1, refused.deadLettered());
    assertEquals("7", refused.gapsText(), "only 7 is asked for");
    assertEquals("invalid message: field 't0Us': too old", refused.deadLetterText());
    tracker.lost("ward-b", lost("vert-01", "S1", new SeqRange(3, 7)));
    Completeness settled = tracker.get("S1").orElseThrow();
    assertTrue(settled.settled());
    assertEquals(
        1, settled.lost(), "7: lost; 3 stays dead-lettered (the gateway knows), counted once");
    assertEquals(1, settled.deadLettered());
    assertEquals(0, settled.unexplained());
    assertFalse(settled.complete());
    assertTrue(
        tracker.deadLettered("ward-b", "vert-02", "S1", 4, "x").isEmpty(),
        "another device's dead letter explains nothing here");
  }

  @Test
  void explanationsFromTheDatabase_countOnceHoweverOftenRead_andOnlyForATrackedSession() {
    CompletenessTracker tracker = new CompletenessTracker(10, 100, 10);
    for (Message message : TestSessions.session("vert-01", "S1", START, 10, 1)) {
      long seq = message.sessionRef().orElseThrow().seq();
      if (seq != 3 && seq != 7) {
        tracker.record("ward-b", message);
      }
    }
    LostNote note = new LostNote("7", START.plusSeconds(300), "size limit 8192 bytes reached");
    for (int read = 0; read < 3; read++) { // each re-check reads them again
      tracker.addStoredRefusal("S1", 3, "invalid message: field 't0Us': too old");
      tracker.addStoredLost("S1", List.of(new SeqRange(7, 7)), note);
    }
    Completeness figure = tracker.get("S1").orElseThrow();
    assertEquals(2, figure.missing());
    assertEquals(1, figure.deadLettered());
    assertEquals(1, figure.lost());
    assertEquals(0, figure.unexplained());
    assertEquals("invalid message: field 't0Us': too old", figure.deadLetterText());
    assertEquals("7 (2026-11-30T09:05:00Z, size limit 8192 bytes reached)", figure.lostText());
    tracker.addStoredRefusal("S9", 1, "x");
    tracker.addStoredLost("S9", List.of(new SeqRange(1, 1)), note);
    assertTrue(tracker.get("S9").isEmpty(), "never a new session from the database's notes");
  }

  @Test
  void anotherDeviceNamingASessionsId_changesNothingAboutIt() {
    CompletenessTracker tracker = new CompletenessTracker(10, 100, 10);
    List<Message> session = TestSessions.session("vert-01", "S1", START, 10, 1);
    for (Message message : session) {
      if (message.sessionRef().orElseThrow().seq() != 3) {
        tracker.record("ward-b", message);
      }
    }
    Message forged = TestSessions.session("vert-02", "S1", START, 10, 1).get(3);
    assertTrue(tracker.record("ward-b", forged).isEmpty(), "vert-02 cannot fill vert-01's gap");
    assertTrue(tracker.record("ward-c", session.get(3)).isEmpty(), "nor another site");
    assertEquals("3", tracker.get("S1").orElseThrow().gapsText());
  }

  private static LostRecords lost(String device, String sessionId, SeqRange range) {
    return lost(device, sessionId, range, 300);
  }

  private static LostRecords lost(
      String device, String sessionId, SeqRange range, long evictedAfterSeconds) {
    return new LostRecords(
        new Header(device, "boot1", START.plusSeconds(600)),
        sessionId,
        List.of(range),
        START.plusSeconds(evictedAfterSeconds),
        "size limit 8192 bytes reached");
  }

  @Test
  void aSessionFinishedIncomplete_isRevivedByALateResend_andMarkedRepaired() {
    CompletenessTracker tracker = new CompletenessTracker(10, 100, 10);
    List<Message> session = TestSessions.session("vert-01", "S1", START, 10, 1);
    Message late = null;
    for (Message message : session) {
      if (message.sessionRef().orElseThrow().seq() == 5) {
        late = message;
      } else {
        tracker.record("ward-b", message);
      }
    }
    tracker.reportedIncomplete("S1");
    tracker.finish("S1");
    assertEquals(0, tracker.tracked());
    Completeness before = tracker.all().get(0);
    assertEquals("5", before.gapsText());
    assertFalse(before.repaired());

    tracker.record("ward-b", late);

    assertEquals(1, tracker.tracked(), "tracked again");
    assertFalse(tracker.get("S1").orElseThrow().complete(), "until the worker asks the database");
    for (long seq = 0; seq < session.size(); seq++) {
      if (seq != 5) {
        tracker.addStored("S1", seq);
      }
    }
    Completeness after = tracker.get("S1").orElseThrow();
    assertTrue(after.complete());
    assertTrue(after.repaired());
    assertTrue(
        tracker.endedAt("S1").isPresent(), "with its summary's end, so the worker checks it");
    assertEquals(1, tracker.all().size(), "no longer among the finished as well");
  }

  @Test
  void aSessionCompleteAtItsFirstCheck_isNotRepaired_andAResendOfItTracksNothing() {
    CompletenessTracker tracker = new CompletenessTracker(10, 100, 10);
    List<Message> session = TestSessions.session("vert-01", "S1", START, 3, 1);
    session.forEach(m -> tracker.record("ward-b", m));
    assertTrue(tracker.get("S1").orElseThrow().complete());
    assertFalse(tracker.get("S1").orElseThrow().repaired());
    tracker.finish("S1");

    assertTrue(tracker.record("ward-b", session.get(1)).isEmpty(), "a duplicate after the finish");
    assertEquals(0, tracker.tracked(), "no phantom running session");
    assertTrue(tracker.all().get(0).complete());
  }

  @Test
  void tenThousandSessions_keepOnlyTheBound_andCountTheEvicted() {
    CompletenessTracker tracker = new CompletenessTracker(100, 100, 10);
    for (int s = 0; s < 10_000; s++) {
      tracker.record("ward-b", TestSessions.session("vert-01", "S" + s, START, 1, 1).get(1));
    }
    assertEquals(100, tracker.tracked());
    assertEquals(9_900, tracker.evictedUnfinished());
  }

  @Test
  void aFinishedSession_leavesTheTracker_andOnlyItsFiguresStay() {
    CompletenessTracker tracker = new CompletenessTracker(10, 100, 2);
    for (int s = 0; s < 3; s++) {
      TestSessions.session("vert-01", "S" + s, START, 2, 1)
          .forEach(message -> tracker.record("ward-b", message));
      tracker.finish("S" + s);
    }
    assertEquals(0, tracker.tracked());
    assertEquals(
        List.of("S2", "S1"),
        tracker.all().stream().map(Completeness::sessionId).toList(),
        "the last two finished, newest first");
    assertTrue(tracker.all().get(0).complete());
  }
}
