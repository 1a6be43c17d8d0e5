package org.rehabtelemetry.protocol;

import java.lang.management.ManagementFactory;
import java.util.Base64;

/**
 * Decodes one fuzz input and checks the decoder's properties: it returns a message that re-encodes
 * and decodes to itself, or throws a {@link ProtocolException} naming a field and a reason; nothing
 * else is thrown; and it allocates at most {@value #ALLOCATION_PER_INPUT_BYTE} bytes per input byte
 * plus {@value #ALLOCATION_BASE_BYTES}. A broken property is an {@link AssertionError} carrying the
 * input in base64. Used by {@link DecoderFuzzTest} and {@link WireFuzz}. Not thread-safe.
 */
final class WireFuzzCheck {
  /** Allowed heap allocation per decode: a multiple of the input size plus a fixed base. */
  static final long ALLOCATION_PER_INPUT_BYTE = 200;

  static final long ALLOCATION_BASE_BYTES = 4L << 20;

  /** How one input went. */
  record Outcome(boolean rejected, long nanos, long allocated, int inputLength) {}

  private final MessageCodec codec = new MessageCodec();
  private final com.sun.management.ThreadMXBean threads =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  Outcome decode(byte[] input) {
    long threadId = Thread.currentThread().getId();
    long allocatedBefore = threads.getThreadAllocatedBytes(threadId);
    long start = System.nanoTime();
    boolean rejected;
    Message message = null;
    try {
      message = codec.decode(input);
      rejected = false;
    } catch (ProtocolException e) {
      rejected = true;
      require(
          e.field() != null && !e.field().isEmpty(), "the exception names no field: " + e, input);
      require(e.reason() != null && !e.reason().isEmpty(), "the exception gives no reason", input);
    } catch (Throwable t) {
      throw new AssertionError("the decoder threw " + t + " for input " + base64(input), t);
    }
    long nanos = System.nanoTime() - start;
    long allocated = threads.getThreadAllocatedBytes(threadId) - allocatedBefore;
    long allowed = ALLOCATION_BASE_BYTES + ALLOCATION_PER_INPUT_BYTE * input.length;
    require(
        allocated <= allowed,
        "decode allocated " + allocated + " bytes for a " + input.length + "-byte input",
        input);
    if (message != null) {
      require(
          message.equals(codec.decode(codec.encode(message))),
          "an accepted input does not round-trip",
          input);
    }
    return new Outcome(rejected, nanos, allocated, input.length);
  }

  static String base64(byte[] input) {
    return "(base64) " + Base64.getEncoder().encodeToString(input);
  }

  private static void require(boolean condition, String problem, byte[] input) {
    if (!condition) {
      throw new AssertionError(problem + "; input " + base64(input));
    }
  }
}
