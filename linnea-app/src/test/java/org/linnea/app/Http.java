package org.linnea.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** A small HTTP client for tests of a running node: sign in, then send with the bearer token. */
final class Http {
  static final ObjectMapper JSON = new ObjectMapper();
  final HttpClient client = HttpClient.newHttpClient();
  final String base;

  Http(Node node) {
    this.base = "http://127.0.0.1:" + node.httpPort();
  }

  /** Signs in as the first administrator (whose one-time password this start made). */
  static String adminToken(Node node) throws Exception {
    return new Http(node).login(Node.INITIAL_ADMINISTRATOR, new String(node.initialPassword().orElseThrow()));
  }

  HttpResponse<String> postLogin(String user, String password) throws IOException, InterruptedException {
    String body = JSON.createObjectNode().put("username", user).put("password", password).toString();
    return client.send(HttpRequest.newBuilder(URI.create(base + "/api/login")).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  String login(String user, String password) throws IOException, InterruptedException {
    HttpResponse<String> r = postLogin(user, password);
    if (r.statusCode() != 200) throw new IllegalStateException("login of " + user + ": " + r.statusCode() + " " + r.body());
    return JSON.readTree(r.body()).path("token").asText();
  }

  HttpRequest.Builder request(String path, String token) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path));
    if (token != null) b.header("Authorization", "Bearer " + token);
    return b;
  }

  HttpResponse<String> get(String path, String token) throws IOException, InterruptedException {
    return client.send(request(path, token).build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> send(HttpRequest r) throws IOException, InterruptedException {
    return client.send(r, HttpResponse.BodyHandlers.ofString());
  }
}
