package org.rehabtelemetry.protocol;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Feeds random and mutated payloads to the decoder. Properties checked for every input: it either
 * returns a message that re-encodes and decodes to itself, or throws {@link ProtocolException};
 * nothing else is thrown; no call takes long; and no call allocates more than a fixed multiple of
 * its input size. The seed is fixed so that a failure reproduces; the failing input is printed.
 */
class DecoderFuzzTest {
  private static final long SEED = 20261123L;
  private static final int INPUTS = 120_000;

  /** Allowed heap allocation per decode: a multiple of the input size plus a fixed base. */
  private static final long ALLOCATION_PER_INPUT_BYTE = 200;

  private static final long ALLOCATION_BASE_BYTES = 4L << 20;

  private static final String[] TOKENS = {
    "{",
    "}",
    "[",
    "]",
    ",",
    ":",
    "\"",
    "null",
    "true",
    "false",
    "0",
    "-1",
    "1e999",
    "-0.0",
    "9007199254740993",
    "18446744073709551616",
    "\"\"",
    "\"schema\"",
    "1",
    "\"type\"",
    "\"samples\"",
    "\"seq\"",
    "\"channels\"",
    "\"values\"",
    "\"offsetsUs\"",
    "NaN",
    "\\u0000",
    "\"\\ud800\"",
    "123456789012345678901234567890123456789012345",
    " ",
    "\n",
    "\u00ff",
    "\"status\""
  };

  private final MessageCodec codec = new MessageCodec();
  private final com.sun.management.ThreadMXBean threads =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  @Test
  void decode_randomAndMutatedPayloads_throwsOnlyProtocolExceptionAndStaysBounded() {
    assertTimeoutPreemptively(Duration.ofMinutes(3), this::fuzz);
  }

  @Test
  void decode_adversarialShapes_failFastWithProtocolException() {
    List<byte[]> inputs = new ArrayList<>();
    inputs.add(repeat("[", 200_000));
    inputs.add(repeat("{\"a\":", 50_000));
    inputs.add(("{\"schema\":1,\"x\":\"" + "a".repeat(250_000) + "\"}").getBytes(UTF_8));
    inputs.add(("{\"schema\":" + "9".repeat(200_000) + "}").getBytes(UTF_8));
    inputs.add(("{\"" + "k".repeat(200_000) + "\":1}").getBytes(UTF_8));
    inputs.add(("[" + "0,".repeat(120_000) + "0]").getBytes(UTF_8));
    inputs.add(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
    inputs.add(new byte[] {(byte) 0xC3, (byte) 0x28});
    for (byte[] input : inputs) {
      Outcome outcome = decodeOnce(input);
      assertTrue(outcome.rejected, "must be rejected: " + preview(input));
    }
  }

  private void fuzz() {
    Random random = new Random(SEED);
    List<byte[]> seeds = new ArrayList<>();
    for (Message message : SampleMessages.oneOfEach()) {
      seeds.add(codec.encode(message));
    }
    for (int i = 0; i < 200; i++) {
      seeds.add(codec.encode(SampleMessages.random(random)));
    }
    int accepted = 0;
    long worstNanos = 0;
    Outcome mostAllocating = new Outcome(true, 0, 0, 0);
    for (int i = 0; i < INPUTS; i++) {
      byte[] input = nextInput(random, seeds, i);
      Outcome outcome = decodeOnce(input);
      if (!outcome.rejected) {
        accepted++;
      }
      worstNanos = Math.max(worstNanos, outcome.nanos);
      if (outcome.allocated > mostAllocating.allocated) {
        mostAllocating = outcome;
      }
    }
    System.out.printf(
        "fuzz: %d inputs, %d accepted as valid, %d rejected, slowest decode %.1f ms,"
            + " most allocation %d bytes for a %d-byte input%n",
        INPUTS,
        accepted,
        INPUTS - accepted,
        worstNanos / 1e6,
        mostAllocating.allocated,
        mostAllocating.inputLength);
    assertTrue(accepted > 0, "some mutations keep messages valid; none did, so the fuzzer is off");
    assertTrue(worstNanos < 2_000_000_000L, "a decode took " + worstNanos / 1e6 + " ms");
  }

  private byte[] nextInput(Random random, List<byte[]> seeds, int i) {
    byte[] seed = seeds.get(random.nextInt(seeds.size()));
    return switch (i % 10) {
      case 0 -> randomBytes(random, random.nextInt(300));
      case 1 -> tokenSoup(random);
      case 2 -> Arrays.copyOf(seed, random.nextInt(seed.length + 1));
      case 3 -> splice(random, seed, seeds.get(random.nextInt(seeds.size())));
      case 4 -> replaceToken(random, seed);
      default -> mutateBytes(random, seed, 1 + random.nextInt(4));
    };
  }

  private Outcome decodeOnce(byte[] input) {
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
      assertTrue(e.field() != null && !e.field().isEmpty(), "exception names a field: " + e);
      assertTrue(e.reason() != null && !e.reason().isEmpty(), "exception gives a reason");
    } catch (Throwable t) {
      throw new AssertionError(
          "decoder threw " + t + " for input (base64) " + Base64.getEncoder().encodeToString(input),
          t);
    }
    long nanos = System.nanoTime() - start;
    long allocated = threads.getThreadAllocatedBytes(threadId) - allocatedBefore;
    long allowed = ALLOCATION_BASE_BYTES + ALLOCATION_PER_INPUT_BYTE * input.length;
    if (allocated > allowed) {
      fail("decode allocated " + allocated + " bytes for a " + input.length + "-byte input");
    }
    if (message != null) {
      assertEquals(message, codec.decode(codec.encode(message)), "accepted input round-trips");
    }
    return new Outcome(rejected, nanos, allocated, input.length);
  }

