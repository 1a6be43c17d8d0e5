package org.rehabtelemetry.gateway.auth;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Operator logins: checks a name and password against the configured accounts (after the {@link
 * LoginGuard} allowed the attempt), hands out random session tokens (256 bits) that expire after a
 * period without use, and tells who is behind a token with their role. Tokens live in memory only:
 * a gateway restart logs everyone out. At most {@value #MAX_SESSIONS} sessions: a new login past
 * that ends the oldest.
 *
 * <p>Thread-safe. {@link #login} blocks for the password hash (a fraction of a second).
 */
public final class LoginSessions {
  static final int MAX_SESSIONS = 200;

  private static final SecureRandom RANDOM = new SecureRandom();

  /**
   * Verified against when the name is unknown, so a wrong name takes as long as a wrong password.
   */
  private static final PasswordHash DECOY =
      PasswordHash.create("decoy".toCharArray(), PasswordHash.DEFAULT_ITERATIONS);

  private final Map<String, OperatorAccount> accounts = new HashMap<>();
  private final Duration lifetime;
  private final Clock clock;
  private final LoginGuard guard;
  private final Map<String, Session> sessions = new ConcurrentHashMap<>();

  /** A logged-in operator. */
  public record Session(OperatorAccount account, Instant lastUsed) {}

  /** What a login attempt came to. */
  public record Outcome(LoginGuard.Verdict verdict, String token, OperatorAccount account) {
    public boolean success() {
      return token != null;
    }
  }

  public LoginSessions(List<OperatorAccount> operators, Duration lifetime, Clock clock) {
    operators.forEach(account -> accounts.put(account.username(), account));
    this.lifetime = lifetime;
    this.clock = clock;
    this.guard = new LoginGuard(clock);
  }

  /** Whether any account is configured. */
  public boolean enabled() {
    return !accounts.isEmpty();
  }

  /**
   * Checks the credentials from {@code address}.
   *
   * @return a new session token on success; else why not (throttled, busy, or wrong)
   */
  public Outcome login(String username, char[] password, String address) {
    LoginGuard.Verdict verdict = guard.begin(username, address);
    if (verdict != LoginGuard.Verdict.GO) {
      return new Outcome(verdict, null, null);
    }
    boolean matches = false;
    OperatorAccount account = accounts.get(username);
    try {
      if (account == null) {
        DECOY.matches(password); // spend the same time as for a known name
      } else {
        matches = account.passwordHash().matches(password);
      }
    } finally {
      guard.end(username, address, matches);
    }
    if (!matches) {
      return new Outcome(LoginGuard.Verdict.GO, null, null);
    }
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    if (sessions.size() >= MAX_SESSIONS) {
      purgeExpired();
      sessions.entrySet().stream()
          .min((a, b) -> a.getValue().lastUsed().compareTo(b.getValue().lastUsed()))
          .ifPresent(oldest -> sessions.remove(oldest.getKey()));
    }
    sessions.put(token, new Session(account, clock.instant()));
    return new Outcome(LoginGuard.Verdict.GO, token, account);
  }

  /** The operator behind a token, refreshing its expiry; empty if unknown or expired. */
  public Optional<OperatorAccount> operator(String token) {
    if (token == null) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    Session session = sessions.get(token);
    if (session == null) {
      return Optional.empty();
    }
    if (session.lastUsed().plus(lifetime).isBefore(now)) {
      sessions.remove(token);
      return Optional.empty();
    }
    sessions.put(token, new Session(session.account(), now));
    return Optional.of(session.account());
  }

  /** Ends a session; returns the operator it belonged to. */
  public Optional<OperatorAccount> logout(String token) {
    if (token == null) {
      return Optional.empty();
    }
    Session session = sessions.remove(token);
    return session == null ? Optional.empty() : Optional.of(session.account());
  }

  /** Forgets expired sessions; call now and then. */
  public void purgeExpired() {
    Instant oldest = clock.instant().minus(lifetime);
    sessions.values().removeIf(session -> session.lastUsed().isBefore(oldest));
  }

  public Duration lifetime() {
    return lifetime;
  }
}
