package org.linnea.security.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.EncryptedJWT;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.linnea.security.access.Principal;
import org.linnea.security.access.Principal.Authentication;
import org.linnea.security.access.Principal.Kind;
import org.linnea.security.access.Role;
import org.linnea.security.token.TokenRejectedException.Reason;

/**
 * Checks an OpenID Connect bearer token (a signed JWT) and turns it into a {@link Principal}.
 *
 * <p>In this order, each failure with its own {@link Reason}: it must be a JWS-signed JWT of at
 * most 16 KiB ({@code alg: none} → {@link Reason#ALG_NONE}); its algorithm must be on the allowed
 * list ({@link #DEFAULT_ALGORITHMS}: RS256, PS256, ES256); a key of the JWK set must match its
 * {@code kid}, the algorithm's key type (RSA for RS/PS, EC P-256 for ES256) and signature use — the
 * set is refreshed once when none does; the signature must verify; then {@code iss}, {@code aud},
 * {@code exp} (required) and {@code nbf} with a small clock skew; then the claim mapping.
 *
 * <p>Why the algorithm list matters: a validator that lets the token choose its algorithm can be
 * handed {@code none}, or HS256 keyed with the provider's public key (which anyone has). Here the
 * verifier is chosen by the key type from the JWK set, never by the token, and only asymmetric
 * verifiers exist.
 *
 * <p>A token with a {@code client_id} claim (OAuth 2.0 client credentials, RFC 9068) gives a
 * {@link Kind#MACHINE} principal; others a {@link Kind#USER}. Thread-safe.
 */
public final class BearerTokenValidator {

  /** The algorithms allowed unless configured otherwise. */
  public static final Set<JWSAlgorithm> DEFAULT_ALGORITHMS =
      Set.of(JWSAlgorithm.RS256, JWSAlgorithm.PS256, JWSAlgorithm.ES256);

  private static final Set<JWSAlgorithm> SUPPORTED = Set.of(
      JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512,
      JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512, JWSAlgorithm.ES256);
  private static final int MAX_TOKEN_CHARS = 16 * 1024;

  /**
   * The validator's settings.
   *
   * @param issuer the expected {@code iss}, exactly
   * @param audience the audience that must be in {@code aud} (the client id of Linnea at the
   *     provider)
   * @param algorithms allowed algorithms, a subset of RS256/384/512, PS256/384/512, ES256
   * @param clockSkew tolerance for {@code exp} and {@code nbf} (e.g. 60 s)
   * @param claims the claim mapping
   */
  public record Settings(
      String issuer, String audience, Set<JWSAlgorithm> algorithms, Duration clockSkew, ClaimMapping claims) {
    public Settings {
      Objects.requireNonNull(issuer, "issuer");
      Objects.requireNonNull(audience, "audience");
      algorithms = Set.copyOf(algorithms);
      for (JWSAlgorithm a : algorithms) {
        if (!SUPPORTED.contains(a)) {
          throw new IllegalArgumentException("algorithm not allowed for bearer tokens: " + a);
        }
      }
      if (clockSkew.isNegative() || clockSkew.compareTo(Duration.ofMinutes(5)) > 0) {
        throw new IllegalArgumentException("clock skew must be 0..5 min: " + clockSkew);
      }
      Objects.requireNonNull(claims, "claims");
    }

    /** RS256/PS256/ES256, 60 s skew, default claim mapping. */
    public static Settings of(String issuer, String audience) {
      return new Settings(issuer, audience, DEFAULT_ALGORITHMS, Duration.ofSeconds(60), ClaimMapping.defaults());
    }
  }

  private final Settings settings;
  private final JwkSetSource keys;
  private final InstantSource clock;

  public BearerTokenValidator(Settings settings, JwkSetSource keys, InstantSource clock) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.keys = Objects.requireNonNull(keys, "keys");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Validates the token (without the "Bearer " prefix) presented from {@code address}.
   *
   * @throws TokenRejectedException with the precise reason
   */
  public Principal validate(String token, String address) throws TokenRejectedException {
    SignedJWT jwt = parse(token);
    JWSHeader header = jwt.getHeader();
    JWSAlgorithm alg = header.getAlgorithm();
    if (!settings.algorithms().contains(alg)) {
      throw new TokenRejectedException(Reason.ALGORITHM_NOT_ALLOWED,
          "algorithm " + alg + " is not one of " + settings.algorithms());
    }
    verifySignature(jwt, alg, header.getKeyID());
    JWTClaimsSet claims;
    try {
      claims = jwt.getJWTClaimsSet();
    } catch (ParseException e) {
      throw new TokenRejectedException(Reason.MALFORMED, "claims are not a JSON object", e);
    }
    checkClaims(claims);
    return principal(claims, address);
  }

  private static SignedJWT parse(String token) throws TokenRejectedException {
    if (token == null || token.isBlank()) {
      throw new TokenRejectedException(Reason.MALFORMED, "empty token");
    }
    if (token.length() > MAX_TOKEN_CHARS) {
      throw new TokenRejectedException(Reason.MALFORMED, "token longer than " + MAX_TOKEN_CHARS + " characters");
    }
    JWT jwt;
    try {
      jwt = JWTParser.parse(token.trim());
    } catch (ParseException e) {
      throw new TokenRejectedException(Reason.MALFORMED, "not a JWT: " + e.getMessage(), e);
    }
    if (jwt instanceof PlainJWT) {
      throw new TokenRejectedException(Reason.ALG_NONE, "unsigned token (alg: none)");
    }
    if (jwt instanceof EncryptedJWT) {
      throw new TokenRejectedException(Reason.MALFORMED, "encrypted tokens are not supported");
    }
    return (SignedJWT) jwt;
  }

