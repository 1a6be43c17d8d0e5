package org.rehabtelemetry.protocol;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The clinical summary of a session, published on the {@code summary} topic after the session
 * ended.
 *
 * <p>It is always the last message of its session: a receiver that has it expects exactly {@code
 * session.seq + 1} messages in the session and can report every missing sequence number.
 *
 * @param session the session and this message's sequence number, the session's last
 * @param outcome {@code stopped} (completed) or {@code interrupted}
 * @param startedAt when the session started (wall clock)
 * @param endedAt when it ended, not before {@code startedAt}
 * @param metrics metrics by name, e.g. {@code timeAt60DegMin}, {@code symmetryIndexPct}, {@code
 *     peakHrRisePerMin}, {@code spasmCount}
 */
public record SessionSummary(
    Header header,
    SessionRef session,
    SessionEventType outcome,
    Instant startedAt,
    Instant endedAt,
    Map<String, Metric> metrics)
    implements Message {

  public SessionSummary {
    Identifiers.requireNonNull("header", header);
    Identifiers.requireNonNull("sessionId", session);
    Identifiers.requireNonNull("outcome", outcome);
    if (outcome != SessionEventType.STOPPED && outcome != SessionEventType.INTERRUPTED) {
      throw new ProtocolException(
          "outcome", "must be stopped or interrupted, was " + outcome.wireName());
    }
    Header.checkTime("startedAt", startedAt);
    Header.checkTime("endedAt", endedAt);
    if (endedAt.isBefore(startedAt)) {
      throw new ProtocolException(
          "endedAt", "must not be before startedAt (" + startedAt + "), was " + endedAt);
    }
    metrics = Maps.copy("metrics", metrics, Identifiers::requireNonNull);
  }

  @Override
  public MessageType type() {
    return MessageType.SUMMARY;
  }

  @Override
  public Optional<SessionRef> sessionRef() {
    return Optional.of(session);
  }
}
