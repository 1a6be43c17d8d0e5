package org.rehabtelemetry.gateway.ingest;

import org.rehabtelemetry.protocol.Message;

/**
 * A delivery as ingest holds it until it is stored: decoded and admitted on arrival, or with the
 * reason it must become a dead letter.
 *
 * @param site the topic's site, null when refused
 * @param message the decoded message, null when refused
 * @param refused why it cannot be stored, or null
 * @param notAdmitted whether the refusal is the admission's (an unknown or revoked device, a
 *     cardinality bound): such a dead letter gets no storage receipt, so a hostile sender cannot
 *     make the gateway publish
 */
record Arrival(
    Delivery delivery, String site, Message message, String refused, boolean notAdmitted) {
  /**
   * What it weighs in memory while queued: the payload, and the decoded message's arrays and
   * objects, about three times the payload again.
   */
  long weight() {
    return 4L * delivery.payload().length + 256;
  }
}
