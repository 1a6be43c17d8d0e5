package org.rehabtelemetry.gateway.storage;

import java.time.Instant;
import java.util.function.Consumer;
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
   * Hands every stored seq of the session to {@code seqs}, in no particular order: only what the
   * session's own site and device sent (a device naming another's session proves nothing). Blocks
   * for the queries.
   *
   * @return false if the database could not be asked now (the caller tries again later)
   */
  boolean storedSeqs(String site, String device, String sessionId, LongConsumer seqs);

  /**
   * A device's answer that seqs of a session are lost (evicted from its journal), as stored in
   * {@code session_lost} by whichever gateway received it.
   *
   * @param seqs the seqs it named, as on the wire ({@code 12-40,57}); untrusted, parse strictly
   */
  record StoredLost(String seqs, Instant evictedAt, String reason) {}

  /**
   * A session message a gateway refused and kept as a dead letter, as stored in {@code
   * session_refused}.
   */
  record StoredRefusal(long seq, String reason) {}

  /**
   * Hands every stored explanation of the session's missing seqs to the consumers: its device's
   * lost answers and the gateways' refusals of its device's messages, whichever gateway of a group
   * received them, before or after a restart. Blocks for the queries. By default there are none (a
   * store that keeps no explanations).
   *
   * @return false if the database could not be asked now (the caller tries again later)
   */
  default boolean explanations(
      String site,
      String device,
      String sessionId,
      Consumer<StoredLost> lost,
      Consumer<StoredRefusal> refused) {
    return true;
  }
}
