package org.rehabtelemetry.gateway.enrolment;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * A password-file hash in the format of Mosquitto 2.0's {@code mosquitto_passwd}: {@code
 * $7$101$SALT$HASH}, PBKDF2-HMAC-SHA512 with 101 iterations over a random 12-byte salt, 64 bytes of
 * output, both in padded Base64. The broker checks it; the gateway never needs the password again.
 * Stateless and thread-safe.
 */
public final class MosquittoPasswordHash {
  /** Mosquitto's own iteration count for {@code $7$} hashes. */
  static final int ITERATIONS = 101;

  private static final int SALT_BYTES = 12;
  private static final int HASH_BITS = 512;

  private MosquittoPasswordHash() {}

  /** Hashes {@code password} with a fresh salt from {@code random}. */
  public static String create(char[] password, SecureRandom random) {
    byte[] salt = new byte[SALT_BYTES];
    random.nextBytes(salt);
    return format(password, salt, ITERATIONS);
  }

  /** The hash of {@code password} with {@code salt}; public for the format test. */
  static String format(char[] password, byte[] salt, int iterations) {
    PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, HASH_BITS);
    try {
      byte[] hash =
          SecretKeyFactory.getInstance("PBKDF2WithHmacSHA512").generateSecret(spec).getEncoded();
      Base64.Encoder base64 = Base64.getEncoder();
      return "$7$"
          + iterations
          + "$"
          + base64.encodeToString(salt)
          + "$"
          + base64.encodeToString(hash);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("PBKDF2WithHmacSHA512 is missing from this JDK", e);
    } finally {
      spec.clearPassword();
    }
  }
}
