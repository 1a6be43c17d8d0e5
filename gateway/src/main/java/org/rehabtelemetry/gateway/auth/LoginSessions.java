package org.rehabtelemetry.gateway.dashboard;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Operator logins: checks a name and password against the configured accounts, hands out random
 * session tokens (256 bits) that expire after a period without use, and slows down guessing: after
 * {@value #MAX_FAILURES} failed logins for one name within {@link #LOCKOUT}, that name is refused
 * until the window passes, whatever the password. Tokens live in memory only: a gateway restart
 * logs everyone out.
 *
 * <p>Thread-safe. {@link #login} blocks for the password hash (a fraction of a second).
 */
public final class LoginSessions {
  static final int MAX_FAILURES = 5;
  static final Duration LOCKOUT = Duration.ofMinutes(5);

  private static final SecureRandom RANDOM = new SecureRandom();

  /**
   * Verified against when the name is unknown, so a wrong name takes as long as a wrong password.
   */
  private static final PasswordHash DECOY =
      PasswordHash.create("decoy".toCharArray(), PasswordHash.DEFAULT_ITERATIONS);

  private final Map<String, OperatorAccount> accounts = new HashMap<>();
  private final Duration lifetime;
  private final Clock clock;
  private final Map<String, Session> sessions = new ConcurrentHashMap<>();
  private final Map<String, Deque<Instant>> failures = new HashMap<>();

  /** A logged-in operator. */
  public record Session(String username, Instant lastUsed) {}

  public LoginSessions(List<OperatorAccount> operators, Duration lifetime, Clock clock) {
    operators.forEach(account -> accounts.put(account.username(), account));
    this.lifetime = lifetime;
    this.clock = clock;
  }

  /** Whether any account is configured. */
  public boolean enabled() {
    return !accounts.isEmpty();
  }

  /**
   * Checks the credentials.
   *
   * @return a new session token, or empty for a wrong name or password or a locked-out name
   */
  public Optional<String> login(String username, char[] password) {
    if (lockedOut(username)) {
      return Optional.empty();
    }
    OperatorAccount account = accounts.get(username);
    boolean matches;
    if (account == null) {
      DECOY.matches(password); // spend the same time as for a known name
      matches = false;
    } else {
      matches = account.passwordHash().matches(password);
    }
    if (!matches) {
      recordFailure(username);
      return Optional.empty();
    }
    synchronized (failures) {
      failures.remove(username);
    }
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    sessions.put(token, new Session(username, clock.instant()));
    return Optional.of(token);
  }

  /** The operator behind a token, refreshing its expiry; empty if unknown or expired. */
  public Optional<String> operator(String token) {
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
    sessions.put(token, new Session(session.username(), now));
    return Optional.of(session.username());
  }

  /** Ends a session. */
  public void logout(String token) {
    if (token != null) {
      sessions.remove(token);
    }
  }

  /** Forgets expired sessions; call now and then. */
  public void purgeExpired() {
    Instant oldest = clock.instant().minus(lifetime);
    sessions.values().removeIf(session -> session.lastUsed().isBefore(oldest));
  }

  public Duration lifetime() {
    return lifetime;
  }

  private boolean lockedOut(String username) {
    synchronized (failures) {
      Deque<Instant> recent = failures.get(username);
      if (recent == null) {
        return false;
      }
      Instant windowStart = clock.instant().minus(LOCKOUT);
      while (!recent.isEmpty() && recent.peekFirst().isBefore(windowStart)) {
        recent.pollFirst();
      }
      return recent.size() >= MAX_FAILURES;
    }
  }

  private void recordFailure(String username) {
    synchronized (failures) {
      if (failures.size() > 10_000) {
        failures.clear(); // a flood of made-up names must not grow memory without bound
      }
      failures.computeIfAbsent(username, name -> new ArrayDeque<>()).addLast(clock.instant());
    }
  }
}
