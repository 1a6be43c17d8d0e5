package org.rehabtelemetry.gateway.session;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.rehabtelemetry.protocol.Limits;
import org.rehabtelemetry.protocol.Message;
import org.rehabtelemetry.protocol.SessionRef;
import org.rehabtelemetry.protocol.SessionSummary;

/**
 * Tracks, per session, which sequence numbers arrived. The summary is a session's last message, so
 * once it is in, {@code seq + 1} messages are expected and every missing number is a gap. Sessions
 * are kept in memory, the most recent {@code maxSessions}. Thread-safe.
 */
public final class CompletenessTracker {
  private final int maxSessions;
  private final Map<String, State> sessions =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, State> eldest) {
          return size() > maxSessions;
        }
      };

  private static final class State {
    final String device;
    final BitSet seen = new BitSet();
    long expected = -1;

    State(String device) {
      this.device = device;
    }
  }

  public CompletenessTracker(int maxSessions) {
    this.maxSessions = maxSessions;
  }

  /** Records a stored message; returns the session's completeness if it belongs to one. */
  public synchronized Optional<Completeness> record(Message message) {
    Optional<SessionRef> ref = message.sessionRef();
    if (ref.isEmpty() || ref.get().seq() > Limits.MAX_SEQ) {
      return Optional.empty();
    }
    State state =
        sessions.computeIfAbsent(
            ref.get().sessionId(), id -> new State(message.header().deviceId()));
    if (ref.get().seq() < Integer.MAX_VALUE) {
      state.seen.set((int) ref.get().seq());
    }
    if (message instanceof SessionSummary summary) {
      state.expected = summary.session().seq() + 1;
    }
    return Optional.of(snapshot(ref.get().sessionId(), state));
  }

  /** Adds seqs known to be stored (from the database); returns the session's completeness. */
  public synchronized Optional<Completeness> merge(String sessionId, java.util.BitSet stored) {
    State state = sessions.get(sessionId);
    if (state == null) {
      return Optional.empty();
    }
    state.seen.or(stored);
    return Optional.of(snapshot(sessionId, state));
  }

  public synchronized Optional<Completeness> get(String sessionId) {
    State state = sessions.get(sessionId);
    return state == null ? Optional.empty() : Optional.of(snapshot(sessionId, state));
  }

  /** Every tracked session, most recently active last. */
  public synchronized List<Completeness> all() {
    List<Completeness> all = new ArrayList<>();
    sessions.forEach((id, state) -> all.add(snapshot(id, state)));
    return all;
  }

  private static Completeness snapshot(String sessionId, State state) {
    long upTo = state.expected >= 0 ? state.expected - 1 : state.seen.length() - 1;
    List<long[]> gaps = new ArrayList<>();
    int from = state.seen.nextClearBit(0);
    while (from <= upTo) {
      int to =
          Math.min(
              (int) upTo,
              state.seen.nextSetBit(from) < 0 ? (int) upTo : state.seen.nextSetBit(from) - 1);
      gaps.add(new long[] {from, to});
      from = state.seen.nextClearBit(to + 1);
    }
    return new Completeness(
        state.device, sessionId, state.seen.cardinality(), state.expected, gaps);
  }
}
