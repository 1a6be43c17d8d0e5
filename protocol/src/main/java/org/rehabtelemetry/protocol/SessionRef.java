package org.rehabtelemetry.protocol;

/**
 * Places a message in a therapy session.
 *
 * <p>Every message of a session (lifecycle events, sample batches, alarms raised during it and the
 * summary) takes the next number from one counter per session, starting at 0 with the {@code
 * started} event. The summary is always the last message, so once it has arrived the receiver
 * expects exactly {@code summary.seq + 1} distinct sequence numbers; any missing number is a gap.
 *
 * @param sessionId opaque session id, unique per device
 * @param seq sequence number in the session, 0 to {@link Limits#MAX_SEQ} (999,999)
 */
public record SessionRef(String sessionId, long seq) {
  public SessionRef {
    Identifiers.opaqueId("sessionId", sessionId);
    if (seq < 0 || seq > Limits.MAX_SEQ) {
      throw new ProtocolException(
          "seq", "must be between 0 and " + Limits.MAX_SEQ + " (a session's limit), was " + seq);
    }
  }
}
