package org.rehabtelemetry.gateway.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PasswordHashTest {
  @Test
  void matchesItsPasswordOnly_andSurvivesItsTextForm() {
    PasswordHash hash = PasswordHash.create("correct horse".toCharArray(), 10_000);
    PasswordHash read = PasswordHash.parse(hash.text());
    assertEquals(hash, read);
    assertTrue(read.matches("correct horse".toCharArray()));
    assertFalse(read.matches("correct horsE".toCharArray()));
    assertFalse(read.matches(new char[0]));
  }

  @Test
  void twoHashesOfOnePassword_differByTheirSalt() {
    char[] password = "correct horse".toCharArray();
    assertNotEquals(
        PasswordHash.create(password, 10_000).text(), PasswordHash.create(password, 10_000).text());
  }

  @Test
  void toString_showsNoHash() {
    PasswordHash hash = PasswordHash.create("correct horse".toCharArray(), 10_000);
    assertEquals("pbkdf2-sha256:10000:***", hash.toString());
  }

  @Test
  void badTexts_areRefusedWithoutEchoingThem() {
    for (String bad :
        new String[] {
          "hunter2",
          "pbkdf2-sha256:abc:AAAAAAAAAAA=:AAAA",
          "pbkdf2-sha256:100:AAAAAAAAAAA=:AAAA",
          "pbkdf2-sha256:10000:!!!:AAAA",
          "pbkdf2-sha256:10000:AAAAAAAAAAA=:AAAA",
          "md5:10000:AAAAAAAAAAA=:AAAA"
        }) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> PasswordHash.parse(bad), bad);
      assertFalse(e.getMessage().contains(bad), e.getMessage());
    }
  }
}
