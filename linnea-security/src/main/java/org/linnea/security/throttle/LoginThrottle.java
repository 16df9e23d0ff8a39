package org.linnea.security.throttle;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Exponential back-off after failed logins, per user name and per source address.
 *
 * <p>The first {@code freeFailures} failures of a key cost nothing; after that each failure locks
 * the key for {@code baseDelay × 2^(n − freeFailures − 1)}, capped at {@code maxDelay}. A login is
 * refused while either its user name or its address is locked — without checking the password, so
 * that a locked-out guesser learns nothing. A success clears the user name's count (not the
 * address's: one valid account must not reset a guessing address). Counts are forgotten after
 * {@code forgetAfter} without failures.
 *
 * <p>Why both keys: per user name stops guessing one account from many addresses (and a locked
 * name is a nuisance, never a way in: the delay is short and grows only with failures); per address
 * stops one address trying many names.
 *
 * <p>Memory is bounded: at most {@code maxEntries} keys, the least recently failed dropped first.
 * Thread-safe (synchronised; a login is rare compared with this lock).
 */
public final class LoginThrottle {

  /**
   * The throttle's settings.
   *
   * @param freeFailures failures allowed before any delay
   * @param baseDelay the first delay
   * @param maxDelay the longest delay
   * @param forgetAfter quiet time after which a key's failures are forgotten
   * @param maxEntries how many keys to remember at most
   */
  public record Settings(
      int freeFailures, Duration baseDelay, Duration maxDelay, Duration forgetAfter, int maxEntries) {
    /** 3 free failures, then 1 s, 2 s, 4 s … up to 15 min; forgotten after 1 h; 100 000 keys. */
    public static final Settings DEFAULT =
        new Settings(3, Duration.ofSeconds(1), Duration.ofMinutes(15), Duration.ofHours(1), 100_000);
  }

  /**
   * Whether an attempt may go ahead now.
   *
   * @param allowed whether to check the credentials at all
   * @param retryAfter how long to wait when not allowed (zero when allowed)
   * @param lockedBy "user" or "address" (or empty) — for the log, not for the client
   */
  public record Decision(boolean allowed, Duration retryAfter, String lockedBy) {
    static final Decision ALLOW = new Decision(true, Duration.ZERO, "");
  }

  private static final class Entry {
    int failures;
    Instant lastFailure;
    Instant lockedUntil = Instant.MIN;
  }

  private final Settings settings;
  private final InstantSource clock;
  private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>(16, 0.75f, true);

  public LoginThrottle(Settings settings, InstantSource clock) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Whether a login for this user name from this address may be tried now. */
  public synchronized Decision check(String username, String address) {
    Instant now = clock.instant();
    Duration user = remaining(userKey(username), now);
    Duration addr = remaining(addressKey(address), now);
    if (user.isZero() && addr.isZero()) {
      return Decision.ALLOW;
    }
    return user.compareTo(addr) >= 0
        ? new Decision(false, user, "user")
        : new Decision(false, addr, "address");
  }

  /** Count a failed attempt against the user name and the address. */
  public synchronized void recordFailure(String username, String address) {
    Instant now = clock.instant();
    fail(userKey(username), now);
    fail(addressKey(address), now);
  }

  /** A successful login: forget the user name's failures. */
  public synchronized void recordSuccess(String username) {
    entries.remove(userKey(username));
  }

  /** How many keys are remembered (for metrics and tests). */
  public synchronized int size() {
    return entries.size();
  }

  private Duration remaining(String key, Instant now) {
    if (key == null) {
      return Duration.ZERO;
    }
    Entry e = entries.get(key);
    if (e == null) {
      return Duration.ZERO;
    }
    if (now.isAfter(e.lastFailure.plus(settings.forgetAfter()))) {
      entries.remove(key);
      return Duration.ZERO;
    }
    return now.isBefore(e.lockedUntil) ? Duration.between(now, e.lockedUntil) : Duration.ZERO;
  }

  private void fail(String key, Instant now) {
    if (key == null) {
      return;
    }
    Entry e = entries.get(key);
    if (e == null || now.isAfter(e.lastFailure.plus(settings.forgetAfter()))) {
      e = new Entry();
      entries.put(key, e);
    }
    e.failures++;
    e.lastFailure = now;
    int over = e.failures - settings.freeFailures();
    if (over > 0) {
      e.lockedUntil = now.plus(delay(over));
    }
    evict();
  }

  Duration delay(int over) {
    int shift = Math.min(over - 1, 40);
    Duration d = settings.baseDelay().multipliedBy(1L << shift);
    return d.compareTo(settings.maxDelay()) > 0 || d.isNegative() ? settings.maxDelay() : d;
  }

  private void evict() {
    Iterator<Map.Entry<String, Entry>> it = entries.entrySet().iterator();
    while (entries.size() > settings.maxEntries() && it.hasNext()) {
      it.next();
      it.remove();
    }
  }

  private static String userKey(String username) {
    return username == null ? null : "u:" + username.toLowerCase(Locale.ROOT);
  }

  private static String addressKey(String address) {
    return address == null ? null : "a:" + address;
  }
}
