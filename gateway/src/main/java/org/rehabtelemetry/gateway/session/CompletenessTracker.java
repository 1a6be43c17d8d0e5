package org.rehabtelemetry.gateway.session;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.rehabtelemetry.gateway.ingest.DeadLetterSender;
import org.rehabtelemetry.protocol.LostRecords;
import org.rehabtelemetry.protocol.Message;
import org.rehabtelemetry.protocol.SeqRange;
import org.rehabtelemetry.protocol.SessionRef;
import org.rehabtelemetry.protocol.SessionSummary;

/**
 * Which sequence numbers of each session arrived. The summary is a session's last message, so once
 * it is in, {@code seq + 1} messages are expected and every missing number is a gap.
 *
 * <p>Memory is bounded whatever devices claim: a session's numbers are kept as ranges ({@link
 * SeqRanges}, at most {@code maxRanges}); at most {@code maxSessions} unfinished sessions are
 * tracked, the least recently active evicted first (counted: its completeness is rebuilt from the
 * database when its summary arrives); a finished session (summarised, stored, rechecked) leaves the
 * tracker and only its final figures stay, the last {@code keepFinished} of them. Thread-safe.
 */
public final class CompletenessTracker {
  /** One tracked session. */
  private static final class State {
    final String site;
    final String device;
    final SeqRanges seqs;
    long expected = -1;
    Instant endedAt;
    boolean reportedIncomplete;
    final SeqRanges lostSeqs;
    final List<LostNote> lostNotes = new ArrayList<>();
    final SeqRanges refusedSeqs;
    final List<String> refusedReasons = new ArrayList<>();

    State(String site, String device, int maxRanges) {
      this.site = site;
      this.device = device;
      this.seqs = new SeqRanges(maxRanges);
      this.lostSeqs = new SeqRanges(maxRanges);
      this.refusedSeqs = new SeqRanges(maxRanges);
    }
  }

  private final int maxSessions;
  private final int maxRanges;
  private final int keepFinished;
  private final Map<String, State> sessions;

  /**
   * Lost answers shown per session (an answer naming the same eviction replaces its note); the seqs
   * of every answer count, shown or not.
   */
  static final int MAX_LOST_NOTES = 20;

  /** A finished session: its last figures and what reviving it needs. */
  private record Finished(
      Completeness completeness,
      Instant endedAt,
      boolean reportedIncomplete,
      List<long[]> lostSeqs,
      List<LostNote> lostNotes,
      List<long[]> refusedSeqs,
      List<String> refusedReasons) {}

  private final Deque<Finished> finished = new ArrayDeque<>();
  private long evictedUnfinished;

