package org.linnea.security.token;

import com.nimbusds.jose.jwk.JWKSet;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Objects;
import org.linnea.security.token.TokenRejectedException.Reason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The provider's JWK set from its {@code jwks_uri}, cached.
 *
 * <p>Fetched on first use, again when older than {@code cacheTtl}, and again when a token names a
 * key the cached set lacks (key rotation) — but not more often than {@code minRefreshInterval}, so
 * that tokens with made-up {@code kid}s cannot turn Linnea into a flood against the provider. When
 * a fetch fails, the cached set stays in use (logged); with nothing cached, tokens are refused with
 * {@link Reason#KEYS_UNAVAILABLE}. Responses over 1 MiB are refused. Thread-safe.
 */
public final class RemoteJwkSet implements JwkSetSource {

  private static final Logger LOG = LoggerFactory.getLogger(RemoteJwkSet.class);
  private static final int MAX_BYTES = 1 << 20;

  private final URI uri;
  private final HttpClient http;
  private final Duration cacheTtl;
  private final Duration minRefreshInterval;
  private final InstantSource clock;
  private JWKSet cached;
  private Instant fetched = Instant.MIN;
  private Instant lastAttempt = Instant.MIN;

  /**
   * @param uri the provider's JWKS URL (https in production)
   * @param cacheTtl how long a fetched set is used without asking again (e.g. 10 min)
   * @param minRefreshInterval the least time between two fetches (e.g. 30 s)
   * @param clock time source
   */
  public RemoteJwkSet(URI uri, Duration cacheTtl, Duration minRefreshInterval, InstantSource clock) {
    this.uri = Objects.requireNonNull(uri, "uri");
    this.cacheTtl = Objects.requireNonNull(cacheTtl, "cacheTtl");
    this.minRefreshInterval = Objects.requireNonNull(minRefreshInterval, "minRefreshInterval");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.http = HttpClient.newBuilder()
        .connectTimeout(Duration.ofSeconds(5))
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
  }

  @Override
  public synchronized JWKSet get(boolean refresh) throws TokenRejectedException {
    Instant now = clock.instant();
    boolean stale = cached == null || !now.isBefore(fetched.plus(cacheTtl));
    boolean mayFetch = !now.isBefore(lastAttempt.plus(minRefreshInterval));
    if ((stale || refresh) && (mayFetch || cached == null)) {
      lastAttempt = now;
      try {
        cached = fetch();
        fetched = now;
      } catch (IOException | ParseException e) {
        LOG.warn("cannot fetch the JWK set from {}: {}", uri, e.toString());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (cached == null) {
      throw new TokenRejectedException(Reason.KEYS_UNAVAILABLE, "no JWK set from " + uri);
    }
    return cached;
  }

  private JWKSet fetch() throws IOException, InterruptedException, ParseException {
    HttpRequest req = HttpRequest.newBuilder(uri)
        .timeout(Duration.ofSeconds(10))
        .header("Accept", "application/jwk-set+json, application/json")
        .GET()
        .build();
    HttpResponse<InputStream> resp = http.send(req, HttpResponse.BodyHandlers.ofInputStream());
    try (InputStream in = resp.body()) {
      if (resp.statusCode() != 200) {
        throw new IOException("HTTP " + resp.statusCode());
      }
      byte[] body = in.readNBytes(MAX_BYTES + 1);
      if (body.length > MAX_BYTES) {
        throw new IOException("JWK set larger than " + MAX_BYTES + " bytes");
      }
      JWKSet set = JWKSet.parse(new String(body, StandardCharsets.UTF_8));
      LOG.info("fetched JWK set from {}: {} key(s)", uri, set.getKeys().size());
      return set.toPublicJWKSet();
    }
  }
}
