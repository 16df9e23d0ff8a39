package org.linnea.web.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToLongFunction;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.linnea.security.access.Permission;
import org.linnea.security.access.Principal;
import org.linnea.security.account.AccountService;
import org.linnea.security.account.LoginResult;
import org.linnea.security.audit.AuditCode;
import org.linnea.security.audit.AuditMessage;
import org.linnea.security.audit.AuditMessages;
import org.linnea.security.audit.AuditSink;
import org.linnea.security.token.BearerTokenValidator;
import org.linnea.security.token.TokenRejectedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wraps every route of the node's HTTP server: authenticates the caller, checks the route's
 * permission ({@link RouteAccess}), hands the principal and its organisation's index key to the
 * routes as request attributes, adds the security headers to every response, answers the session
 * API and writes the audit trail of each request.
 *
 * <ul>
 *   <li>{@code POST /api/login} {@code {"username","password"}} → 200 {@code {"token",
 *       "expiresAt", "user": {"name","organisation","roles"}}}; 401 on bad credentials; 429 with
 *       {@code Retry-After} when throttled ({@link org.linnea.security.throttle.LoginThrottle}).
 *   <li>{@code GET /api/me} → the user object; {@code POST /api/logout} ends the session.
 *   <li>Everything else not public needs {@code Authorization: Bearer <token>}: a session token
 *       ({@code lns_…}), an API key ({@code lnk_…}) or an OpenID Connect JWT. Missing or invalid:
 *       401 with {@code WWW-Authenticate: Bearer}; a role without the permission: 403.
 * </ul>
 *
 * <p>API keys are checked against the account store once a minute per key (each check is audited
 * as a login); the principal is cached by the key's SHA-256 in between.
 */
