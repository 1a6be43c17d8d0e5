package org.rehabtelemetry.gateway.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Slows password guessing down without letting an attacker lock a real operator out, and decides
 * before any password is hashed (hashing is what an attacker would use to exhaust the CPU):
 *
 * <ul>
 *   <li>per client address, at most {@value #PER_ADDRESS} attempts in {@link #WINDOW}, whatever the
 *       names: one address cannot keep the hashing busy;
 *   <li>per name and address, at most {@value #PER_NAME} attempts in the window: guessing one
 *       operator's password from one place stops there, while that operator, at their own
 *       workstation, is not affected;
 *   <li>at most {@value #CONCURRENT} hashes at once in the whole gateway.
 * </ul>
 *
 * An attempt is counted when it begins ({@link #begin}), atomically with the check, so a burst of
 * parallel guesses cannot all pass the check before any is counted. A success forgets the name and
 * address's attempts. Memory is bounded: at most {@value #TRACKED} addresses and pairs are tracked,
 * the oldest forgotten first. Thread-safe.
 */
public final class LoginGuard {
  static final int PER_ADDRESS = 20;
  static final int PER_NAME = 5;
  static final int CONCURRENT = 2;
  static final Duration WINDOW = Duration.ofMinutes(5);
  private static final int TRACKED = 10_000;

  /** Why an attempt may not begin, or that it may. */
  public enum Verdict {
    GO,
    ADDRESS_THROTTLED,
    NAME_THROTTLED,
    BUSY
  }

  private final Clock clock;
  private final Map<String, Deque<Instant>> byAddress = bounded();
  private final Map<String, Deque<Instant>> byNameAndAddress = bounded();
  private int hashing;

  public LoginGuard(Clock clock) {
    this.clock = clock;
  }

  /** Checks and counts an attempt; on {@link Verdict#GO} the caller must call {@link #end}. */
  public synchronized Verdict begin(String username, String address) {
    Instant now = clock.instant();
    Deque<Instant> fromAddress = recent(byAddress, address, now);
    Deque<Instant> forName = recent(byNameAndAddress, username + "\n" + address, now);
    if (fromAddress.size() >= PER_ADDRESS) {
      return Verdict.ADDRESS_THROTTLED;
    }
    if (forName.size() >= PER_NAME) {
      return Verdict.NAME_THROTTLED;
    }
    if (hashing >= CONCURRENT) {
      return Verdict.BUSY;
    }
    fromAddress.addLast(now);
    forName.addLast(now);
    hashing++;
    return Verdict.GO;
  }

  /** The attempt is over; a success forgets the name's attempts from that address. */
  public synchronized void end(String username, String address, boolean success) {
    hashing--;
    if (success) {
      byNameAndAddress.remove(username + "\n" + address);
    }
  }

  private static Deque<Instant> recent(Map<String, Deque<Instant>> map, String key, Instant now) {
    Deque<Instant> times = map.computeIfAbsent(key, k -> new ArrayDeque<>());
    Instant windowStart = now.minus(WINDOW);
    while (!times.isEmpty() && times.peekFirst().isBefore(windowStart)) {
      times.removeFirst();
    }
    return times;
  }

  private static Map<String, Deque<Instant>> bounded() {
    return new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Deque<Instant>> eldest) {
        return size() > TRACKED;
      }
    };
  }
}
