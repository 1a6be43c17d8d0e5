package org.rehabtelemetry.protocol;

/**
 * An inclusive range of sequence numbers in one session, as receipts and resend requests carry
 * them.
 *
 * @param first the first number, 0 to {@link Limits#MAX_SEQ}
 * @param last the last number, {@code first} to {@link Limits#MAX_SEQ}
 */
public record SeqRange(long first, long last) {
  public SeqRange {
    if (first < 0 || last > Limits.MAX_SEQ || first > last) {
      throw new ProtocolException(
          "seqs",
          "range " + first + "-" + last + " must satisfy 0 <= first <= last <= " + Limits.MAX_SEQ);
    }
  }

  /** How many numbers the range holds. */
  public long count() {
    return last - first + 1;
  }

  public boolean contains(long seq) {
    return seq >= first && seq <= last;
  }

  /** {@code 7} or {@code 3-41}, as on the wire. */
  @Override
  public String toString() {
    return first == last ? Long.toString(first) : first + "-" + last;
  }
}
