package org.rehabtelemetry.gateway.enrolment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class MosquittoPasswordHashTest {
  /**
   * Made by Mosquitto 2.0.11's own tool: mosquitto_passwd -b FILE vert-01 'correct horse battery'.
   */
  private static final String FROM_MOSQUITTO_PASSWD =
      "$7$101$PJDX+CLw6em9kzzf$JF3zEjR7QTKnlXJa+39stb6KeMArW2n5cNIkeM+59e/JnX0oIqXVa3Z1o//qLC/nHKG0PQYJmosO4THIpIQckA==";

  @Test
  void theSamePasswordAndSalt_giveMosquittoPasswdsExactHash() {
    byte[] salt = Base64.getDecoder().decode(FROM_MOSQUITTO_PASSWD.split("\\$")[3]);
    assertEquals(
        FROM_MOSQUITTO_PASSWD,
        MosquittoPasswordHash.format("correct horse battery".toCharArray(), salt, 101));
  }

  @Test
  void aWrongPassword_givesAnotherHash() {
    byte[] salt = Base64.getDecoder().decode(FROM_MOSQUITTO_PASSWD.split("\\$")[3]);
    assertNotEquals(
        FROM_MOSQUITTO_PASSWD,
        MosquittoPasswordHash.format("correct horse batterY".toCharArray(), salt, 101));
  }

  @Test
  void freshHashes_haveMosquittosShape_andDifferentSalts() {
    SecureRandom random = new SecureRandom();
    String one = MosquittoPasswordHash.create("secret".toCharArray(), random);
    String two = MosquittoPasswordHash.create("secret".toCharArray(), random);
    assertTrue(one.matches("\\$7\\$101\\$[A-Za-z0-9+/]{16}\\$[A-Za-z0-9+/]{86}=="), one);
    assertNotEquals(one, two, "each hash has its own salt");
  }
}
