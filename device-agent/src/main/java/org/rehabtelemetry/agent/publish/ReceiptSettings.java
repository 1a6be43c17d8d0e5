package org.rehabtelemetry.agent.publish;

import java.nio.file.Path;
import java.time.Duration;

/**
 * When the agent may free a journaled record (docs/protocol.md, "Receipts").
 *
 * @param mode whether records wait for the gateway's storage receipt
 * @param timeout how long after the broker's acknowledgement a record may wait for its receipt
 *     before it is sent again; each further resend of the same record waits twice as long, up to 4
 *     times this, until a receipt arrives after a silence longer than this (a gateway is back)
 * @param grace in {@link Mode#AUTO} before any receipt was seen: how long after the broker's
 *     acknowledgement a record is kept before it is freed without a receipt (an old gateway)
 * @param seenMarker the file that remembers, across restarts, that this device's gateway sends
 *     receipts; null to remember only in memory
 * @param maxAwaiting while receipts are required: records sent and not yet receipted at most; new
 *     sample records wait until receipts free room (events never do). This makes a backlog's drain
 *     go at the speed the gateway stores, so receipts stay within their timeout (no resend storm)
 *     and an alarm waits at the gateway behind at most this many records per device
 */
public record ReceiptSettings(
    Mode mode, Duration timeout, Duration grace, Path seenMarker, int maxAwaiting) {
  /** The default of {@code maxAwaiting}. */
  public static final int DEFAULT_MAX_AWAITING = 64;

  /** How the agent frees records. */
  public enum Mode {
    /**
     * Waits for receipts once one has been seen (remembered in {@code seenMarker}); until then a
     * record is freed {@code grace} after the broker's acknowledgement, and the status says so.
     */
    AUTO,
    /** Always waits for a receipt; a record without one is sent again and never freed early. */
    REQUIRED,
    /**
     * Ignores receipts: frees a record at the broker's acknowledgement (a gateway older than
     * receipts).
     */
    IGNORE
  }

  /** Frees at the broker's acknowledgement, as before receipts existed. */
  public static final ReceiptSettings IGNORE =
      new ReceiptSettings(
          Mode.IGNORE, Duration.ofSeconds(30), Duration.ZERO, null, DEFAULT_MAX_AWAITING);

  public ReceiptSettings {
    if (mode == null || timeout == null || grace == null) {
      throw new IllegalArgumentException("mode, timeout and grace are required");
    }
    if (timeout.isNegative() || timeout.isZero() || grace.isNegative()) {
      throw new IllegalArgumentException("timeout must be positive and grace not negative");
    }
    if (maxAwaiting < 1) {
      throw new IllegalArgumentException("maxAwaiting must be at least 1, got " + maxAwaiting);
    }
  }
}
