package org.rehabtelemetry.gateway.session;

import java.util.List;

/**
 * How complete one session's data is.
 *
 * @param device the device
 * @param sessionId the session
 * @param received distinct sequence numbers received
 * @param expected {@code summary.seq + 1} once the summary arrived, else -1 (still running)
 * @param gaps missing sequence numbers as inclusive ranges {@code [from, to]}, up to the highest
 *     seen (or expected) number
 */
public record Completeness(
    String device, String sessionId, long received, long expected, List<long[]> gaps) {
  public Completeness {
    gaps = List.copyOf(gaps);
  }

  /** Whether the summary arrived and nothing is missing. */
  public boolean complete() {
    return expected >= 0 && received == expected;
  }

  /** Missing sequence numbers in total. */
  public long missing() {
    return gaps.stream().mapToLong(gap -> gap[1] - gap[0] + 1).sum();
  }

  /** The gaps as text, e.g. {@code 12-14, 30}. */
  public String gapsText() {
    StringBuilder text = new StringBuilder();
    for (long[] gap : gaps) {
      text.append(text.length() == 0 ? "" : ", ").append(gap[0]);
      if (gap[1] != gap[0]) {
        text.append('-').append(gap[1]);
      }
    }
    return text.toString();
  }
}