  public CompletenessTracker(int maxSessions, int maxRanges, int keepFinished) {
    this.maxSessions = maxSessions;
    this.maxRanges = maxRanges;
    this.keepFinished = keepFinished;
    this.sessions =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, State> eldest) {
            boolean evict = size() > CompletenessTracker.this.maxSessions;
            if (evict) {
              evictedUnfinished++;
            }
            return evict;
          }
        };
  }

  /** Records a stored message; returns its session's completeness if it belongs to one. */
  public synchronized Optional<Completeness> record(String site, Message message) {
    Optional<SessionRef> ref = message.sessionRef();
    if (ref.isEmpty()) {
      return Optional.empty();
    }
    String device = message.header().deviceId();
    State state = sessions.get(ref.get().sessionId());
    if (state != null && (!state.site.equals(site) || !state.device.equals(device))) {
      return Optional.empty(); // another device naming this session's id proves nothing about it
    }
    if (state == null) {
      Finished done = finished(ref.get().sessionId());
      if (done != null && done.completeness().complete()) {
        return Optional.empty(); // a resend of a session already complete: nothing to track
      }
      if (done != null
          && (!done.completeness().site().equals(site)
              || !done.completeness().device().equals(device))) {
        return Optional.empty();
      }
      state = new State(site, device, maxRanges);
      if (done != null) {
        revive(done, state);
      }
      sessions.put(ref.get().sessionId(), state);
    }
    state.seqs.add(ref.get().seq());
    if (message instanceof SessionSummary summary) {
      state.expected = summary.session().seq() + 1;
      state.endedAt = summary.endedAt();
    }
    return Optional.of(snapshot(ref.get().sessionId(), state));
  }

  /**
   * A device answered that some of a session's messages are lost (evicted from its journal): they
   * count as lost instead of missing, and are no longer asked for. A finished session is tracked
   * again so its figure is stored anew; an unknown one (not tracked here, e.g. after a restart) is
   * left alone.
   *
   * @return the session's completeness, or empty when it is unknown here
   */
  public synchronized Optional<Completeness> lost(String site, LostRecords answer) {
    String sessionId = answer.sessionId();
    State state = knownOrRevived(site, answer.header().deviceId(), sessionId);
    if (state == null) {
      return Optional.empty();
    }
    applyLost(
        state,
        answer.seqs(),
        // µs, as the database keeps it: the same eviction read back is the same note
        new LostNote(
            answer.seqsText(), answer.evictedAt().truncatedTo(ChronoUnit.MICROS), answer.reason()));
    return Optional.of(snapshot(sessionId, state));
  }

  /**
   * A lost answer found in the database (whichever gateway stored it, before or after a restart):
   * as {@link #lost}, for a session tracked here only; repeating one changes nothing.
   */
  public synchronized void addStoredLost(String sessionId, List<SeqRange> seqs, LostNote note) {
    State state = sessions.get(sessionId);
    if (state != null) {
      applyLost(state, seqs, note);
    }
  }

  /**
   * A refusal found in the database (a dead letter of any gateway of the group, before or after a
   * restart): as {@link #deadLettered}, for a session tracked here only; repeating one changes
   * nothing.
   */
  public synchronized void addStoredRefusal(String sessionId, long seq, String reason) {
    State state = sessions.get(sessionId);
    if (state != null) {
      applyRefusal(state, seq, reason);
    }
  }

  private static void applyLost(State state, List<SeqRange> seqs, LostNote note) {
    for (SeqRange range : seqs) {
      state.lostSeqs.addRange(range.first(), range.last());
    }
    boolean replaced = false;
    for (int i = 0; i < state.lostNotes.size(); i++) {
      if (state.lostNotes.get(i).evictedAt().equals(note.evictedAt())) {
        state.lostNotes.set(i, note); // the same eviction, named again (perhaps wider)
        replaced = true;
      }
    }
    if (!replaced && state.lostNotes.size() < MAX_LOST_NOTES) {
      state.lostNotes.add(note);
    }
  }

  /**
   * The tracked state of a session of this site and device, reviving it if it finished incomplete;
   * null when it is unknown here, finished complete, or another site's or device's (not theirs to
   * explain). Never tracks a new session.
   */
  private State knownOrRevived(String site, String device, String sessionId) {
    State state = sessions.get(sessionId);
    if (state == null) {
      Finished done = finished(sessionId);
      if (done == null
          || done.completeness().complete()
          || !done.completeness().site().equals(site)
          || !done.completeness().device().equals(device)) {
        return null;
      }
      state = new State(site, device, maxRanges);
      revive(done, state);
      sessions.put(sessionId, state);
    }
    return state.site.equals(site) && state.device.equals(device) ? state : null;
  }

  /** Distinct dead-letter reasons shown per session; every refused seq counts. */
  static final int MAX_REFUSED_REASONS = 5;

  /**
   * A message of a session was kept as a dead letter (refused: out of the time window, refused by
   * the database, …): its seq counts as refused with the reason, not as missing, and is not asked
   * for again. Only for a session tracked here, or finished incomplete (revived); for any other, or
   * another site's or device's, nothing changes. Other gateways of a group, and this one after a
   * restart, learn it from the {@code session_refused} point the worker stores ({@link
   * #addStoredRefusal}).
   *
   * @param reason the dead letter's reason, untrusted in part: shortened and cleaned here
   * @return the session's completeness, or empty when nothing changed
   */
  public synchronized Optional<Completeness> deadLettered(
      String site, String device, String sessionId, long seq, String reason) {
    // Never a new session from a dead letter: garbage with made-up session ids must not push
    // real sessions out of the tracker. A session's events come first, so it is known here.
    State state = knownOrRevived(site, device, sessionId);
    if (state == null) {
      return Optional.empty();
    }
    applyRefusal(state, seq, reason);
    return Optional.of(snapshot(sessionId, state));
  }

  private static void applyRefusal(State state, long seq, String reason) {
    state.refusedSeqs.addRange(seq, seq);
    String shown = DeadLetterSender.shortReason(reason);
    if (!state.refusedReasons.contains(shown)
        && state.refusedReasons.size() < MAX_REFUSED_REASONS) {
      state.refusedReasons.add(shown);
    }
  }

  /**
   * A message of a session finished incomplete arrived late (a resend after the re-checks ended):
   * the session is tracked again with its summary's figures, so the worker checks it again and
   * marks it repaired when it completes.
   */
  private void revive(Finished done, State state) {
    state.expected = done.completeness().expected();
    state.endedAt = done.endedAt();
    state.reportedIncomplete = done.reportedIncomplete();
    done.lostSeqs().forEach(range -> state.lostSeqs.addRange(range[0], range[1]));
    state.lostNotes.addAll(done.lostNotes());
    done.refusedSeqs().forEach(range -> state.refusedSeqs.addRange(range[0], range[1]));
    state.refusedReasons.addAll(done.refusedReasons());
    finished.remove(done);
  }

  private Finished finished(String sessionId) {
    for (Finished done : finished) {
      if (done.completeness().sessionId().equals(sessionId)) {
        return done;
      }
    }
    return null;
  }

  /**
   * The worker's re-checks ended with the session incomplete (its final figure so far): if it
   * completes later, it was repaired.
   */
  public synchronized void reportedIncomplete(String sessionId) {
    State state = sessions.get(sessionId);
    if (state != null) {
      state.reportedIncomplete = true;
    }
  }

  /** Adds a seq known to be stored (from the database). */
  public synchronized void addStored(String sessionId, long seq) {
    State state = sessions.get(sessionId);
    if (state != null) {
      state.seqs.add(seq);
    }
  }

  public synchronized Optional<Completeness> get(String sessionId) {
    State state = sessions.get(sessionId);
    return state == null ? Optional.empty() : Optional.of(snapshot(sessionId, state));
  }

  /** When the session's summary says it ended, or empty while it runs or if untracked. */
  public synchronized Optional<Instant> endedAt(String sessionId) {
    State state = sessions.get(sessionId);
    return state == null ? Optional.empty() : Optional.ofNullable(state.endedAt);
  }

  /** The session is done with: its figures are kept among the finished, its state let go. */
  public synchronized void finish(String sessionId) {
    State state = sessions.remove(sessionId);
    if (state != null) {
      finished.addFirst(
          new Finished(
              snapshot(sessionId, state),
              state.endedAt,
              state.reportedIncomplete,
              state.lostSeqs.ranges(),
              List.copyOf(state.lostNotes),
              state.refusedSeqs.ranges(),
              List.copyOf(state.refusedReasons)));
      while (finished.size() > keepFinished) {
        finished.removeLast();
      }
    }
  }

  /** Every tracked session, most recently active last, then the finished, newest first. */
  public synchronized List<Completeness> all() {
    List<Completeness> all = new ArrayList<>();
    sessions.forEach((id, state) -> all.add(snapshot(id, state)));
    finished.forEach(done -> all.add(done.completeness()));
    return all;
  }

  /** Unfinished sessions tracked now. */
  public synchronized int tracked() {
    return sessions.size();
  }

  /** Unfinished sessions evicted because more than {@code maxSessions} were active. */
  public synchronized long evictedUnfinished() {
    return evictedUnfinished;
  }

  private static Completeness snapshot(String sessionId, State state) {
    long upTo = state.expected >= 0 ? state.expected - 1 : state.seqs.highest();
    long received = state.seqs.count();
    long missing = state.seqs.missing(upTo);
    // What the gateway itself refused is known for sure; the device's lost answers explain the
    // rest (an answer may name more than was lost: only what is still missing counts).
    SeqRanges withRefused =
        state.refusedSeqs.rangeCount() == 0
            ? state.seqs
            : state.seqs.withRanges(state.refusedSeqs.ranges());
    SeqRanges explained =
        state.lostSeqs.rangeCount() == 0
            ? withRefused
            : withRefused.withRanges(state.lostSeqs.ranges());
    long unexplainedAfterRefused = withRefused.missing(upTo);
    long unexplained = explained.missing(upTo);
    return new Completeness(
        state.site,
        state.device,
        sessionId,
        received,
        state.expected,
        missing,
        explained.gaps(upTo, Completeness.MAX_GAPS),
        unexplainedAfterRefused - unexplained,
        missing - unexplainedAfterRefused,
        state.seqs.overflowed(),
        state.reportedIncomplete,
        state.lostNotes,
        state.refusedReasons);
  }
}
