package org.rehabtelemetry.gateway.session;

import java.util.List;

/**
 * Hears the gaps a completeness check found in a summarised session, so that the device can be
 * asked to send them again. Called on the completeness thread; must not block for long.
 */
@FunctionalInterface
public interface GapListener {
  /** Does nothing. */
  GapListener NONE = (site, device, sessionId, gaps) -> {};

  /**
   * A check found {@code sessionId} incomplete.
   *
   * @param gaps the first missing ranges, each {@code {first, last}} inclusive
   */
  void gaps(String site, String device, String sessionId, List<long[]> gaps);
}
