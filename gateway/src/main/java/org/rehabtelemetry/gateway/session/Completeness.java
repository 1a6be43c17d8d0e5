package org.rehabtelemetry.gateway.session;

import java.util.List;

/**
 * How complete one session's data is.
 *
 * @param site the device's site
 * @param device the device
 * @param sessionId the session
 * @param received distinct sequence numbers received
 * @param expected {@code summary.seq + 1} once the summary arrived, else -1 (still running)
 * @param missing how many numbers are missing up to the highest seen (or expected) one, lost or not
 * @param gaps the first missing ranges {@code [from, to]}, inclusive (at most {@value #MAX_GAPS}),
 *     that the device has not answered as lost: what is still asked for
 * @param lost how many of the missing numbers the device answered as lost (evicted)
 * @param deadLettered how many of the others a gateway kept as dead letters (refused), as this
 *     gateway heard or read them from {@code session_refused}
 * @param fragmented whether the sender skipped so many numbers that not all were tracked
 * @param reportedIncomplete whether an incomplete figure was stored for it at some check; once it
 *     is complete, it was repaired (resent after a loss)
 * @param lostNotes the device's answers naming lost numbers, oldest first
 * @param deadLetterReasons why they were refused, the first few distinct reasons
 */
public record Completeness(
    String site,
    String device,
    String sessionId,
    long received,
    long expected,
    long missing,
    List<long[]> gaps,
    long lost,
    long deadLettered,
    boolean fragmented,
    boolean reportedIncomplete,
    List<LostNote> lostNotes,
    List<String> deadLetterReasons) {
  /** Gaps listed at most; the count of what is missing is always exact. */
  public static final int MAX_GAPS = 50;

  public Completeness {
    gaps = List.copyOf(gaps);
    lostNotes = List.copyOf(lostNotes);
    deadLetterReasons = List.copyOf(deadLetterReasons);
  }

  /** Whether the summary arrived and nothing is missing. */
  public boolean complete() {
    return expected >= 0 && received == expected && missing == 0;
  }

  /**
   * Whether the summary arrived and everything missing is explained: answered as lost by the
   * device, or kept here as a dead letter. Nothing more is asked for.
   */
  public boolean settled() {
    return expected >= 0 && missing > 0 && unexplained() == 0;
  }

  /** The missing numbers neither lost nor dead-lettered: still asked for, and may still come. */
  public long unexplained() {
    return missing - lost - deadLettered;
  }

  /** The dead-letter reasons as text, {@code ""} when none. */
  public String deadLetterText() {
    return String.join("; ", deadLetterReasons);
  }

  /** The device's lost answers as text, {@code ""} when none. */
  public String lostText() {
    StringBuilder text = new StringBuilder();
    for (LostNote note : lostNotes) {
      text.append(text.length() == 0 ? "" : "; ").append(note);
    }
    return text.toString();
  }

  /** Complete after having been reported incomplete: what was missing was sent again. */
  public boolean repaired() {
    return complete() && reportedIncomplete;
  }

  /**
   * The gaps not answered as lost as text, e.g. {@code 12-14, 30}, with "and more" when not all are
   * listed.
   */
  public String gapsText() {
    StringBuilder text = new StringBuilder();
    long listed = 0;
    for (long[] gap : gaps) {
      text.append(text.length() == 0 ? "" : ", ").append(gap[0]);
      if (gap[1] != gap[0]) {
        text.append('-').append(gap[1]);
      }
      listed += gap[1] - gap[0] + 1;
    }
    if (listed < unexplained()) {
      text.append(text.length() == 0 ? "" : ", ")
          .append("and ")
          .append(unexplained() - listed)
          .append(" more");
    }
    return text.toString();
  }
}
