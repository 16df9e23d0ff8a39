package org.linnea.viewer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Serves the web viewer's static files (ES modules, HTML, CSS, icons) from the class path: {@code
 * /} and {@code /ui/} answer the page, {@code /ui/NAME} the file {@code NAME}. Declines every
 * other path, so that it sits last in a {@link Handler.Sequence}.
 *
 * <p>Caching: every file is sent with a strong {@code ETag} (SHA-256 of its bytes) and {@code
 * Cache-Control: no-cache}, so a browser keeps it and revalidates it with one small request
 * answered 304 — a new version of Linnea is picked up at the next load, with no file names to
 * fingerprint and no build step. Files are read once and kept (they are small: tens of kB).
 *
 * <p>The page is written for the Content Security Policy {@value #CSP}, which is sent with it:
 * no inline scripts or styles, nothing from other origins.
 */
public final class ViewerAssets extends Handler.Abstract {
  /** The policy the viewer's page is sent with. */
  public static final String CSP = "default-src 'self'; img-src 'self' blob: data:; script-src 'self'; style-src 'self'; connect-src 'self'; frame-ancestors 'none'";

  private static final String ROOT = "/org/linnea/viewer/ui/";
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]*\\.(html|js|css|svg|png)");
  private static final Map<String, String> TYPES = Map.of(
      "html", "text/html; charset=utf-8",
      "js", "text/javascript; charset=utf-8",
      "css", "text/css; charset=utf-8",
      "svg", "image/svg+xml",
      "png", "image/png");

  private record Asset(byte[] bytes, String type, String etag) {}

  private final Map<String, Asset> cache = new ConcurrentHashMap<>();

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws IOException {
    String path = Request.getPathInContext(request);
    String name;
    if (path.equals("/") || path.equals("/ui") || path.equals("/ui/") || path.equals("/index.html")) {
      name = "index.html";
    } else if (path.startsWith("/ui/")) {
      name = path.substring(4);
    } else {
      return false;
    }
    String method = request.getMethod();
    if (!method.equals("GET") && !method.equals("HEAD")) {
      Response.writeError(request, response, callback, 405, "use GET");
      return true;
    }
    Asset a = NAME.matcher(name).matches() ? asset(name) : null;
    if (a == null) {
      Response.writeError(request, response, callback, 404, "no such file of the viewer: " + name);
      return true;
    }
    var h = response.getHeaders();
    h.put(HttpHeader.ETAG, a.etag());
    h.put(HttpHeader.CACHE_CONTROL, "no-cache");
    h.put("X-Content-Type-Options", "nosniff");
    if (name.endsWith(".html")) {
      h.put("Content-Security-Policy", CSP);
      h.put("Referrer-Policy", "no-referrer");
    }
    if (a.etag().equals(request.getHeaders().get(HttpHeader.IF_NONE_MATCH))) {
      response.setStatus(304);
      callback.succeeded();
      return true;
    }
    h.put(HttpHeader.CONTENT_TYPE, a.type());
    h.put(HttpHeader.CONTENT_LENGTH, a.bytes().length);
    response.setStatus(200);
    response.write(true, method.equals("HEAD") ? ByteBuffer.allocate(0) : ByteBuffer.wrap(a.bytes()), callback);
    return true;
  }

  private Asset asset(String name) throws IOException {
    Asset a = cache.get(name);
    if (a != null) return a;
    try (InputStream in = ViewerAssets.class.getResourceAsStream(ROOT + name)) {
      if (in == null) return null;
      byte[] b = in.readAllBytes();
      String ext = name.substring(name.lastIndexOf('.') + 1);
      a = new Asset(b, TYPES.get(ext), "\"" + HexFormat.of().formatHex(sha256(b), 0, 16) + "\"");
    }
    cache.put(name, a);
    return a;
  }

  private static byte[] sha256(byte[] b) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(b);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
