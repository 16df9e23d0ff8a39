package org.linnea.web.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.linnea.security.access.Principal;

/**
 * Session tokens issued by {@code POST /api/login}: {@code lns_} and 256 random bits
 * (Base64url), kept in memory by their SHA-256 only, valid for a fixed time. A restart signs
 * everyone out; several nodes behind a load balancer need OpenID Connect tokens or API keys
 * instead (or sticky sessions).
 */
public final class SessionTokens {
  public static final String PREFIX = "lns_";
  private static final int MAX_SESSIONS = 100_000;

  /** A session: who, and until when. */
  public record Session(Principal principal, Instant expiresAt) {}

  private final ConcurrentHashMap<String, Session> sessions = new ConcurrentHashMap<>();
  private final SecureRandom random = new SecureRandom();
  private final Duration ttl;
  private final InstantSource clock;

  public SessionTokens(Duration ttl, InstantSource clock) {
    if (ttl.isNegative() || ttl.isZero()) throw new IllegalArgumentException("session time must be positive: " + ttl);
    this.ttl = ttl;
    this.clock = clock;
  }

  /** A new token for the principal; returned once, only its hash is kept. */
  public String issue(Principal principal, Instant[] expiresAt) {
    Instant now = clock.instant();
    if (sessions.size() >= MAX_SESSIONS) sessions.values().removeIf(s -> !s.expiresAt().isAfter(now));
    if (sessions.size() >= MAX_SESSIONS) throw new IllegalStateException("too many open sessions (" + MAX_SESSIONS + ")");
    byte[] b = new byte[32];
    random.nextBytes(b);
    String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    Session s = new Session(principal, now.plus(ttl));
    sessions.put(hash(token), s);
    expiresAt[0] = s.expiresAt();
    return token;
  }

  /** The live session of a token. */
  public Optional<Session> find(String token) {
    String h = hash(token);
    Session s = sessions.get(h);
    if (s == null) return Optional.empty();
    if (!s.expiresAt().isAfter(clock.instant())) {
      sessions.remove(h, s);
      return Optional.empty();
    }
    return Optional.of(s);
  }

  /** Ends a session; false when there was none. */
  public boolean revoke(String token) {
    return sessions.remove(hash(token)) != null;
  }

  static String hash(String token) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
