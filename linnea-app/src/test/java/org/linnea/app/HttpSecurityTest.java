package org.linnea.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.linnea.app.config.Configuration;
import org.linnea.security.access.Permission;
import org.linnea.security.access.Role;

/**
 * HTTP authentication, roles and the organisation boundary on a real node (Jetty on an ephemeral
 * port, the embedded index): every route × {no credentials, a wrong token, an expired JWT, a
 * wrongly signed JWT, each role by session, API key and JWT} → the expected status; another
 * organisation's reader finds and retrieves nothing of this one's; security headers; CORS
 * preflight with Authorization.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HttpSecurityTest {
  static final Path CT = NodeTest.PYDICOM.resolve("CT_small.dcm");
  static final String STUDY = "1.3.6.1.4.1.5962.1.2.1.20040119072730.12322";
  static final String SERIES = "1.3.6.1.4.1.5962.1.3.1.1.20040119072730.12322";
  static final String SOP = "1.3.6.1.4.1.5962.1.1.1.1.1.20040119072730.12322";
  static final String ISSUER = "https://idp.test/realms/linnea";
  static final String PASSWORD = "correct horse battery staple";

  RSAKey key;
  RSAKey otherKey;

  /** A route, the permission the table in docs/security.md gives it (null: public), and its request. */
  record Route(String name, Permission needs, String method, String path, boolean stow) {
    @Override
    public String toString() {
      return method + " " + name;
    }
  }

  static final Path MR = NodeTest.PYDICOM.resolve("MR_small.dcm");
  static final String MR_STUDY = "1.3.6.1.4.1.5962.1.2.4.20040826185059.5457";
  static final String MR_SERIES = "1.3.6.1.4.1.5962.1.3.4.1.20040826185059.5457";
  static final String S = "/dicomweb/studies/" + STUDY;
  static final String SE = S + "/series/" + SERIES;
  static final String I = SE + "/instances/" + SOP;
  static final List<Route> ROUTES = List.of(
      new Route("/health", null, "GET", "/health", false),
      new Route("web UI static file", null, "GET", "/ui/index.html", false),
      new Route("QIDO studies", Permission.QUERY, "GET", "/dicomweb/studies?PatientID=1CT1", false),
      new Route("QIDO series", Permission.QUERY, "GET", "/dicomweb/series", false),
      new Route("QIDO instances", Permission.QUERY, "GET", "/dicomweb/instances", false),
      new Route("QIDO series of study", Permission.QUERY, "GET", S + "/series", false),
      new Route("QIDO instances of series", Permission.QUERY, "GET", SE + "/instances", false),
      new Route("WADO-RS study", Permission.RETRIEVE, "GET", S, false),
      new Route("WADO-RS series", Permission.RETRIEVE, "GET", SE, false),
      new Route("WADO-RS instance", Permission.RETRIEVE, "GET", I, false),
      new Route("study metadata", Permission.RETRIEVE, "GET", S + "/metadata", false),
      new Route("instance metadata", Permission.RETRIEVE, "GET", I + "/metadata", false),
      new Route("frames", Permission.RETRIEVE, "GET", I + "/frames/1", false),
      new Route("rendered instance", Permission.RETRIEVE, "GET", I + "/rendered", false),
      new Route("rendered frame", Permission.RETRIEVE, "GET", I + "/frames/1/rendered", false),
      new Route("rendered series", Permission.RETRIEVE, "GET", SE + "/rendered", false),
      new Route("rendered study", Permission.RETRIEVE, "GET", S + "/rendered", false),
      new Route("study download (zip with DICOMDIR)", Permission.EXPORT, "GET", "/api/studies/" + STUDY + "/download.zip", false),
      new Route("study thumbnail", Permission.RETRIEVE, "GET", S + "/thumbnail", false),
      new Route("WADO-URI", Permission.RETRIEVE, "GET", "/dicomweb/wado?requestType=WADO&studyUID=" + STUDY + "&seriesUID=" + SERIES + "&objectUID=" + SOP
          + "&contentType=application/dicom", false),
      new Route("STOW-RS", Permission.STORE, "POST", "/dicomweb/studies", true),
      new Route("STOW-RS into study", Permission.STORE, "POST", S, true),
      // The MR study is stored again before each DELETE (call), so that each allowed caller deletes something.
      new Route("delete series", Permission.DELETE, "DELETE", "/dicomweb/studies/" + MR_STUDY + "/series/" + MR_SERIES, false),
      new Route("delete study", Permission.DELETE, "DELETE", "/dicomweb/studies/" + MR_STUDY, false),
      new Route("admin remote AEs", Permission.CONFIGURE, "GET", "/admin/remote-aes", false),
      new Route("admin put remote AE", Permission.CONFIGURE, "PUT", "/admin/remote-aes/PEER", false),
      new Route("/api/me", null, "GET", "/api/me", false));

  Node node;
  Http http;
  byte[] stowBody;
  /** Credentials by name: each role by session, the service role by API key and by JWT, other org. */
  final Map<String, String> tokens = new LinkedHashMap<>();
  final Map<String, Set<Role>> rolesOf = new LinkedHashMap<>();

  @BeforeAll
  void start(@TempDir Path dir) throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.isRegularFile(CT), "pydicom test files absent (python3-pydicom)");
    key = new RSAKeyGenerator(2048).keyID("k1").generate();
    otherKey = new RSAKeyGenerator(2048).keyID("k1").generate();
    Path jwks = dir.resolve("jwks.json");
    Files.writeString(jwks, new JWKSet(key.toPublicJWK()).toString());
    Configuration c = Configuration.load(Optional.empty(), Map.of("LINNEA_STORAGE_PATH", dir.resolve("data").toString(), "LINNEA_HTTP_PORT", "0",
        "LINNEA_HTTP_BIND_ADDRESS", "127.0.0.1", "LINNEA_DICOM_PORT", "0", "LINNEA_DICOM_BIND_ADDRESS", "127.0.0.1",
        "LINNEA_SECURITY_OIDC_ISSUER", ISSUER, "LINNEA_SECURITY_OIDC_AUDIENCE", "linnea", "LINNEA_SECURITY_OIDC_JWKS_FILE", jwks.toString(),
        "LINNEA_WEB_CORS_ALLOWED_ORIGINS", "http://viewer.test"));
    node = Node.start(c);
    http = new Http(node);
    stowBody = multipart(Files.readAllBytes(CT));
    tokens.put("ADMINISTRATOR", Http.adminToken(node));
    rolesOf.put("ADMINISTRATOR", Set.of(Role.ADMINISTRATOR));
    var accounts = node.security().accounts;
    var op = node.security().operator();
    for (Role r : List.of(Role.READER, Role.UPLOADER, Role.AUDITOR, Role.SERVICE)) {
      accounts.add(op, r.name().toLowerCase(), "default", Set.of(r), PASSWORD.toCharArray());
      tokens.put(r.name(), http.login(r.name().toLowerCase(), PASSWORD));
      rolesOf.put(r.name(), Set.of(r));
    }
    accounts.addMachine(op, "hub", "default", Set.of(Role.SERVICE));
    tokens.put("SERVICE by API key", accounts.createApiKey(op, "hub", "test"));
    rolesOf.put("SERVICE by API key", Set.of(Role.SERVICE));
    tokens.put("READER by JWT", jwt(key, "jwt-reader", "default", List.of("reader"), Instant.now().plusSeconds(600)));
    rolesOf.put("READER by JWT", Set.of(Role.READER));
    // The study is there for every retrieve below (stored by the administrator, organisation "default").
    assertThat(stow(tokens.get("ADMINISTRATOR"), "/dicomweb/studies").statusCode()).isEqualTo(200);
  }

  @org.junit.jupiter.api.AfterAll
  void stop() throws Exception {
    if (node != null) node.close();
  }

  static String jwt(RSAKey signer, String user, String org, List<String> roles, Instant exp) throws Exception {
    JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(ISSUER).audience("linnea").subject(user).claim("preferred_username", user)
        .claim("organisation", org).claim("roles", roles).issueTime(new Date()).expirationTime(Date.from(exp)).build();
    SignedJWT t = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(signer.getKeyID()).build(), claims);
    t.sign(new RSASSASigner(signer));
    return t.serialize();
  }

  static byte[] multipart(byte[] dicom) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.writeBytes("--XyZ\r\nContent-Type: application/dicom\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    b.writeBytes(dicom);
    b.writeBytes("\r\n--XyZ--\r\n".getBytes(StandardCharsets.US_ASCII));
    return b.toByteArray();
  }

  /** STOW-RS with Expect: 100-continue, so that a refused upload is refused before its body is sent. */
  HttpResponse<String> stow(String token, String path) throws Exception {
    return http.send(http.request(path, token).header("Content-Type", "multipart/related; type=\"application/dicom\"; boundary=XyZ")
        .header("Accept", "application/dicom+json").expectContinue(true).POST(HttpRequest.BodyPublishers.ofByteArray(stowBody)).build());
  }

  void storeMr() throws Exception {
    HttpResponse<String> res = http.send(http.request("/dicomweb/studies", tokens.get("ADMINISTRATOR"))
        .header("Content-Type", "multipart/related; type=\"application/dicom\"; boundary=XyZ").header("Accept", "application/dicom+json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(multipart(Files.readAllBytes(MR)))).build());
    assertThat(res.statusCode()).as(res.body()).isIn(200, 202, 409);
  }

  /** DELETE: the administrator's only; another organisation's study is 404 and stays; audited with the patient; restorable. */
  @Test
  void deleteIsTheAdministratorsAuditedAndScopedToTheOrganisation() throws Exception {
    storeMr();
    var accounts = node.security().accounts;
    accounts.add(node.security().operator(), "admin-b", "B", Set.of(Role.ADMINISTRATOR), PASSWORD.toCharArray());
    String b = http.login("admin-b", PASSWORD);
    String admin = tokens.get("ADMINISTRATOR");
    String mr = "/dicomweb/studies/" + MR_STUDY;
    assertThat(http.send(http.request(mr, b).DELETE().build()).statusCode()).isEqualTo(404);
    assertThat(http.get("/dicomweb/studies?StudyInstanceUID=" + MR_STUDY, admin).body()).contains(MR_STUDY);
    assertThat(http.send(http.request(mr, tokens.get("READER")).DELETE().build()).statusCode()).isEqualTo(403);
    HttpResponse<String> del = http.send(http.request(mr, admin).DELETE().build());
    assertThat(del.statusCode()).as(del.body()).isEqualTo(200);
    assertThat(del.body()).contains("\"instances\":1").contains("restore-deleted");
    assertThat(http.get("/dicomweb/studies?StudyInstanceUID=" + MR_STUDY, admin).body()).isEqualTo("[]");
    assertThat(http.send(http.request(mr, admin).DELETE().build()).statusCode()).isEqualTo(404);
    node.security().auditLog.flush();
    List<String> deletes = new ArrayList<>();
    for (var r : node.security().auditLog.search(org.linnea.security.audit.AuditQuery.all(100_000))) {
      var m = r.message();
      if (m.event().eventId().code().equals("110105")) {
        deletes.add(m.event().outcome() + " " + m.participants().stream().map(pa -> pa.userId()).toList() + " " + m.objects().stream().map(o -> o.id()).toList());
      }
    }
    assertThat(deletes).anyMatch(e -> e.contains("admin") && e.contains(MR_STUDY) && e.contains("4MR1"));
    // Undo from the trash.
    var restored = node.archive().deletions().restore(MR_STUDY, null);
    assertThat(restored.objects()).isGreaterThanOrEqualTo(1);
    assertThat(http.get("/dicomweb/studies?StudyInstanceUID=" + MR_STUDY, admin).body()).contains(MR_STUDY);
    node.archive().deletions().delete(org.linnea.index.Index.DEFAULT_ORGANISATION, MR_STUDY, null);
  }

  HttpResponse<String> call(Route r, String token) throws Exception {
    if (r.stow()) return stow(token, r.path());
    HttpRequest.Builder b = http.request(r.path(), token);
    if (r.method().equals("PUT")) b.PUT(HttpRequest.BodyPublishers.ofString("{\"host\": \"127.0.0.1\", \"port\": 104}"));
    if (r.method().equals("DELETE")) {
      storeMr();
      HttpResponse<String> res = http.send(b.DELETE().build());
      // What the caller could not delete goes anyway: the other tests count the default organisation's instances.
      node.archive().deletions().delete(org.linnea.index.Index.DEFAULT_ORGANISATION, MR_STUDY, null);
      return res;
    }
    return http.send(b.build());
  }

  // Last: its wrong API keys make the throttle lock the loopback address for password sign-ins.
  @Test
  @Order(Integer.MAX_VALUE)
  void everyRouteRefusesCallersWithoutValidCredentials() throws Exception {
    Map<String, String> bad = new LinkedHashMap<>();
    bad.put("no credentials", null);
    bad.put("wrong session token", "lns_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
    bad.put("wrong API key", "lnk_abcdefgh_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
    bad.put("garbage", "not-a-token");
    bad.put("expired JWT", jwt(key, "late", "default", List.of("administrator"), Instant.now().minusSeconds(3600)));
    bad.put("wrongly signed JWT", jwt(otherKey, "mallory", "default", List.of("administrator"), Instant.now().plusSeconds(600)));
    List<String> failures = new ArrayList<>();
    for (Route r : ROUTES) {
      for (var e : bad.entrySet()) {
        HttpResponse<String> res = call(r, e.getValue());
        boolean open = r.needs() == null && !r.path().equals("/api/me");
        int expected = open ? 200 : 401; // the open routes: /health and the viewer's page
        if (res.statusCode() != expected) failures.add(r + " with " + e.getKey() + ": " + res.statusCode() + " (expected " + expected + ")");
        if (expected == 401 && !res.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer")) {
          failures.add(r + " with " + e.getKey() + ": no WWW-Authenticate: Bearer");
        }
      }
    }
    assertThat(failures).isEmpty();
  }

  @Test
  void eachRoleCanDoExactlyWhatItsPermissionsAllow() throws Exception {
    List<String> failures = new ArrayList<>();
    int checked = 0;
    for (var cred : tokens.entrySet()) {
      Set<Role> roles = rolesOf.get(cred.getKey());
      for (Route r : ROUTES) {
        HttpResponse<String> res = call(r, cred.getValue());
        boolean allowed = r.needs() == null || Role.anyGrants(roles, r.needs());
        int status = res.statusCode();
        boolean ok = allowed ? (status >= 200 && status < 300 || r.path().startsWith("/ui/") && status == 404) : status == 403;
        if (!ok) failures.add(cred.getKey() + " " + r + ": " + status + " (expected " + (allowed ? "2xx" : "403") + ") " + res.body());
        if (!allowed && !res.body().contains("\"error\"")) failures.add(cred.getKey() + " " + r + ": 403 without a JSON error");
        checked++;
      }
    }
    assertThat(failures).isEmpty();
    assertThat(checked).isEqualTo(tokens.size() * ROUTES.size());
  }

  @Test
  void anotherOrganisationFindsAndRetrievesNothingOfThisOne() throws Exception {
    var accounts = node.security().accounts;
    accounts.add(node.security().operator(), "reader-b", "B", Set.of(Role.READER, Role.UPLOADER), PASSWORD.toCharArray());
    String b = http.login("reader-b", PASSWORD);
    String a = tokens.get("READER");
    String bJwt = jwt(key, "jwt-b", "B", List.of("reader"), Instant.now().plusSeconds(600));
    for (String token : List.of(b, bJwt)) {
      assertThat(http.get("/dicomweb/studies", token).body()).isEqualTo("[]");
      assertThat(http.get("/dicomweb/instances?PatientID=1CT1", token).body()).isEqualTo("[]");
      assertThat(http.get("/dicomweb/studies?limit=10&offset=0&includefield=all", token).body()).isEqualTo("[]");
      for (Route r : ROUTES) {
        if (r.needs() != Permission.RETRIEVE && r.needs() != Permission.EXPORT) continue;
        assertThat(call(r, token).statusCode()).as("%s by organisation B", r).isEqualTo(404);
      }
    }
    assertThat(http.get("/dicomweb/studies", a).body()).contains(STUDY);
    // B stores the same study: it is B's own copy, and A's stays A's.
    assertThat(stow(b, "/dicomweb/studies").statusCode()).isEqualTo(200);
    assertThat(http.get("/dicomweb/studies", b).body()).contains(STUDY);
    assertThat(http.get(I + "/metadata", b).statusCode()).isEqualTo(200);
    assertThat(node.archive().index().locate(org.linnea.index.Query.of(org.linnea.index.Level.IMAGE, 1))).hasSize(1);
  }

  @Test
  void sessionApiSecurityHeadersAndCors() throws Exception {
    accountIfMissing("carol", Role.READER);
    HttpResponse<String> login = http.postLogin("carol", PASSWORD);
    assertThat(login.statusCode()).isEqualTo(200);
    var body = Http.JSON.readTree(login.body());
    assertThat(body.path("token").asText()).startsWith("lns_");
    assertThat(Instant.parse(body.path("expiresAt").asText())).isAfter(Instant.now());
    assertThat(body.path("user").path("name").asText()).isEqualTo("carol");
    assertThat(body.path("user").path("organisation").asText()).isEqualTo("default");
    assertThat(body.path("user").path("roles").toString()).isEqualTo("[\"READER\"]");
    String token = body.path("token").asText();
    HttpResponse<String> me = http.get("/api/me", token);
    assertThat(Http.JSON.readTree(me.body())).isEqualTo(body.path("user"));
    for (HttpResponse<String> r : List.of(login, me, http.get("/health", null), http.get("/dicomweb/studies", null), http.get("/ui/", null),
        http.get("/dicomweb/studies/1.2.3", token))) {
      assertThat(r.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
      assertThat(r.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
      assertThat(r.headers().firstValue("X-Frame-Options")).hasValue("DENY");
      assertThat(r.headers().firstValue("Content-Security-Policy")).hasValue(
          "default-src 'self'; img-src 'self' blob: data:; script-src 'self'; style-src 'self'; connect-src 'self'; frame-ancestors 'none'");
    }
    // A browser's preflight carries no credentials and must be answered; the real request then carries them.
    HttpResponse<String> pre = http.send(http.request("/dicomweb/studies", null).header("Origin", "http://viewer.test")
        .header("Access-Control-Request-Method", "GET").header("Access-Control-Request-Headers", "authorization")
        .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build());
    assertThat(pre.statusCode()).isEqualTo(204);
    assertThat(pre.headers().firstValue("Access-Control-Allow-Headers").orElse("").toLowerCase()).contains("authorization");
    HttpResponse<String> cors = http.send(http.request("/dicomweb/studies", token).header("Origin", "http://viewer.test").build());
    assertThat(cors.statusCode()).isEqualTo(200);
    assertThat(cors.headers().firstValue("Access-Control-Allow-Origin")).hasValue("http://viewer.test");
    // A refusal is readable by the allowed origin (so that it can ask the user to sign in again), not by others.
    HttpResponse<String> refused = http.send(http.request("/dicomweb/studies", "lns_expired").header("Origin", "http://viewer.test").build());
    assertThat(refused.statusCode()).isEqualTo(401);
    assertThat(refused.headers().firstValue("Access-Control-Allow-Origin")).hasValue("http://viewer.test");
    assertThat(refused.headers().firstValue("Access-Control-Expose-Headers").orElse("")).contains("WWW-Authenticate");
    HttpResponse<String> stranger = http.send(http.request("/dicomweb/studies", null).header("Origin", "http://evil.test").build());
    assertThat(stranger.statusCode()).isEqualTo(401);
    assertThat(stranger.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();

    HttpResponse<String> wrong = http.postLogin("carol", "not the password at all");
    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(wrong.body()).contains("\"error\"");
    assertThat(http.postLogin("carol", "").statusCode()).isEqualTo(401);
    assertThat(http.send(http.request("/api/login", null).POST(HttpRequest.BodyPublishers.ofString("{nope")).build()).statusCode()).isEqualTo(400);

    HttpResponse<String> out = http.send(http.request("/api/logout", token).POST(HttpRequest.BodyPublishers.noBody()).build());
    assertThat(out.statusCode()).isEqualTo(204);
    assertThat(http.get("/api/me", token).statusCode()).isEqualTo(401);

    // Throttling: after three free failures the name (and address) waits, told how long.
    HttpResponse<String> last = null;
    for (int i = 0; i < 6 && (last == null || last.statusCode() != 429); i++) last = http.postLogin("carol", "still not the password");
    assertThat(last.statusCode()).isEqualTo(429);
    assertThat(Long.parseLong(last.headers().firstValue("Retry-After").orElseThrow())).isPositive();
    // Even the right password is refused while locked, without being checked.
    assertThat(http.postLogin("carol", PASSWORD).statusCode()).isEqualTo(429);
  }

  @Test
  void requestsAreInTheAuditTrail() throws Exception {
    String admin = tokens.get("ADMINISTRATOR");
    assertThat(http.get("/dicomweb/studies?PatientID=1CT1", admin).statusCode()).isEqualTo(200);
    assertThat(http.get(I + "/rendered", admin).statusCode()).isEqualTo(200);
    node.security().auditLog.flush();
    var log = node.security().auditLog;
    List<String> events = new ArrayList<>();
    for (var r : log.search(org.linnea.security.audit.AuditQuery.all(100_000))) {
      var m = r.message();
      String objects = m.objects().stream().map(o -> o.id()).toList().toString();
      String users = m.participants().stream().map(pa -> pa.userId()).toList().toString();
      events.add(m.event().eventId().code() + " " + m.event().action() + " " + m.event().outcome() + " " + users + " " + objects);
    }
    // The administrator's STOW-RS of the set-up (to POST /studies, no study in the path) names the study it stored.
    assertThat(events).anyMatch(e -> e.startsWith("110104 CREATE") && e.contains("admin") && e.contains(STUDY));
    // Retrievals and stores name the study's patient, looked up in the index.
    assertThat(events).anyMatch(e -> e.startsWith("110104 CREATE") && e.contains(STUDY) && e.contains("1CT1"));
    assertThat(events).anyMatch(e -> e.startsWith("110103 READ") && e.contains(STUDY) && e.contains("1CT1"));
    assertThat(events).anyMatch(e -> e.startsWith("110112") && e.contains("admin") && e.contains("1CT1"));
    assertThat(events).anyMatch(e -> e.startsWith("110103 READ") && e.contains("admin") && e.contains(STUDY));
    assertThat(events).anyMatch(e -> e.startsWith("110114") && e.contains("reader"));
  }

  void accountIfMissing(String name, Role role) throws Exception {
    var accounts = node.security().accounts;
    if (accounts.list().stream().noneMatch(a -> a.username().equals(name))) {
      accounts.add(node.security().operator(), name, "default", Set.of(role), PASSWORD.toCharArray());
    }
  }
}
