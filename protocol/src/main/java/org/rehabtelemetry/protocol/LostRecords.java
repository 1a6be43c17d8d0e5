package org.rehabtelemetry.protocol;

import java.time.Instant;
import java.util.List;

/**
 * A device's definite answer to a {@link ResendRequest} for messages it no longer holds: its
 * journal evicted them, unsent or unreceipted, at {@code evictedAt} because of {@code reason}, so
 * they will never come. Published on the {@code lost} topic (docs/protocol.md, "lost").
 *
 * <p>It is not one of the session's numbered messages: it has no {@code seq} of its own and no
 * storage receipt. A receiver counts the named seqs it did not receive as lost, with this reason,
 * and stops asking for them; seqs it did receive stay received (a device may name a wider range
 * than it lost, never a narrower one).
 *
 * @param header device, boot and when the answer was made
 * @param sessionId the session the lost messages belonged to
 * @param seqs the lost seqs, ascending and disjoint, at most {@link Limits#MAX_TEXT_LENGTH} chars
 *     as text
 * @param evictedAt when the journal dropped them (wall clock)
 * @param reason why, in the device's words, e.g. {@code size limit 268435456 bytes reached}
 */
public record LostRecords(
    Header header, String sessionId, List<SeqRange> seqs, Instant evictedAt, String reason)
    implements Message {

  public LostRecords {
    Identifiers.requireNonNull("header", header);
    Identifiers.opaqueId("sessionId", sessionId);
    Identifiers.requireNonNull("seqs", seqs);
    seqs = List.copyOf(seqs);
    if (seqs.isEmpty()) {
      throw new ProtocolException("seqs", "must name at least one range");
    }
    long previousLast = -2;
    for (SeqRange range : seqs) {
      if (range.first() <= previousLast + 1) {
        throw new ProtocolException(
            "seqs", "ranges must ascend with gaps between them; '" + range + "' does not");
      }
      previousLast = range.last();
    }
    if (SeqRangeText.format(seqs, Limits.MAX_TEXT_LENGTH).size() != 1) {
      throw new ProtocolException(
          "seqs", "must fit in " + Limits.MAX_TEXT_LENGTH + " chars; merge the ranges");
    }
    Header.checkTime("evictedAt", evictedAt);
    Identifiers.text("reason", reason);
  }

  /** The seqs as on the wire, e.g. {@code 12-40,57}. */
  public String seqsText() {
    return SeqRangeText.format(seqs, Limits.MAX_TEXT_LENGTH).get(0);
  }

  /** How many seqs it names. */
  public long count() {
    long count = 0;
    for (SeqRange range : seqs) {
      count += range.count();
    }
    return count;
  }

  @Override
  public MessageType type() {
    return MessageType.LOST;
  }
}
