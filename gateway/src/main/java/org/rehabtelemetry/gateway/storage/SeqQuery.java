package org.rehabtelemetry.gateway.session;

import java.util.BitSet;
import java.util.Optional;

/**
 * The sequence numbers stored for a session, from the database: the source of truth when several
 * gateways share the stream or a gateway restarted mid-session.
 */
@FunctionalInterface
public interface SeqQuery {
  /** The stored seqs, or empty if the database could not be asked now. Blocks for the query. */
  Optional<BitSet> storedSeqs(String sessionId);
}