public final class HttpSecurity extends Handler.Wrapper {
  private static final Logger LOG = LoggerFactory.getLogger(HttpSecurity.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Request attribute: the authenticated {@link Principal}. */
  public static final String PRINCIPAL = "org.linnea.security.principal";
  /** Request attribute: the index key (Long) of the principal's organisation. */
  public static final String ORGANISATION = "org.linnea.index.organisation";
  /** Request attribute set by STOW-RS: the Study Instance UIDs (a {@code Set<String>}) it stored into, for the audit record. */
  public static final String STORED_STUDIES = "org.linnea.audit.storedStudies";
  /** Request attribute: the Patient ID of the study a DELETE removed (the index no longer knows it). */
  public static final String DELETED_PATIENT = "org.linnea.audit.deletedPatient";
  /** The Content-Security-Policy of every response (the web UI loads nothing from elsewhere). */
  public static final String CSP =
      "default-src 'self'; img-src 'self' blob: data:; script-src 'self'; style-src 'self'; connect-src 'self'; frame-ancestors 'none'";
  private static final String STUDY_ROOT_FIND = "1.2.840.10008.5.1.4.1.2.2.1";
  private static final int MAX_LOGIN_BODY = 16 * 1024;
  private static final Duration API_KEY_CACHE = Duration.ofMinutes(1);

  private final AccountService accounts;
  private final Optional<BearerTokenValidator> oidc;
  private final SessionTokens sessions;
  private final ToLongFunction<String> organisations;
  private final AuditSink audit;
  private final AuditMessages messages;
  private java.util.function.BiFunction<Long, String, Optional<String>> patientOfStudy = (org, study) -> Optional.empty();
  private final InstantSource clock;
  private final String dicomweb;
  private final java.util.function.Function<Principal, Optional<Principal>> current;
  private final ConcurrentHashMap<String, SessionTokens.Session> apiKeys = new ConcurrentHashMap<>();
  private volatile java.util.List<String> corsAllowedOrigins = java.util.List.of();

  /**
   * @param oidc the bearer-token validator when an OpenID Connect provider is configured
   * @param organisations an organisation's name to its index key
   * @param dicomweb the DICOMweb prefix ({@code /dicomweb})
   * @param current a session's principal as its account is now (roles, organisation), or empty when
   *     the account was removed or disabled: asked at each request with a session token, so that a
   *     change by {@code ./linnea user} takes effect at once
   */
  public HttpSecurity(AccountService accounts, Optional<BearerTokenValidator> oidc, SessionTokens sessions,
      ToLongFunction<String> organisations, AuditSink audit, AuditMessages messages, InstantSource clock, String dicomweb,
      java.util.function.Function<Principal, Optional<Principal>> current) {
    this.accounts = Objects.requireNonNull(accounts);
    this.oidc = Objects.requireNonNull(oidc);
    this.sessions = Objects.requireNonNull(sessions);
    this.organisations = Objects.requireNonNull(organisations);
    this.audit = Objects.requireNonNull(audit);
    this.messages = Objects.requireNonNull(messages);
    this.clock = Objects.requireNonNull(clock);
    this.dicomweb = Objects.requireNonNull(dicomweb);
    this.current = Objects.requireNonNull(current);
  }

  /**
   * The origins whose pages may read this layer's own refusals (401, 403, 429) — the same list as
   * DICOMweb's CORS ({@code web.corsAllowedOrigins}), so that a viewer on another origin can tell
   * "sign in again" from a network error.
   */
  public HttpSecurity withCorsAllowedOrigins(java.util.List<String> origins) {
    this.corsAllowedOrigins = java.util.List.copyOf(origins);
    return this;
  }

  /**
   * Where audit records of retrievals, views, stores and exports find the study's Patient ID: the
   * index, for the organisation's key and the study UID (none by default).
   */
  public HttpSecurity withPatientLookup(java.util.function.BiFunction<Long, String, Optional<String>> patientOfStudy) {
    this.patientOfStudy = Objects.requireNonNull(patientOfStudy);
    return this;
  }

  /** The study's Patient ID in the caller's organisation, or null (never fails an audit record). */
  private String patientOf(Principal p, String study) {
    if (study == null) return null;
    try {
      return patientOfStudy.apply(organisations.applyAsLong(p.organisation()), study).orElse(null);
    } catch (RuntimeException e) {
      LOG.warn("audit: no patient id for study={}: {}", study, e.toString());
      return null;
    }
  }

  private void refusalCors(Request request, Response response) {
    String origin = request.getHeaders().get(HttpHeader.ORIGIN);
    java.util.List<String> allowed = corsAllowedOrigins;
    if (origin == null || allowed.isEmpty()) return;
    boolean any = allowed.contains("*");
    if (!any && !allowed.contains(origin)) return;
    response.getHeaders().put(HttpHeader.ACCESS_CONTROL_ALLOW_ORIGIN, any ? "*" : origin);
    if (!any) response.getHeaders().add(HttpHeader.VARY, "Origin");
    response.getHeaders().put(HttpHeader.ACCESS_CONTROL_EXPOSE_HEADERS, "WWW-Authenticate, Retry-After, Content-Type");
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    Response guarded = new Response.Wrapper(request, response) {
      @Override
      public void reset() {
        super.reset(); // a route that resets to send an error keeps the security headers
        securityHeaders(this);
      }
    };
    securityHeaders(guarded);
    String path = Request.getPathInContext(request);
    String method = request.getMethod();
    String address = Request.getRemoteAddr(request);
    try {
      if (path.equals("/api/login")) return login(request, guarded, callback, method, address);
      RouteAccess access = RouteAccess.of(method, path, dicomweb);
      if (access.kind() == RouteAccess.Kind.PUBLIC) return super.handle(request, guarded, callback);
      String auth = request.getHeaders().get(HttpHeader.AUTHORIZATION);
      if (auth == null || !auth.regionMatches(true, 0, "Bearer ", 0, 7) || auth.length() <= 7) {
        refusalCors(request, guarded);
        guarded.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Bearer realm=\"linnea\"");
        return send(guarded, callback, 401, error("sign in: Authorization: Bearer <token> (POST /api/login, an API key or an OpenID Connect token)"));
      }
      String token = auth.substring(7).strip();
      Optional<Principal> who = authenticate(token, address);
      if (who.isEmpty()) {
        refusalCors(request, guarded);
        guarded.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Bearer realm=\"linnea\", error=\"invalid_token\"");
        return send(guarded, callback, 401, error("the token is invalid or expired: sign in again"));
      }
      Principal p = who.get();
      if (access.permission().isPresent() && !p.has(access.permission().get())) {
        refusalCors(request, guarded);
        LOG.info("refused: {} {} by {} roles={} lacks {}", method, path, p.name(), p.roles(), access.permission().get());
        return send(guarded, callback, 403, error("your roles " + p.roles() + " do not allow " + access.permission().get()));
      }
      request.setAttribute(PRINCIPAL, p);
      request.setAttribute(ORGANISATION, organisations.applyAsLong(p.organisation()));
      if (path.equals("/api/me")) {
        if (!method.equals("GET") && !method.equals("HEAD")) return send(guarded, callback, 405, error("use GET"));
        guarded.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        return send(guarded, callback, 200, user(p));
      }
      if (path.equals("/api/logout")) {
        if (!method.equals("POST")) return send(guarded, callback, 405, error("use POST"));
        if (token.startsWith(SessionTokens.PREFIX)) sessions.revoke(token);
        audit.record(messages.logout(p));
        return send(guarded, callback, 204, null);
      }
      Callback audited = access.event() == RouteAccess.Event.NONE ? callback : audited(request, guarded, callback, access, p, path);
      return super.handle(request, guarded, audited);
    } catch (RuntimeException e) {
      LOG.warn("{} {} failed in the security layer", method, path, e);
      if (guarded.isCommitted()) throw e;
      return send(guarded, callback, 500, error("internal error"));
    }
  }

  /** Who the token is; empty when it is not valid. */
  Optional<Principal> authenticate(String token, String address) throws IOException {
    if (token.startsWith(SessionTokens.PREFIX)) {
      Optional<Principal> p = sessions.find(token).map(SessionTokens.Session::principal).flatMap(current);
      if (p.isEmpty()) sessions.revoke(token);
      return p;
    }
    if (token.startsWith("lnk_")) {
      String h = SessionTokens.hash(token);
      SessionTokens.Session cached = apiKeys.get(h);
      Instant now = clock.instant();
      if (cached != null && cached.expiresAt().isAfter(now)) return Optional.of(withAddress(cached.principal(), address));
      LoginResult r = accounts.loginWithApiKey(token, address);
      if (!r.succeeded()) {
        apiKeys.remove(h);
        return Optional.empty();
      }
      if (apiKeys.size() > 10_000) apiKeys.clear();
      apiKeys.put(h, new SessionTokens.Session(r.principal().get(), now.plus(API_KEY_CACHE)));
      return r.principal();
    }
    if (oidc.isPresent()) {
      try {
        return Optional.of(oidc.get().validate(token, address));
      } catch (TokenRejectedException e) {
        LOG.warn("bearer token from {} refused: {}", address, e.getMessage());
        audit.record(messages.login("bearer-token", address, false, "token refused: " + e.reason()));
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  private static Principal withAddress(Principal p, String address) {
    return new Principal(p.name(), p.kind(), p.organisation(), p.roles(), p.authentication(), Optional.ofNullable(address));
  }

  private boolean login(Request request, Response response, Callback callback, String method, String address) throws IOException {
    if (!method.equals("POST")) return send(response, callback, 405, error("use POST with {\"username\": \"…\", \"password\": \"…\"}"));
    response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
    JsonNode body;
    try (InputStream in = Content.Source.asInputStream(request)) {
      byte[] b = in.readNBytes(MAX_LOGIN_BODY + 1);
      if (b.length > MAX_LOGIN_BODY) return send(response, callback, 413, error("a login request is at most " + MAX_LOGIN_BODY + " bytes"));
      body = JSON.readTree(b);
    } catch (IOException e) {
      return send(response, callback, 400, error("the body must be JSON: {\"username\": \"…\", \"password\": \"…\"}"));
    }
    if (body == null || !body.path("username").isTextual() || !body.path("password").isTextual()) {
      return send(response, callback, 400, error("the body must be JSON: {\"username\": \"…\", \"password\": \"…\"}"));
    }
    char[] password = body.path("password").asText().toCharArray();
    LoginResult r;
    try {
      r = accounts.login(body.path("username").asText(), password, address);
    } finally {
      AccountService.wipe(password);
    }
    if (r.succeeded()) {
      Principal p = r.principal().get();
      Instant[] expires = new Instant[1];
      String token = sessions.issue(p, expires);
      ObjectNode out = JSON.createObjectNode().put("token", token).put("expiresAt", expires[0].toString());
      out.set("user", user(p));
      return send(response, callback, 200, out);
    }
    if (r.failure().orElse(null) == LoginResult.Failure.THROTTLED) {
      long s = Math.max(1, (r.retryAfter().toMillis() + 999) / 1000);
      response.getHeaders().put(HttpHeader.RETRY_AFTER, Long.toString(s));
      return send(response, callback, 429, error("too many failed sign-ins: try again in " + s + " s"));
    }
    return send(response, callback, 401, error("wrong user name or password"));
  }

  private Callback audited(Request request, Response response, Callback callback, RouteAccess access, Principal p, String path) {
    return new Callback() {
      @Override
      public void succeeded() {
        record(response.getStatus() < 400);
        callback.succeeded();
      }

      @Override
      public void failed(Throwable x) {
        record(false);
        callback.failed(x);
      }

      @Override
      public InvocationType getInvocationType() {
        return callback.getInvocationType();
      }

      private void record(boolean ok) {
        try {
          if (access.event() == RouteAccess.Event.STORE && request.getAttribute(STORED_STUDIES) instanceof java.util.Set<?> stored && !stored.isEmpty()) {
            for (Object study : stored) audit.record(messages.store(p, patientOf(p, study.toString()), study.toString(), ok));
            return;
          }
          AuditMessage m = message(request, access.event(), p, path, ok);
          if (m != null) audit.record(m);
        } catch (RuntimeException e) {
          LOG.error("could not audit {} {} by {}", request.getMethod(), path, p.name(), e);
        }
      }
    };
  }

  private AuditMessage message(Request request, RouteAccess.Event event, Principal p, String path, boolean ok) {
    Fields q;
    try {
      q = Request.extractQueryParameters(request, StandardCharsets.UTF_8);
    } catch (RuntimeException e) {
      q = new Fields();
    }
    String[] seg = path.substring(Math.min(path.length(), dicomweb.length())).replaceAll("^/+", "").split("/+");
    if (event == RouteAccess.Event.EXPORT) {
      String[] api = path.split("/+"); // "", "api", "studies", {study}, "download.zip"
      String exported = api.length > 3 ? api[3] : null;
      return messages.export(p, patientOf(p, exported), exported, "download to " + p.addressOrUnknown(), ok);
    }
    String study = seg.length >= 2 && seg[0].equals("studies") ? seg[1] : first(q, "studyUID");
    String patient = first(q, "PatientID");
    if (patient == null) patient = first(q, "00100020");
    return switch (event) {
      case QUERY -> messages.query(p, STUDY_ROOT_FIND, patient, ok);
      case VIEW -> messages.view(p, patientOf(p, study), study, ok);
      case RETRIEVE -> messages.retrieve(p, patientOf(p, study), study, ok);
      case STORE -> messages.store(p, patientOf(p, study), study, ok);
      case DELETE -> messages.delete(p, request.getAttribute(DELETED_PATIENT) instanceof String id ? id : null, study, ok);
      case CONFIGURATION -> ok ? messages.configurationChange(p, AuditCode.NETWORK_CONFIGURATION, request.getMethod() + " " + path) : null;
      case EXPORT, NONE -> null;
    };
  }

  private static String first(Fields q, String name) {
    var v = q.getValuesOrEmpty(name);
    return v.isEmpty() ? null : v.get(0);
  }

  static ObjectNode user(Principal p) {
    ObjectNode u = JSON.createObjectNode().put("name", p.name()).put("organisation", p.organisation());
    var roles = u.putArray("roles");
    p.roles().stream().map(Enum::name).sorted().forEach(roles::add);
    return u;
  }

  /** X-Content-Type-Options, Referrer-Policy, X-Frame-Options and the CSP. */
  static void securityHeaders(Response response) {
    var h = response.getHeaders();
    h.put("X-Content-Type-Options", "nosniff");
    h.put("Referrer-Policy", "no-referrer");
    h.put("X-Frame-Options", "DENY");
    h.put("Content-Security-Policy", CSP);
  }

  private static ObjectNode error(String message) {
    return org.linnea.web.JsonReply.error(message);
  }

  private static boolean send(Response response, Callback callback, int status, JsonNode body) {
    return org.linnea.web.JsonReply.send(response, callback, status, body, false);
  }

  /** The permission a route needs, for documentation and tests. */
  public Optional<Permission> permissionOf(String method, String path) {
    return RouteAccess.of(method, path, dicomweb).permission();
  }
}
