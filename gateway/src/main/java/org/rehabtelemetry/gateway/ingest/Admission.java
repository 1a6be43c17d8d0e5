package org.rehabtelemetry.gateway.ingest;

import org.rehabtelemetry.protocol.Message;

/**
 * Decides whether a valid message may be stored; a refused one becomes a dead letter with the
 * reason. Implementations are thread-safe and fast (called on the broker's delivery thread).
 */
@FunctionalInterface
public interface Admission {
  /**
   * Returns null when {@code message} is admitted, else the reason, e.g. {@code unknown device}.
   *
   * @param site the site from the topic
   */
  String refuse(String site, Message message);

  /** Asks each in turn; the first refusal wins, so later ones see only admitted messages. */
  static Admission all(Admission... admissions) {
    Admission[] copy = admissions.clone();
    return (site, message) -> {
      for (Admission admission : copy) {
        String reason = admission.refuse(site, message);
        if (reason != null) {
          return reason;
        }
      }
      return null;
    };
  }
}
