package org.linnea.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.linnea.archive.Archive;
import org.linnea.index.DuplicatePolicy;
import org.linnea.index.Index;
import org.linnea.index.IndexSettings;

/**
 * A real server for tests: an archive in a temporary folder and Jetty on a free port of
 * 127.0.0.1 serving DICOMweb under /dicomweb and a /health that answers 200 while the archive's
 * index is up, as ./linnea serve arranges it.
 */
final class TestServer implements AutoCloseable {
  static final Path SAMPLES = Path.of("/usr/lib/python3/dist-packages/pydicom/data/test_files");

  final Archive archive;
  final Server server;
  final String base;
  final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  TestServer(Path dir, DicomWebSettings settings) throws Exception {
    archive = Archive.open(new Archive.Settings(dir.resolve("store"), IndexSettings.embedded(dir.resolve("index")), Index.DEFAULT_ORGANISATION,
        DuplicatePolicy.ACCEPT_IF_IDENTICAL, 0, 2));
    server = new Server();
    ServerConnector c = new ServerConnector(server);
    c.setHost("127.0.0.1");
    c.setPort(0);
    server.addConnector(c);
    Handler health = new Handler.Abstract() {
      @Override
      public boolean handle(Request request, Response response, Callback callback) {
        if (!Request.getPathInContext(request).equals("/health")) return false;
        response.setStatus(archive.index().isHealthy() ? 200 : 503);
        response.write(true, ByteBuffer.wrap("{\"status\":\"UP\"}".getBytes(StandardCharsets.UTF_8)), callback);
        return true;
      }
    };
    server.setHandler(new Handler.Sequence(new DicomWeb(archive, "/dicomweb", settings.withSpoolDirectory(dir.resolve("spool"))), health));
    server.start();
    base = "http://127.0.0.1:" + c.getLocalPort() + "/dicomweb";
  }

  HttpResponse<byte[]> get(String path, String... headers) throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(path.startsWith("http") ? path : base + path)).timeout(Duration.ofSeconds(60));
    for (int i = 0; i < headers.length; i += 2) b.header(headers[i], headers[i + 1]);
    return http.send(b.GET().build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  HttpResponse<byte[]> post(String path, String contentType, byte[] body) throws IOException, InterruptedException {
    // Expect: 100-continue, as uploaders should: a body the server refuses at once (413 over the
    // limit) is then never sent, instead of racing the server's close of the connection.
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60)).expectContinue(true);
    if (contentType != null) b.header("Content-Type", contentType);
    return http.send(b.POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  HttpResponse<byte[]> stow(String path, Path... files) throws IOException, InterruptedException {
    List<byte[]> parts = new ArrayList<>();
    for (Path f : files) parts.add(Files.readAllBytes(f));
    return post(path, "multipart/related; type=\"application/dicom\"; boundary=XyZ-boundary", multipart("XyZ-boundary", "application/dicom", parts));
  }

  static byte[] multipart(String boundary, String type, List<byte[]> parts) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      b.write(("--" + boundary + "\r\nContent-Type: " + type + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      b.write(p);
      b.write("\r\n".getBytes(StandardCharsets.US_ASCII));
    }
    b.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
    return b.toByteArray();
  }

  /** The bodies of a multipart response. */
  static List<byte[]> parts(HttpResponse<byte[]> r) {
    String ct = r.headers().firstValue("Content-Type").orElseThrow();
    MediaType m = MediaType.parse(ct);
    String boundary = m.param("boundary").orElseThrow();
    byte[] body = r.body();
    byte[] delim = ("--" + boundary).getBytes(StandardCharsets.US_ASCII);
    List<byte[]> out = new ArrayList<>();
    int i = indexOf(body, delim, 0);
    while (i >= 0) {
      int after = i + delim.length;
      if (body[after] == '-' && body[after + 1] == '-') break;
      int headersEnd = indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII), after);
      int start = headersEnd + 4;
      int next = indexOf(body, ("\r\n--" + boundary).getBytes(StandardCharsets.US_ASCII), start);
      out.add(java.util.Arrays.copyOfRange(body, start, next));
      i = next + 2;
    }
    return out;
  }

  static int indexOf(byte[] a, byte[] b, int from) {
    outer:
    for (int i = from; i <= a.length - b.length; i++) {
      for (int j = 0; j < b.length; j++) if (a[i + j] != b[j]) continue outer;
      return i;
    }
    return -1;
  }

  @Override
  public void close() throws Exception {
    try {
      server.stop();
    } finally {
      archive.close();
    }
  }
}
