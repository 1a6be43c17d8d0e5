package org.rehabtelemetry.gateway.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LoginSessionsTest {
  private Instant now = Instant.parse("2026-11-23T08:00:00Z");
  private final Clock clock =
      new Clock() {
        @Override
        public java.time.ZoneId getZone() {
          return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
          return this;
        }

        @Override
        public Instant instant() {
          return now;
        }
      };
  private final LoginSessions logins =
      new LoginSessions(
          List.of(
              new OperatorAccount(
                  "op1", PasswordHash.create("correct horse".toCharArray(), 10_000))),
          Duration.ofMinutes(30),
          clock);

  @Test
  void rightPassword_givesAFreshRandomToken_forThatOperator() {
    String first = logins.login("op1", "correct horse".toCharArray()).orElseThrow();
    String second = logins.login("op1", "correct horse".toCharArray()).orElseThrow();
    assertNotEquals(first, second);
    assertTrue(first.length() >= 43, "256 bits in Base64: " + first);
    assertEquals(Optional.of("op1"), logins.operator(first));
  }

  @Test
  void wrongPasswordOrName_givesNothing() {
    assertEquals(Optional.empty(), logins.login("op1", "wrong".toCharArray()));
    assertEquals(Optional.empty(), logins.login("nobody", "correct horse".toCharArray()));
    assertEquals(Optional.empty(), logins.operator("made-up-token"));
    assertEquals(Optional.empty(), logins.operator(null));
  }

  @Test
  void sessionExpires_afterItsLifetimeWithoutUse_andUseKeepsItAlive() {
    String token = logins.login("op1", "correct horse".toCharArray()).orElseThrow();
    now = now.plus(Duration.ofMinutes(20));
    assertEquals(Optional.of("op1"), logins.operator(token), "used after 20 min");
    now = now.plus(Duration.ofMinutes(20));
    assertEquals(Optional.of("op1"), logins.operator(token), "20 min after the last use");
    now = now.plus(Duration.ofMinutes(31));
    assertEquals(Optional.empty(), logins.operator(token), "31 min idle");
  }

  @Test
  void logout_endsTheSession() {
    String token = logins.login("op1", "correct horse".toCharArray()).orElseThrow();
    logins.logout(token);
    assertEquals(Optional.empty(), logins.operator(token));
  }

  @Test
  void fiveFailures_lockTheNameOutForFiveMinutes_evenWithTheRightPassword() {
    for (int i = 0; i < LoginSessions.MAX_FAILURES; i++) {
      assertEquals(Optional.empty(), logins.login("op1", ("guess" + i).toCharArray()));
    }
    assertEquals(Optional.empty(), logins.login("op1", "correct horse".toCharArray()));
    now = now.plus(LoginSessions.LOCKOUT).plusSeconds(1);
    assertTrue(logins.login("op1", "correct horse".toCharArray()).isPresent());
  }
}
