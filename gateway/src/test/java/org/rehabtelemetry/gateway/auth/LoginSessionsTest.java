package org.rehabtelemetry.gateway.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
                  "op1",
                  PasswordHash.create("correct horse".toCharArray(), 10_000),
                  Role.OPERATOR,
                  null)),
          Duration.ofMinutes(30),
          clock);

  @Test
  void rightPassword_givesAFreshRandomToken_forThatOperator() {
    String first = token(logins.login("op1", "correct horse".toCharArray(), "10.0.0.5"));
    String second = token(logins.login("op1", "correct horse".toCharArray(), "10.0.0.5"));
    assertNotEquals(first, second);
    assertTrue(first.length() >= 43, "256 bits in Base64: " + first);
    assertEquals("op1", logins.operator(first).orElseThrow().username());
  }

  @Test
  void wrongPasswordOrName_givesNothing() {
    assertFalse(logins.login("op1", "wrong".toCharArray(), "10.0.0.5").success());
    assertFalse(logins.login("nobody", "correct horse".toCharArray(), "10.0.0.5").success());
    assertEquals(Optional.empty(), logins.operator("made-up-token"));
    assertEquals(Optional.empty(), logins.operator(null));
  }

  @Test
  void sessionExpires_afterItsLifetimeWithoutUse_andUseKeepsItAlive() {
    String token = token(logins.login("op1", "correct horse".toCharArray(), "10.0.0.5"));
    now = now.plus(Duration.ofMinutes(20));
    assertTrue(logins.operator(token).isPresent(), "used after 20 min");
    now = now.plus(Duration.ofMinutes(20));
    assertTrue(logins.operator(token).isPresent(), "20 min after the last use");
    now = now.plus(Duration.ofMinutes(31));
    assertEquals(Optional.empty(), logins.operator(token), "31 min idle");
  }

  @Test
  void logout_endsTheSession() {
    String token = token(logins.login("op1", "correct horse".toCharArray(), "10.0.0.5"));
    logins.logout(token);
    assertEquals(Optional.empty(), logins.operator(token));
  }

  @Test
  void fiveFailuresFromOneAddress_lockThatNameThere_butNotTheOperatorElsewhere() {
    for (int i = 0; i < LoginGuard.PER_NAME; i++) {
      assertFalse(logins.login("op1", ("guess" + i).toCharArray(), "10.6.6.6").success());
    }
    LoginSessions.Outcome throttled =
        logins.login("op1", "correct horse".toCharArray(), "10.6.6.6");
    assertEquals(LoginGuard.Verdict.NAME_THROTTLED, throttled.verdict());
    assertTrue(
        logins.login("op1", "correct horse".toCharArray(), "10.0.0.5").success(),
        "the real operator at their own workstation is not locked out");
    now = now.plus(LoginGuard.WINDOW).plusSeconds(1);
    assertTrue(logins.login("op1", "correct horse".toCharArray(), "10.6.6.6").success());
  }

  @Test
  void oneAddressGuessingManyNames_isThrottledBeforeAnyHashing() {
    for (int i = 0; i < LoginGuard.PER_ADDRESS; i++) {
      logins.login("name" + i, "x".toCharArray(), "10.6.6.7");
    }
    long start = System.nanoTime();
    LoginSessions.Outcome outcome = logins.login("name-next", "x".toCharArray(), "10.6.6.7");
    assertEquals(LoginGuard.Verdict.ADDRESS_THROTTLED, outcome.verdict());
    assertTrue(System.nanoTime() - start < 5_000_000, "refused without hashing");
  }

  @Test
  void parallelGuesses_areCountedAsTheyBegin_soABurstCannotSlipPastTheCheck() throws Exception {
    LoginGuard guard = new LoginGuard(clock);
    int went = 0;
    for (int i = 0; i < 50; i++) {
      if (guard.begin("op1", "10.6.6.8") == LoginGuard.Verdict.GO) {
        went++; // begun, none ended yet: as 50 requests arriving at once
      }
    }
    assertEquals(LoginGuard.CONCURRENT, went, "no more hashing at once than allowed");
  }

  private static String token(LoginSessions.Outcome outcome) {
    assertTrue(outcome.success());
    return outcome.token();
  }
}
