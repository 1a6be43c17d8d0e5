package org.rehabtelemetry.records.model;

/**
 * How complete a session's record is, as the gateway's completeness check last found it.
 *
 * @param received records stored
 * @param expected records the device numbered (the summary's seq + 1), or 0 while not known
 * @param gaps the missing seq ranges not explained, in the check's words ({@code "12-15, 30"}),
 *     empty when none
 * @param lost the ranges the device answered as lost, when and why, in its words ({@code "120-123
 *     (2026-11-23T09:31:17Z, size limit 268435456 bytes reached)"}), empty when none
 * @param refused records the gateway refused and kept as dead letters, 0 when none
 * @param refusedReasons why, in the gateway's words, {@code "; "} between reasons
 * @param complete every numbered record is stored
 * @param repaired it was complete only after a resend
 * @param checked false when no check has run for the session (a report then says so)
 */
public record CompletenessStamp(
    long received,
    long expected,
    String gaps,
    String lost,
    long refused,
    String refusedReasons,
    boolean complete,
    boolean repaired,
    boolean checked) {
  public static final CompletenessStamp NOT_CHECKED =
      new CompletenessStamp(0, 0, "", "", 0, "", false, false, false);

  public CompletenessStamp {
    gaps = gaps == null ? "" : gaps;
    lost = lost == null ? "" : lost;
    refusedReasons = refusedReasons == null ? "" : refusedReasons;
  }
}
