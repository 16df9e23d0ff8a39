package org.linnea.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** A JSON answer of the node's own routes (sign-in, the security guard, health, admin). */
public final class JsonReply {
  private static final ObjectMapper JSON = new ObjectMapper();

  private JsonReply() {}

  /** {@code {"error": message}}. */
  public static ObjectNode error(String message) {
    return JSON.createObjectNode().put("error", message == null ? "error" : message);
  }

  /**
   * Answers {@code status} with {@code body} (none when null), indented when {@code pretty}; always
   * returns true, as a Jetty handler that handled the request does.
   */
  public static boolean send(Response response, Callback callback, int status, JsonNode body, boolean pretty) {
    response.setStatus(status);
    if (body == null) {
      callback.succeeded();
      return true;
    }
    byte[] bytes;
    try {
      bytes = pretty ? JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(body) : JSON.writeValueAsBytes(body);
    } catch (Exception e) {
      callback.failed(e);
      return true;
    }
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
    response.write(true, ByteBuffer.wrap(bytes), callback);
    return true;
  }
}
