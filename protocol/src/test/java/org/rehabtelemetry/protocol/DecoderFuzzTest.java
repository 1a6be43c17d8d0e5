package org.rehabtelemetry.protocol;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Feeds random and mutated payloads to the decoder. Properties checked for every input: it either
 * returns a message that re-encodes and decodes to itself, or throws {@link ProtocolException};
 * nothing else is thrown; no call takes long; and no call allocates more than a fixed multiple of
 * its input size. The seed is fixed so that a failure reproduces; the failing input is printed.
 */
class DecoderFuzzTest {
  private static final long SEED = 20261123L;

  /** Inputs per run; {@code scripts/fuzz} runs {@link WireFuzz} with a million or more. */
  private static final int INPUTS = 120_000;

  private final WireFuzzCheck check = new WireFuzzCheck();

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
      WireFuzzCheck.Outcome outcome = decodeOnce(input);
      assertTrue(outcome.rejected(), "must be rejected: " + preview(input));
    }
  }

  private void fuzz() {
    WireFuzzInputs inputs = new WireFuzzInputs(SEED);
    int accepted = 0;
    long worstNanos = 0;
    WireFuzzCheck.Outcome mostAllocating = new WireFuzzCheck.Outcome(true, 0, 0, 0);
    for (int i = 0; i < INPUTS; i++) {
      byte[] input = inputs.next(i);
      WireFuzzCheck.Outcome outcome = decodeOnce(input);
      if (!outcome.rejected()) {
        accepted++;
      }
      worstNanos = Math.max(worstNanos, outcome.nanos());
      if (outcome.allocated() > mostAllocating.allocated()) {
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
        mostAllocating.allocated(),
        mostAllocating.inputLength());
    assertTrue(accepted > 0, "some mutations keep messages valid; none did, so the fuzzer is off");
    assertTrue(worstNanos < 2_000_000_000L, "a decode took " + worstNanos / 1e6 + " ms");
  }

  private WireFuzzCheck.Outcome decodeOnce(byte[] input) {
    return check.decode(input);
  }

  private static byte[] repeat(String s, int times) {
    return s.repeat(times).getBytes(UTF_8);
  }

  private static String preview(byte[] input) {
    String text = new String(input, 0, Math.min(input.length, 60), UTF_8);
    return text + (input.length > 60 ? "... (" + input.length + " bytes)" : "");
  }
}
