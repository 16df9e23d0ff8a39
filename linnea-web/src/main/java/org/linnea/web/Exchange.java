package org.linnea.web;

import java.io.BufferedOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

/** One request and its response, with what the transactions need of them. */
final class Exchange {
  final Request request;
  final Response response;
  final Callback callback;
  /** The service's root URL as the client sees it, e.g. {@code http://host:8080/dicomweb}. */
  final String base;
  /**
   * The index key of the organisation whose data the request sees and stores into: the
   * principal's, set by the security layer ({@link org.linnea.web.auth.HttpSecurity#ORGANISATION}),
   * or the archive's when the service runs without it (tests, an embedded use).
   */
  final long organisation;
  private Fields query;

  Exchange(Request request, Response response, Callback callback, String prefix, long defaultOrganisation) {
    this.request = request;
    this.organisation = request.getAttribute(org.linnea.web.auth.HttpSecurity.ORGANISATION) instanceof Long l ? l : defaultOrganisation;
    this.response = response;
    this.callback = callback;
    var uri = request.getHttpURI();
    this.base = uri.getScheme() + "://" + uri.getAuthority() + prefix;
  }

  String method() {
    return request.getMethod();
  }

  Fields query() {
    if (query == null) {
      try {
        query = Request.extractQueryParameters(request, StandardCharsets.UTF_8);
      } catch (RuntimeException e) {
        throw WebException.badRequest("malformed query string: " + e.getMessage());
      }
    }
    return query;
  }

  /** The values of a query parameter, comma-separated lists split. */
  List<String> params(String name) {
    return params(query(), name);
  }

  /** A single-valued parameter; 400 when given twice. */
  String param(String name) {
    return param(query(), name);
  }

  static List<String> params(Fields query, String name) {
    List<String> out = new ArrayList<>();
    for (String v : query.getValuesOrEmpty(name)) {
      for (String s : v.split(",")) {
        if (!s.isBlank()) out.add(s.strip());
      }
    }
    return out;
  }

  static String param(Fields query, String name) {
    List<String> vs = query.getValuesOrEmpty(name);
    if (vs.size() > 1) throw WebException.badRequest("parameter '" + name + "' given " + vs.size() + " times");
    return vs.isEmpty() ? null : vs.get(0);
  }

  /** The Accept header's media ranges, or the {@code accept} query parameter's (PS3.18 8.3.3.1), best first. */
  List<MediaType> accept() {
    List<String> values = new ArrayList<>(query().getValuesOrEmpty("accept"));
    if (values.isEmpty()) {
      for (HttpField f : request.getHeaders()) {
        if (f.getHeader() == HttpHeader.ACCEPT) values.add(f.getValue());
      }
    }
    return MediaType.parseAccept(values);
  }

  String header(HttpHeader h) {
    return request.getHeaders().get(h);
  }

  InputStream body() {
    return Content.Source.asInputStream(request);
  }

  /** The response body, buffered; the caller closes it, then completes {@link #callback}. */
  OutputStream open(int status, String contentType) {
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
    return new BufferedOutputStream(Content.Sink.asOutputStream(response), 256 * 1024);
  }

  void send(int status, String contentType, byte[] body) {
    response.setStatus(status);
    if (contentType != null) response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
    response.write(true, ByteBuffer.wrap(body), callback);
  }

  void sendError(int status, String message) {
    String json = "{\"error\":" + quote(message) + ",\"status\":" + status + "}";
    send(status, "application/json; charset=utf-8", json.getBytes(StandardCharsets.UTF_8));
  }

  static String quote(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char c : (s == null ? "error" : s).toCharArray()) {
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < 0x20) b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          else b.append(c);
        }
      }
    }
    return b.append('"').toString();
  }
}
