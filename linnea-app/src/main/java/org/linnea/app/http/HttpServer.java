package org.linnea.app.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.server.handler.SecuredRedirectHandler;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.linnea.app.RemoteAeRegistry;
import org.linnea.app.config.Configuration;
import org.linnea.app.config.ConfigurationException;
import org.linnea.web.JsonReply;
import org.linnea.security.tls.TlsContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's HTTP server.
 *
 * <ul>
 *   <li>{@code GET /health}: JSON status of the node (index reachable, store path, ports).
 *   <li>{@code GET /admin/remote-aes}: the known remote AEs.
 *   <li>{@code PUT /admin/remote-aes/{AET}} with {@code {"host": "…", "port": 104, "tls": false}}: adds or
 *       changes one.
 *   <li>{@code DELETE /admin/remote-aes/{AET}}: removes one.
 * </ul>
 *
 * Authentication and permissions (/admin needs CONFIGURE) are the guard's, see
 * org.linnea.web.auth.HttpSecurity; in addition /admin answers only callers on this machine unless
 * {@code http.adminFromLoopbackOnly} is false.
 *
 * <p>With a TLS context, HTTPS listens on {@code http.tlsPort} (TLS 1.3 and 1.2, the suites of
 * linnea-security's {@code TlsSettings}); the plain port serves, redirects to HTTPS, or is closed
 * ({@code http.plain}).
 */
public final class HttpServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(HttpServer.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Server server;
  private final ServerConnector connector;
  private final ServerConnector httpsConnector;
  private final HttpConfiguration plainConfig = new HttpConfiguration();

  /** What /health reports, computed at each call. */
  public interface Health {
    ObjectNode status();
  }

  public HttpServer(Configuration config, Health health, RemoteAeRegistry remoteAes) {
    this(config, health, remoteAes, null);
  }

  /**
   * @param mounted a handler tried before the node's own routes (DICOMweb under /dicomweb), which
   *     declines the paths it does not serve; null for none
   */
  public HttpServer(Configuration config, Health health, RemoteAeRegistry remoteAes, Handler mounted) {
    this(config, health, remoteAes, mounted, null, null);
  }

  /**
   * @param guard wraps every route (authentication, permissions, security headers:
   *     org.linnea.web.auth.HttpSecurity); null for none
   * @param https the TLS context of HTTPS, which listens when it is not null and {@code
   *     http.tlsPort} is set; null for plain HTTP only
   */
  public HttpServer(Configuration config, Health health, RemoteAeRegistry remoteAes, Handler mounted, Handler.Wrapper guard, TlsContext https) {
    QueuedThreadPool threads = new QueuedThreadPool(64, 4);
    threads.setName("linnea-http");
    server = new Server(threads);
    boolean secure = https != null && config.tls().httpsPort() >= 0;
    Configuration.PlainHttp plain = secure ? config.tls().plainHttp() : Configuration.PlainHttp.SERVE;
    if (plain != Configuration.PlainHttp.OFF) {
      connector = new ServerConnector(server, new HttpConnectionFactory(plainConfig));
      connector.setHost(config.httpBindAddress());
      connector.setPort(config.httpPort());
      server.addConnector(connector);
    } else {
      connector = null;
    }
    if (secure) {
      plainConfig.setSecureScheme("https");
      plainConfig.setSecurePort(config.tls().httpsPort());
      HttpConfiguration secureConfig = new HttpConfiguration(plainConfig);
      SecureRequestCustomizer customizer = new SecureRequestCustomizer();
      customizer.setSniHostCheck(false); // callers by IP address (no SNI) are expected
      secureConfig.addCustomizer(customizer);
      SslContextFactory.Server ssl = new SslContextFactory.Server();
      ssl.setSslContext(https.context());
      ssl.setIncludeProtocols(https.parameters().getProtocols());
      ssl.setIncludeCipherSuites(https.parameters().getCipherSuites());
      ssl.setUseCipherSuitesOrder(true);
      httpsConnector = new ServerConnector(server, new SslConnectionFactory(ssl, "http/1.1"), new HttpConnectionFactory(secureConfig));
      httpsConnector.setHost(config.httpBindAddress());
      httpsConnector.setPort(config.tls().httpsPort());
      server.addConnector(httpsConnector);
    } else {
      httpsConnector = null;
    }
    Routes routes = new Routes(config, health, remoteAes);
    Handler app = mounted == null ? routes : new Handler.Sequence(mounted, routes);
    if (guard != null) {
      guard.setHandler(app);
      app = guard;
    }
    server.setHandler(plain == Configuration.PlainHttp.REDIRECT ? new SecuredRedirectHandler(app) : app);
    server.setStopTimeout(0); // no graceful phase: a retrieval in flight is cut, and the client retries
  }

  public HttpServer start() throws Exception {
    server.start();
    if (httpsConnector != null) {
      plainConfig.setSecurePort(httpsConnector.getLocalPort()); // when configured as 0 (tests)
    }
    return this;
  }

  /** The plain HTTP port; -1 when it is off ({@code http.plain: off}). */
  public int port() {
    return connector == null ? -1 : connector.getLocalPort();
  }

  /** The HTTPS port; -1 without HTTPS. */
  public int httpsPort() {
    return httpsConnector == null ? -1 : httpsConnector.getLocalPort();
  }

  @Override
  public void close() throws Exception {
    server.stop();
  }

  private static final class Routes extends Handler.Abstract {
    private final Configuration config;
    private final Health health;
    private final RemoteAeRegistry remoteAes;
    private final Instant started = Instant.now();

    Routes(Configuration config, Health health, RemoteAeRegistry remoteAes) {
      this.config = config;
      this.health = health;
      this.remoteAes = remoteAes;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
      String path = Request.getPathInContext(request);
      String method = request.getMethod();
      try {
        if (path.equals("/health")) {
          if (!method.equals("GET") && !method.equals("HEAD")) return send(response, callback, 405, error("use GET"));
          ObjectNode s = health.status();
          s.put("uptimeSeconds", Duration.between(started, Instant.now()).toSeconds());
          return send(response, callback, "UP".equals(s.path("status").asText()) ? 200 : 503, s);
        }
        if (path.equals("/admin/remote-aes") || path.startsWith("/admin/remote-aes/")) {
          if (config.adminFromLoopbackOnly() && !isLoopback(Request.getRemoteAddr(request))) {
            return send(response, callback, 403, error("the admin API answers only on this machine (http.adminFromLoopbackOnly)"));
          }
          return remoteAes(path.substring("/admin/remote-aes".length()), method, request, response, callback);
        }
        return send(response, callback, 404, error("no such resource: " + path));
      } catch (Exception e) {
        LOG.warn("{} {} failed", method, path, e);
        return send(response, callback, 500, error(e.getMessage()));
      }
    }

    private boolean remoteAes(String rest, String method, Request request, Response response, Callback callback) throws Exception {
      if (rest.isEmpty() || rest.equals("/")) {
        if (!method.equals("GET")) return send(response, callback, 405, error("use GET, or PUT/DELETE /admin/remote-aes/{AET}"));
        ArrayNode list = JSON.createArrayNode();
        for (Configuration.RemoteAe ae : remoteAes.list()) list.add(json(ae));
        return send(response, callback, 200, list);
      }
      String aet = java.net.URLDecoder.decode(rest.substring(1), StandardCharsets.UTF_8);
      switch (method) {
        case "GET" -> {
          return remoteAes.get(aet).map(ae -> send(response, callback, 200, json(ae)))
              .orElseGet(() -> send(response, callback, 404, error("no remote AE " + aet)));
        }
        case "PUT" -> {
          JsonNode body;
          try {
            body = JSON.readTree(Content.Source.asString(request, StandardCharsets.UTF_8));
          } catch (Exception e) {
            return send(response, callback, 400, error("body must be JSON: {\"host\": \"...\", \"port\": 104}"));
          }
          try {
            Configuration.RemoteAe ae = new Configuration.RemoteAe(aet, body.path("host").asText(null), body.path("port").asInt(-1), body.path("tls").asBoolean(false));
            boolean existed = remoteAes.put(ae);
            return send(response, callback, existed ? 200 : 201, json(ae));
          } catch (ConfigurationException e) {
            return send(response, callback, 400, error(e.getMessage()));
          }
        }
        case "DELETE" -> {
          return remoteAes.remove(aet) ? send(response, callback, 204, null) : send(response, callback, 404, error("no remote AE " + aet));
        }
        default -> {
          return send(response, callback, 405, error("use GET, PUT or DELETE"));
        }
      }
    }

    private static ObjectNode json(Configuration.RemoteAe ae) {
      return JSON.createObjectNode().put("aeTitle", ae.aeTitle()).put("host", ae.host()).put("port", ae.port()).put("tls", ae.tls());
    }

    private static boolean isLoopback(String addr) {
      try {
        return InetAddress.getByName(addr).isLoopbackAddress();
      } catch (UnknownHostException e) {
        return false;
      }
    }
  }

  static ObjectNode error(String message) {
    return JsonReply.error(message);
  }

  static boolean send(Response response, Callback callback, int status, JsonNode body) {
    return JsonReply.send(response, callback, status, body, true);
  }

  /** For tests: a supplier-based health. */
  public static Health health(Supplier<ObjectNode> s) {
    return s::get;
  }
}