  private void verifySignature(SignedJWT jwt, JWSAlgorithm alg, String kid) throws TokenRejectedException {
    List<JWK> candidates = candidates(keys.get(false), alg, kid);
    if (candidates.isEmpty()) {
      candidates = candidates(keys.get(true), alg, kid);
    }
    if (candidates.isEmpty()) {
      throw new TokenRejectedException(Reason.UNKNOWN_KEY,
          "no " + alg + " key" + (kid == null ? "" : " with kid '" + kid + "'") + " in the JWK set");
    }
    for (JWK k : candidates) {
      try {
        if (jwt.verify(verifier(k))) {
          return;
        }
      } catch (JOSEException e) {
        throw new TokenRejectedException(Reason.BAD_SIGNATURE, "signature check failed: " + e.getMessage(), e);
      }
    }
    throw new TokenRejectedException(Reason.BAD_SIGNATURE,
        "signature does not verify with key " + (kid == null ? "(no kid)" : "'" + kid + "'"));
  }

  private static List<JWK> candidates(JWKSet set, JWSAlgorithm alg, String kid) {
    List<JWK> out = new ArrayList<>();
    for (JWK k : set.getKeys()) {
      if (kid != null && !kid.equals(k.getKeyID())) {
        continue;
      }
      if (k.getKeyUse() != null && !KeyUse.SIGNATURE.equals(k.getKeyUse())) {
        continue;
      }
      if (k.getAlgorithm() != null && !k.getAlgorithm().equals(alg)) {
        continue;
      }
      boolean typeFits = JWSAlgorithm.Family.RSA.contains(alg)
          ? k instanceof RSAKey
          : alg.equals(JWSAlgorithm.ES256) && k instanceof ECKey ec && Curve.P_256.equals(ec.getCurve());
      if (typeFits && !k.isPrivate()) {
        out.add(k);
      } else if (typeFits) {
        out.add(k.toPublicJWK());
      }
    }
    return out;
  }

  private static JWSVerifier verifier(JWK k) throws JOSEException {
    if (k instanceof RSAKey rsa) {
      return new RSASSAVerifier(rsa.toRSAPublicKey());
    }
    return new ECDSAVerifier(((ECKey) k).toECPublicKey());
  }

  private void checkClaims(JWTClaimsSet c) throws TokenRejectedException {
    if (!settings.issuer().equals(c.getIssuer())) {
      throw new TokenRejectedException(Reason.WRONG_ISSUER,
          "issuer '" + c.getIssuer() + "' is not '" + settings.issuer() + "'");
    }
    List<String> aud = c.getAudience();
    if (aud == null || !aud.contains(settings.audience())) {
      throw new TokenRejectedException(Reason.WRONG_AUDIENCE,
          "audience " + aud + " does not contain '" + settings.audience() + "'");
    }
    Instant now = clock.instant();
    Date exp = c.getExpirationTime();
    if (exp == null) {
      throw new TokenRejectedException(Reason.MISSING_CLAIM, "no exp claim");
    }
    if (now.isAfter(exp.toInstant().plus(settings.clockSkew()))) {
      throw new TokenRejectedException(Reason.EXPIRED,
          "expired at " + exp.toInstant() + " (now " + now + ", skew " + settings.clockSkew().toSeconds() + " s)");
    }
    Date nbf = c.getNotBeforeTime();
    if (nbf != null && now.plus(settings.clockSkew()).isBefore(nbf.toInstant())) {
      throw new TokenRejectedException(Reason.NOT_YET_VALID, "not valid before " + nbf.toInstant());
    }
  }

  private Principal principal(JWTClaimsSet c, String address) throws TokenRejectedException {
    ClaimMapping m = settings.claims();
    Object user = claim(c, m.usernameClaim());
    if (!(user instanceof String username) || username.isBlank()) {
      throw new TokenRejectedException(Reason.MISSING_CLAIM, "no user name claim '" + m.usernameClaim() + "'");
    }
    Object org = claim(c, m.organisationClaim());
    String organisation = org instanceof String s && !s.isBlank() ? s : m.defaultOrganisation().orElse(null);
    if (organisation == null) {
      throw new TokenRejectedException(Reason.MISSING_CLAIM,
          "no organisation claim '" + m.organisationClaim() + "' and no default organisation");
    }
    Set<Role> roles = roles(claim(c, m.rolesClaim()), m.roleNames());
    if (roles.isEmpty()) {
      throw new TokenRejectedException(Reason.NO_ROLES,
          "no value of claim '" + m.rolesClaim() + "' maps to a Linnea role");
    }
    Kind kind = c.getClaim("client_id") != null ? Kind.MACHINE : Kind.USER;
    return new Principal(username, kind, organisation, roles, Authentication.BEARER_TOKEN, Optional.ofNullable(address));
  }

  /** A claim by dotted path into nested JSON objects. */
  static Object claim(JWTClaimsSet c, String path) {
    Object cur = c.getClaims();
    for (String part : path.split("\\.")) {
      if (!(cur instanceof Map<?, ?> map)) {
        return null;
      }
      cur = map.get(part);
    }
    return cur;
  }

  static Set<Role> roles(Object value, Map<String, Role> names) {
    List<String> raw = new ArrayList<>();
    if (value instanceof String s) {
      for (String part : s.trim().split("\\s+")) {
        raw.add(part);
      }
    } else if (value instanceof Collection<?> col) {
      for (Object o : col) {
        if (o instanceof String s) {
          raw.add(s);
        }
      }
    }
    Set<Role> roles = EnumSet.noneOf(Role.class);
    for (String r : raw) {
      Role mapped = names.get(r);
      if (mapped != null) {
        roles.add(mapped);
      } else {
        Role.parse(r).ifPresent(roles::add);
      }
    }
    return roles;
  }
}
