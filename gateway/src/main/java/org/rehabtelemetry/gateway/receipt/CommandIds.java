package org.rehabtelemetry.gateway.receipt;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The sender's identity on the commands it sends: a boot id fresh for this run (the header's {@code
 * bootId}) and command ids unique within it, e.g. {@code R3f9a0c21-17}. Thread-safe.
 */
final class CommandIds {
  private final String bootId = UUID.randomUUID().toString().replace("-", "").substring(0, 16);
  private final String prefix;
  private final AtomicLong seq = new AtomicLong();

  /**
   * @param letter starts every command id, naming its kind ({@code R} receipt, {@code Q} request)
   */
  CommandIds(char letter) {
    this.prefix = letter + bootId.substring(0, 8) + "-";
  }

  String bootId() {
    return bootId;
  }

  String next() {
    return prefix + seq.incrementAndGet();
  }
}