  private record Outcome(boolean rejected, long nanos, long allocated, int inputLength) {}

  private static byte[] randomBytes(Random random, int length) {
    byte[] bytes = new byte[length];
    random.nextBytes(bytes);
    return bytes;
  }

  private static byte[] tokenSoup(Random random) {
    StringBuilder out = new StringBuilder();
    int count = random.nextInt(60);
    for (int i = 0; i < count; i++) {
      out.append(TOKENS[random.nextInt(TOKENS.length)]);
    }
    return out.toString().getBytes(UTF_8);
  }

  private static byte[] mutateBytes(Random random, byte[] seed, int edits) {
    byte[] bytes = seed.clone();
    for (int e = 0; e < edits && bytes.length > 0; e++) {
      int at = random.nextInt(bytes.length);
      switch (random.nextInt(5)) {
        case 0 -> bytes[at] ^= (byte) (1 << random.nextInt(8));
        case 1 -> bytes[at] = (byte) random.nextInt(256);
        case 2 -> bytes[at] = (byte) "{}[],:\"0-.e".charAt(random.nextInt(11));
        case 3 -> bytes = remove(bytes, at, 1 + random.nextInt(Math.min(8, bytes.length - at)));
        default -> bytes = insert(bytes, at, randomBytes(random, 1 + random.nextInt(4)));
      }
    }
    return bytes;
  }

  private static byte[] replaceToken(Random random, byte[] seed) {
    String text = new String(seed, UTF_8);
    String[] parts = text.split("(?<=[:,\\[])", -1);
    int at = random.nextInt(parts.length);
    String part = parts[at];
    int end = 0;
    while (end < part.length() && ",]}".indexOf(part.charAt(end)) < 0) {
      end++;
    }
    parts[at] = TOKENS[random.nextInt(TOKENS.length)] + part.substring(end);
    return String.join("", parts).getBytes(UTF_8);
  }

  private static byte[] splice(Random random, byte[] a, byte[] b) {
    int cutA = random.nextInt(a.length + 1);
    int cutB = random.nextInt(b.length + 1);
    byte[] out = Arrays.copyOf(a, cutA + b.length - cutB);
    System.arraycopy(b, cutB, out, cutA, b.length - cutB);
    return out;
  }

  private static byte[] remove(byte[] bytes, int at, int count) {
    byte[] out = new byte[bytes.length - count];
    System.arraycopy(bytes, 0, out, 0, at);
    System.arraycopy(bytes, at + count, out, at, bytes.length - at - count);
    return out;
  }

  private static byte[] insert(byte[] bytes, int at, byte[] extra) {
    byte[] out = new byte[bytes.length + extra.length];
    System.arraycopy(bytes, 0, out, 0, at);
    System.arraycopy(extra, 0, out, at, extra.length);
    System.arraycopy(bytes, at, out, at + extra.length, bytes.length - at);
    return out;
  }

  private static byte[] repeat(String s, int times) {
    return s.repeat(times).getBytes(UTF_8);
  }

  private static String preview(byte[] input) {
    String text = new String(input, 0, Math.min(input.length, 60), UTF_8);
    return text + (input.length > 60 ? "... (" + input.length + " bytes)" : "");
  }
}
