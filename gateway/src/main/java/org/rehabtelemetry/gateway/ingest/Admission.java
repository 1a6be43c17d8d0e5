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

  /**
   * Returns null when the sender itself may be heard, else the reason: asked for a message that
   * could not be decoded, to decide whether the gateway may answer it (a storage receipt for its
   * dead letter). By default every sender may.
   */
  default String refuseDevice(String site, String deviceId) {
    return null;
  }

  /** Asks each in turn; the first refusal wins, so later ones see only admitted messages. */
  static Admission all(Admission... admissions) {
    Admission[] copy = admissions.clone();
    return new Admission() {
      @Override
      public String refuse(String site, Message message) {
        for (Admission admission : copy) {
          String reason = admission.refuse(site, message);
          if (reason != null) {
            return reason;
          }
        }
        return null;
      }

      @Override
      public String refuseDevice(String site, String deviceId) {
        for (Admission admission : copy) {
          String reason = admission.refuseDevice(site, deviceId);
          if (reason != null) {
            return reason;
          }
        }
        return null;
      }
    };
  }
}
