package org.rehabtelemetry.protocol;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Generated inputs for the wire decoder: random bytes, JSON token soup, and valid messages (one of
 * each type and 200 random ones) truncated, spliced, with a token replaced or bytes mutated.
 * Deterministic for a seed; used by {@link DecoderFuzzTest} and {@link WireFuzz}. Not thread-safe.
 */
final class WireFuzzInputs {
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

  private final Random random;
  private final List<byte[]> seeds = new ArrayList<>();

  WireFuzzInputs(long seed) {
    this.random = new Random(seed);
    MessageCodec codec = new MessageCodec();
    for (Message message : SampleMessages.oneOfEach()) {
      seeds.add(codec.encode(message));
    }
    for (int i = 0; i < 200; i++) {
      seeds.add(codec.encode(SampleMessages.random(random)));
    }
  }

  /** The {@code i}-th input: random bytes, token soup, or a truncated, spliced or mutated seed. */
  byte[] next(int i) {
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
}
