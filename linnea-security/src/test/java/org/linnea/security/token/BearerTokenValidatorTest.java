package org.linnea.security.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.linnea.security.access.Principal;
import org.linnea.security.access.Principal.Authentication;
import org.linnea.security.access.Principal.Kind;
import org.linnea.security.access.Role;
import org.linnea.security.testing.MutableClock;
import org.linnea.security.token.TokenRejectedException.Reason;

/** Tokens signed with keys made here, checked against a JWKS served by a tiny HTTP server here. */
class BearerTokenValidatorTest {

  static final String ISSUER = "https://idp.example.org/realms/linnea";
  static final String AUDIENCE = "linnea";
  static RSAKey rsa;
  static RSAKey rsa2;
  static ECKey ec;
  static HttpServer server;
  static final AtomicReference<JWKSet> served = new AtomicReference<>();
  static final AtomicInteger fetches = new AtomicInteger();
  static URI jwksUri;

  final MutableClock clock = new MutableClock(Instant.now());

  @BeforeAll
  static void start() throws Exception {
    rsa = new RSAKeyGenerator(2048).keyID("rsa-1").keyUse(KeyUse.SIGNATURE).generate();
    rsa2 = new RSAKeyGenerator(2048).keyID("rsa-2").keyUse(KeyUse.SIGNATURE).generate();
    ec = new ECKeyGenerator(Curve.P_256).keyID("ec-1").keyUse(KeyUse.SIGNATURE).generate();
    served.set(new JWKSet(List.<JWK>of(rsa.toPublicJWK(), ec.toPublicJWK())));
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/jwks", ex -> {
      fetches.incrementAndGet();
      byte[] body = served.get().toString(true).getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().add("Content-Type", "application/jwk-set+json");
      ex.sendResponseHeaders(200, body.length);
      ex.getResponseBody().write(body);
      ex.close();
    });
    server.start();
    jwksUri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/jwks");
  }

  @AfterAll
  static void stop() {
    server.stop(0);
  }

  BearerTokenValidator validator(Duration minRefresh) {
    return new BearerTokenValidator(BearerTokenValidator.Settings.of(ISSUER, AUDIENCE),
        new RemoteJwkSet(jwksUri, Duration.ofMinutes(10), minRefresh, clock), clock);
  }

  JWTClaimsSet.Builder claims() {
    Instant now = clock.instant();
    return new JWTClaimsSet.Builder()
        .issuer(ISSUER).audience(List.of(AUDIENCE, "account")).subject("f81d4fae")
        .claim("preferred_username", "dr.house").claim("organisation", "princeton")
        .claim("roles", List.of("reader", "offline_access"))
        .issueTime(Date.from(now)).notBeforeTime(Date.from(now.minusSeconds(5)))
        .expirationTime(Date.from(now.plus(Duration.ofMinutes(5))));
  }

  static String sign(JWSSigner signer, JWSAlgorithm alg, String kid, JWTClaimsSet c) throws Exception {
    SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(alg).keyID(kid).type(JOSEObjectType.JWT).build(), c);
    jwt.sign(signer);
    return jwt.serialize();
  }

  String rs256(JWTClaimsSet c) throws Exception {
    return sign(new RSASSASigner(rsa), JWSAlgorithm.RS256, "rsa-1", c);
  }

  Reason rejection(BearerTokenValidator v, String token) {
    try {
      v.validate(token, "10.0.0.1");
    } catch (TokenRejectedException e) {
      return e.reason();
    }
    throw new AssertionError("token accepted");
  }

  @Test
  void validTokensGiveAPrincipal() throws Exception {
    BearerTokenValidator v = validator(Duration.ofSeconds(30));
    Principal p = v.validate(rs256(claims().build()), "10.0.0.1");
    assertThat(p.name()).isEqualTo("dr.house");
    assertThat(p.organisation()).isEqualTo("princeton");
    assertThat(p.roles()).containsExactly(Role.READER);
    assertThat(p.kind()).isEqualTo(Kind.USER);
    assertThat(p.authentication()).isEqualTo(Authentication.BEARER_TOKEN);
    assertThat(p.address()).contains("10.0.0.1");
    assertThat(v.validate(sign(new ECDSASigner(ec), JWSAlgorithm.ES256, "ec-1", claims().build()), null).name())
        .isEqualTo("dr.house");
    assertThat(v.validate(sign(new RSASSASigner(rsa), JWSAlgorithm.PS256, "rsa-1", claims().build()), null).name())
        .isEqualTo("dr.house");
    Principal machine = v.validate(rs256(claims().claim("client_id", "hub").claim("roles", "service").build()), null);
    assertThat(machine.kind()).isEqualTo(Kind.MACHINE);
    assertThat(machine.roles()).containsExactly(Role.SERVICE);
  }

  @Test
  void expired() throws Exception {
    String t = rs256(claims().expirationTime(Date.from(clock.instant().minusSeconds(61))).build());
    assertThat(rejection(validator(Duration.ofSeconds(30)), t)).isEqualTo(Reason.EXPIRED);
    // within the 60 s skew: accepted
    String skew = rs256(claims().expirationTime(Date.from(clock.instant().minusSeconds(30))).build());
    assertThat(assertOk(validator(Duration.ofSeconds(30)), skew)).isTrue();
  }

  boolean assertOk(BearerTokenValidator v, String t) throws Exception {
    v.validate(t, null);
    return true;
  }

  @Test
  void notYetValidAndMissingExpiry() throws Exception {
    BearerTokenValidator v = validator(Duration.ofSeconds(30));
    assertThat(rejection(v, rs256(claims().notBeforeTime(Date.from(clock.instant().plusSeconds(600))).build())))
        .isEqualTo(Reason.NOT_YET_VALID);
    assertThat(rejection(v, rs256(claims().expirationTime(null).build()))).isEqualTo(Reason.MISSING_CLAIM);
  }

  @Test
  void wrongAudience() throws Exception {
    assertThat(rejection(validator(Duration.ofSeconds(30)), rs256(claims().audience("other-app").build())))
        .isEqualTo(Reason.WRONG_AUDIENCE);
  }

  @Test
  void wrongIssuer() throws Exception {
    assertThat(rejection(validator(Duration.ofSeconds(30)), rs256(claims().issuer("https://evil.example").build())))
        .isEqualTo(Reason.WRONG_ISSUER);
  }

  @Test
  void wrongSignature() throws Exception {
    // signed by another key, but claiming the known kid
    String t = sign(new RSASSASigner(rsa2), JWSAlgorithm.RS256, "rsa-1", claims().build());
    assertThat(rejection(validator(Duration.ofSeconds(30)), t)).isEqualTo(Reason.BAD_SIGNATURE);
    // a valid token with a changed payload
    String good = rs256(claims().build());
    String[] parts = good.split("\\.");
    String payload = Base64.getUrlEncoder().withoutPadding().encodeToString(
        claims().claim("roles", List.of("administrator")).build().toString().getBytes(StandardCharsets.UTF_8));
    assertThat(rejection(validator(Duration.ofSeconds(30)), parts[0] + "." + payload + "." + parts[2]))
        .isEqualTo(Reason.BAD_SIGNATURE);
  }

  @Test
  void unknownKidIsRefusedAfterOneRefresh() throws Exception {
    BearerTokenValidator v = validator(Duration.ofSeconds(30));
    v.validate(rs256(claims().build()), null);
    int before = fetches.get();
    String t = sign(new RSASSASigner(rsa2), JWSAlgorithm.RS256, "rsa-2", claims().build());
    assertThat(rejection(v, t)).isEqualTo(Reason.UNKNOWN_KEY);
    // the refresh on an unknown kid is rate-limited: a second try does not fetch again
    assertThat(rejection(v, t)).isEqualTo(Reason.UNKNOWN_KEY);
    assertThat(fetches.get() - before).isLessThanOrEqualTo(1);
  }

  @Test
  void keyRotationIsPickedUpOnUnknownKid() throws Exception {
    BearerTokenValidator v = validator(Duration.ZERO);
    v.validate(rs256(claims().build()), null);
    JWKSet old = served.get();
    try {
      served.set(new JWKSet(List.<JWK>of(rsa.toPublicJWK(), rsa2.toPublicJWK(), ec.toPublicJWK())));
      int before = fetches.get();
      String t = sign(new RSASSASigner(rsa2), JWSAlgorithm.RS256, "rsa-2", claims().build());
      assertThat(v.validate(t, null).name()).isEqualTo("dr.house");
      assertThat(fetches.get()).isEqualTo(before + 1);
    } finally {
      served.set(old);
    }
  }

  @Test
  void algNoneIsRefused() throws Exception {
    String t = new PlainJWT(claims().build()).serialize();
    assertThat(rejection(validator(Duration.ofSeconds(30)), t)).isEqualTo(Reason.ALG_NONE);
  }

  /** HS256 keyed with the provider's public key (which anyone can fetch) must not pass. */
  @Test
  void hmacWithPublicKeyIsRefused() throws Exception {
    byte[] publicKeyBytes = rsa.toRSAPublicKey().getEncoded();
    byte[] secret = new byte[Math.max(32, publicKeyBytes.length)];
    System.arraycopy(publicKeyBytes, 0, secret, 0, publicKeyBytes.length);
    String t = sign(new MACSigner(secret), JWSAlgorithm.HS256, "rsa-1", claims().build());
    assertThat(rejection(validator(Duration.ofSeconds(30)), t)).isEqualTo(Reason.ALGORITHM_NOT_ALLOWED);
    // also with the JWK's JSON as the secret
    String t2 = sign(new MACSigner(rsa.toPublicJWK().toJSONString().getBytes(StandardCharsets.UTF_8)),
        JWSAlgorithm.HS256, "rsa-1", claims().build());
    assertThat(rejection(validator(Duration.ofSeconds(30)), t2)).isEqualTo(Reason.ALGORITHM_NOT_ALLOWED);
  }

  @Test
  void algorithmKeyTypeMismatchIsUnknownKey() throws Exception {
    // ES256 header naming an RSA key id: no EC key with that kid
    String t = sign(new ECDSASigner(ec), JWSAlgorithm.ES256, "rsa-1", claims().build());
    assertThat(rejection(validator(Duration.ofSeconds(30)), t)).isEqualTo(Reason.UNKNOWN_KEY);
  }

  @Test
  void malformedAndClaimMapping() throws Exception {
    BearerTokenValidator v = validator(Duration.ofSeconds(30));
    assertThat(rejection(v, "not.a.jwt")).isEqualTo(Reason.MALFORMED);
    assertThat(rejection(v, "")).isEqualTo(Reason.MALFORMED);
    assertThat(rejection(v, "x".repeat(20000))).isEqualTo(Reason.MALFORMED);
    assertThat(rejection(v, rs256(claims().claim("roles", List.of("nurse")).build()))).isEqualTo(Reason.NO_ROLES);
    assertThat(rejection(v, rs256(claims().claim("organisation", null).build()))).isEqualTo(Reason.MISSING_CLAIM);
    assertThat(rejection(v, rs256(claims().claim("preferred_username", null).build()))).isEqualTo(Reason.MISSING_CLAIM);
  }

  @Test
  void configuredKeySetAndNestedClaims() throws Exception {
    ClaimMapping mapping = new ClaimMapping("sub", "org", "realm_access.roles", Optional.of("default-org"),
        Map.of("radiologist", Role.READER, "pacs-admin", Role.ADMINISTRATOR));
    BearerTokenValidator v = new BearerTokenValidator(
        new BearerTokenValidator.Settings(ISSUER, AUDIENCE, BearerTokenValidator.DEFAULT_ALGORITHMS,
            Duration.ofSeconds(30), mapping),
        JwkSetSource.fixed(new JWKSet(List.<JWK>of(rsa))), clock);
    Principal p = v.validate(rs256(claims()
        .claim("realm_access", Map.of("roles", List.of("radiologist", "pacs-admin", "x"))).build()), null);
    assertThat(p.name()).isEqualTo("f81d4fae");
    assertThat(p.organisation()).isEqualTo("default-org");
    assertThat(p.roles()).containsExactlyInAnyOrder(Role.READER, Role.ADMINISTRATOR);
  }

  @Test
  void unreachableJwksIsKeysUnavailable() throws Exception {
    BearerTokenValidator v = new BearerTokenValidator(BearerTokenValidator.Settings.of(ISSUER, AUDIENCE),
        new RemoteJwkSet(URI.create("http://127.0.0.1:1/jwks"), Duration.ofMinutes(10), Duration.ZERO, clock), clock);
    assertThat(rejection(v, rs256(claims().build()))).isEqualTo(Reason.KEYS_UNAVAILABLE);
  }

  @Test
  void settingsRefuseHmac() {
    assertThatThrownBy(() -> new BearerTokenValidator.Settings(ISSUER, AUDIENCE,
        java.util.Set.of(JWSAlgorithm.HS256), Duration.ofSeconds(1), ClaimMapping.defaults()))
        .isInstanceOf(IllegalArgumentException.class);
  }

}
