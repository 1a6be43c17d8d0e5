package org.rehabtelemetry.gateway.storage;

import java.util.function.LongConsumer;

/**
 * The sequence numbers stored for a session, from the database: the source of truth when several
 * gateways share the stream or a gateway restarted mid-session. Implementations page through the
 * answer ({@value #PAGE} rows at a time), so memory stays bounded however long the session.
 */
@FunctionalInterface
public interface SeqQuery {
  int PAGE = 10_000;

  /**
   * Hands every stored seq of the session to {@code seqs}, in no particular order. Blocks for the
   * queries.
   *
   * @return false if the database could not be asked now (the caller tries again later)
   */
  boolean storedSeqs(String sessionId, LongConsumer seqs);
}
