package org.linnea.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.linnea.dicom.Tag;

/**
 * Bad input, one row per case: each gets its 4xx, what was stored is unchanged (retrieved byte
 * for byte), and the server still answers /health and QIDO afterwards.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputTest {
  static final Path CT = TestServer.SAMPLES.resolve("CT_small.dcm");
  static final Path MR = TestServer.SAMPLES.resolve("MR_small.dcm");
  static final String DICOM = "multipart/related; type=\"application/dicom\"; boundary=BB";
  TestServer srv;
  String ctPath;
  String study;

  @BeforeAll
  void start(@TempDir Path dir) throws Exception {
    srv = new TestServer(dir, DicomWebSettings.DEFAULT.withMaxUploadBytes(2L << 20).withMaxQueryResults(100));
    assertThat(srv.stow("/studies", CT).statusCode()).isEqualTo(200);
    var d = DicomWebServerTest.header(CT);
    study = d.getString(Tag.StudyInstanceUID).orElseThrow();
    ctPath = DicomWebServerTest.instancePath(CT);
  }

  @AfterAll
  void stop() throws Exception {
    srv.close();
  }

  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  static byte[] part(byte[] content) throws IOException {
    return TestServer.multipart("BB", "application/dicom", List.of(content));
  }

  Stream<Arguments> posts() throws IOException {
    byte[] mr = Files.readAllBytes(MR);
    byte[] big = new byte[3 << 20];
    return Stream.of(
        Arguments.of("JSON instead of multipart", "application/json", bytes("{}"), 415),
        Arguments.of("no Content-Type", null, bytes("x"), 415),
        Arguments.of("metadata+bulk data upload", "multipart/related; type=\"application/dicom+json\"; boundary=BB", part(mr), 415),
        Arguments.of("garbage Content-Type", "multipart", bytes("x"), 415),
        Arguments.of("multipart without boundary parameter", "multipart/related; type=\"application/dicom\"", part(mr), 400),
        Arguments.of("body without any boundary", DICOM, bytes("this is not multipart at all"), 400),
        Arguments.of("body ending inside the first part", DICOM, Arrays.copyOf(part(mr), 3000), 400),
        Arguments.of("empty multipart", DICOM, bytes("--BB--\r\n"), 400),
        Arguments.of("headers never ending", DICOM, bytes("--BB\r\n" + "X-A: b\r\n".repeat(5000)), 400),
        Arguments.of("over the upload limit", DICOM, part(big), 413),
        Arguments.of("truncated DICOM only", DICOM, part(Arrays.copyOf(mr, mr.length / 2)), 409),
        Arguments.of("not DICOM in an application/dicom part", DICOM, part(bytes("hello, not dicom at all, definitely")), 409),
        Arguments.of("text part", DICOM.replace("BB", "BB"), TestServer.multipart("BB", "text/plain", List.of(bytes("hi"))), 409),
        Arguments.of("a study UID that is not a UID", null, null, 400));
  }

  @ParameterizedTest(name = "POST {0} → {3}")
  @MethodSource("posts")
  void badUploads(String what, String contentType, byte[] body, int status) throws Exception {
    HttpResponse<byte[]> r = body == null
        ? srv.post("/studies/1.2.abc", DICOM, part(Files.readAllBytes(MR)))
        : srv.post("/studies", contentType, body);
    assertThat(r.statusCode()).as(what + ": " + new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(status);
    stillServing();
    // Nothing of the bad upload stored: only the CT study is there.
    assertThat(srv.get("/studies").body()).asString().doesNotContain("MR1");
  }

  Stream<Arguments> gets() {
    return Stream.of(
        Arguments.of("/studies/9.9.9", 404),
        Arguments.of("/studies/9.9.9/metadata", 404),
        Arguments.of("/studies/STUDY/series/9.9.9", 404),
        Arguments.of("/studies/STUDY/series/9.9.9/instances/9.9.9", 404),
        Arguments.of("/studies/9.9.9/series/9.9.9/instances/9.9.9/rendered", 404),
        Arguments.of("/studies/abc", 400),
        Arguments.of("/studies/1.2.3.", 400),
        Arguments.of("/studies/" + "1.".repeat(40) + "1", 400),
        Arguments.of("/studies/..%2f..%2fetc%2fpasswd", 400),
        Arguments.of("/studies/%2e%2e/%2e%2e/health", 400),
        Arguments.of("/studies/1.2%00.3", 400),
        Arguments.of("/nothing", 404),
        Arguments.of("/studies?limit=-1", 400),
        Arguments.of("/studies?limit=abc", 400),
        Arguments.of("/studies?limit=99999999999999999999", 400),
        Arguments.of("/studies?offset=-5", 400),
        Arguments.of("/studies?offset=1e9", 400),
        Arguments.of("/studies?limit=1&limit=2", 400),
        Arguments.of("/studies?StudyDate=yesterday", 400),
        Arguments.of("/studies?NoSuchKeyword=1", 400),
        Arguments.of("/studies?00081111.00081150=1.2", 400),
        Arguments.of("/studies?fuzzymatching=maybe", 400),
        Arguments.of("/studies?StudyInstanceUID=not-a-uid", 400),
        Arguments.of("/studies?PatientName=" + "A".repeat(2000), 400),
        Arguments.of("/studies?includefield=NotAnAttribute", 400),
        Arguments.of("CT/frames/0", 400),
        Arguments.of("CT/frames/2", 404),
        Arguments.of("CT/frames/1,x", 400),
        Arguments.of("CT/frames/-1", 400),
        Arguments.of("CT/rendered?viewport=0,0", 400),
        Arguments.of("CT/rendered?viewport=99999999,1", 400),
        Arguments.of("CT/rendered?viewport=64,64,100,100,50,50", 400),
        Arguments.of("CT/rendered?viewport=64,64,-1,0,,", 400),
        Arguments.of("CT/rendered?viewport=64,64,200,0,,", 400),
        Arguments.of("CT/rendered?viewport=64,64,0,0,x,", 400),
        Arguments.of("CT/rendered?viewport=1,2,3", 400),
        Arguments.of("CT/rendered?iccprofile=bogus", 400),
        Arguments.of("CT/rendered?window=abc,1", 400),
        Arguments.of("CT/rendered?window=40,-1", 400),
        Arguments.of("CT/rendered?window=40,NaN", 400),
        Arguments.of("CT/rendered?quality=1000", 400),
        Arguments.of("CT/bulkdata/zzzz", 400),
        Arguments.of("CT/bulkdata/7FE00020", 404),
        Arguments.of("CT/unknown", 404),
        Arguments.of("/wado?requestType=WADO", 400),
        Arguments.of("/wado?requestType=WADO&studyUID=1&seriesUID=2&objectUID=x", 400),
        Arguments.of("/wado?requestType=WADO&studyUID=1&seriesUID=2&objectUID=3", 404));
  }

  @ParameterizedTest(name = "GET {0} → {1}")
  @MethodSource("gets")
  void badRequests(String path, int status) throws Exception {
    String p = path.replace("STUDY", study).replaceFirst("^CT", ctPath);
    HttpResponse<byte[]> r = srv.get(p);
    assertThat(r.statusCode()).as(p + ": " + new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(status);
    if (status != 404 || !p.equals("/nothing")) {
      assertThat(r.headers().firstValue("Content-Type").orElse("")).as(p).containsAnyOf("json", "text/html");
    }
    stillServing();
  }

  @Test
  void wrongAcceptHeadersAre406() throws Exception {
    assertThat(srv.get("/studies", "Accept", "application/xml").statusCode()).isEqualTo(406);
    assertThat(srv.get(ctPath, "Accept", "application/zip").statusCode()).isEqualTo(406);
    assertThat(srv.get(ctPath + "/rendered", "Accept", "image/gif").statusCode()).isEqualTo(406);
    assertThat(srv.get(ctPath + "/metadata", "Accept", "application/dicom").statusCode()).isEqualTo(406);
    assertThat(srv.get(ctPath + "/frames/1", "Accept", "multipart/related; type=\"application/octet-stream\"; transfer-syntax=1.2.840.10008.1.2.4.50").statusCode())
        .isEqualTo(200); // native frames are sent as they are, whatever syntax is asked
    stillServing();
  }

  @Test
  void methodsOtherThanGetAndPost() throws Exception {
    // DELETE is for a study or a series (DicomWeb.deleteStudy); elsewhere 405; an unknown study 404.
    var r = srv.http.send(HttpRequest.newBuilder(URI.create(srv.base + "/studies/" + study + "/metadata")).DELETE().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(405);
    var unknown = srv.http.send(HttpRequest.newBuilder(URI.create(srv.base + "/studies/1.2.3.999")).DELETE().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(unknown.statusCode()).isEqualTo(404);
    var put = srv.http.send(HttpRequest.newBuilder(URI.create(srv.base + "/studies")).PUT(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(put.statusCode()).isEqualTo(405);
    stillServing();
  }

  @Test
  void aHugeLimitIsCutDownWithAWarning() throws Exception {
    HttpResponse<byte[]> r = srv.get("/studies?limit=100000");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Warning").orElseThrow()).contains("at most 100");
  }

  @Test
  void chunkedUploadOverTheLimitAndAClientThatHangsUp() throws Exception {
    // Chunked (no Content-Length): the limit is found while reading.
    HttpResponse<byte[]> r = srv.http.send(HttpRequest.newBuilder(URI.create(srv.base + "/studies")).header("Content-Type", DICOM)
        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(partUnchecked(new byte[3 << 20])))).build(),
        HttpResponse.BodyHandlers.ofByteArray());
    assertThat(r.statusCode()).isEqualTo(413);
    // A client that sends half a body and goes away.
    URI u = URI.create(srv.base);
    try (Socket s = new Socket(u.getHost(), u.getPort())) {
      OutputStream out = s.getOutputStream();
      out.write(bytes("POST /dicomweb/studies HTTP/1.1\r\nHost: x\r\nContent-Type: " + DICOM + "\r\nContent-Length: 100000\r\n\r\n--BB\r\nContent-Type: application/dicom\r\n\r\nDICM"));
      out.flush();
    }
    // A retrieve abandoned midway.
    try (Socket s = new Socket(u.getHost(), u.getPort())) {
      s.getOutputStream().write(bytes("GET /dicomweb" + ctPath + " HTTP/1.1\r\nHost: x\r\n\r\n"));
      InputStream in = s.getInputStream();
      in.readNBytes(100);
    }
    stillServing();
  }

  static byte[] partUnchecked(byte[] b) {
    try {
      return part(b);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  void stillServing() throws Exception {
    assertThat(srv.get("http://" + URI.create(srv.base).getAuthority() + "/health").statusCode()).isEqualTo(200);
    HttpResponse<byte[]> r = srv.get(ctPath, "Accept", "multipart/related; type=\"application/dicom\"; transfer-syntax=*");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(TestServer.parts(r)).singleElement().satisfies(p -> assertThat(p).isEqualTo(Files.readAllBytes(CT)));
  }
}
