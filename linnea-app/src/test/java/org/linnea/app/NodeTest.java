package org.linnea.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.linnea.app.config.Configuration;
import org.linnea.dicom.Tag;
import org.linnea.index.Level;
import org.linnea.index.Query;
import picocli.CommandLine;

class NodeTest {
  @TempDir Path dir;

  static final Path PYDICOM = Path.of("/usr/lib/python3/dist-packages/pydicom/data/test_files");

  Configuration config() {
    return Configuration.load(Optional.empty(), Map.of("LINNEA_STORAGE_PATH", dir.resolve("data").toString(), "LINNEA_HTTP_PORT", "0",
        "LINNEA_HTTP_BIND_ADDRESS", "127.0.0.1", "LINNEA_REMOTE_AES", "STORESCP@127.0.0.1:11113", "LINNEA_DICOM_PORT", "0",
        "LINNEA_DICOM_BIND_ADDRESS", "127.0.0.1"));
  }

  @Test
  void healthAndRemoteAeAdministration() throws Exception {
    try (Node node = Node.start(config())) {
      HttpClient http = HttpClient.newHttpClient();
      String base = "http://127.0.0.1:" + node.httpPort();
      String auth = "Bearer " + Http.adminToken(node);
      HttpResponse<String> h = http.send(HttpRequest.newBuilder(URI.create(base + "/health")).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(h.statusCode()).isEqualTo(200);
      assertThat(h.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
      assertThat(h.body()).contains("\"status\" : \"UP\"").contains("\"dialect\" : \"H2\"");

      HttpResponse<String> list = http.send(HttpRequest.newBuilder(URI.create(base + "/admin/remote-aes")).header("Authorization", auth).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(list.body()).contains("STORESCP").contains("11113");
      HttpResponse<String> put = http.send(HttpRequest.newBuilder(URI.create(base + "/admin/remote-aes/VIEWER")).header("Authorization", auth)
          .PUT(HttpRequest.BodyPublishers.ofString("{\"host\": \"127.0.0.1\", \"port\": 104}")).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(put.statusCode()).isEqualTo(201);
      assertThat(node.remoteAes().get("VIEWER")).isPresent();
      // The DICOM door still answers after taking the change.
      assertThat(Tools.run("echoscu", "-aec", "LINNEA", "127.0.0.1", Integer.toString(node.dicomPort())).exitCode()).isZero();
      HttpResponse<String> bad = http.send(HttpRequest.newBuilder(URI.create(base + "/admin/remote-aes/VIEWER")).header("Authorization", auth)
          .PUT(HttpRequest.BodyPublishers.ofString("{\"host\": \"127.0.0.1\", \"port\": 99999}")).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(bad.statusCode()).isEqualTo(400);
      HttpResponse<String> del = http.send(HttpRequest.newBuilder(URI.create(base + "/admin/remote-aes/VIEWER")).header("Authorization", auth).DELETE().build(), HttpResponse.BodyHandlers.ofString());
      assertThat(del.statusCode()).isEqualTo(204);
      assertThat(node.remoteAes().get("VIEWER")).isEmpty();
      HttpResponse<String> missing = http.send(HttpRequest.newBuilder(URI.create(base + "/nothing")).header("Authorization", auth).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(missing.statusCode()).isEqualTo(404);
    }
  }

  int run(String... args) {
    Map<String, String> env = Map.of("LINNEA_STORAGE_PATH", dir.resolve("data").toString());
    CommandLine cli = new CommandLine(new Main());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    cli.setOut(new java.io.PrintWriter(out, true));
    cli.setErr(new java.io.PrintWriter(out, true));
    // The commands read the environment; tests pass the storage path with --config instead.
    try {
      Path cfg = dir.resolve("linnea.yaml");
      Files.writeString(cfg, "storage:\n  path: " + dir.resolve("data") + "\nlimits:\n  workerThreads: 2\n");
      String[] full = new String[args.length + 2];
      System.arraycopy(args, 0, full, 0, args.length);
      full[args.length] = "--config";
      full[args.length + 1] = cfg.toString();
      int rc = cli.execute(full);
      lastOutput = out.toString();
      System.out.println(String.join(" ", args) + " -> " + rc + "\n" + lastOutput);
      return rc;
    } catch (IOException e) {
      throw new RuntimeException(e);
    }
  }

  String lastOutput;

  @Test
  void serveMountsDicomWebWithTheConfiguredLimitAndCors() throws Exception {
    Configuration c = Configuration.load(Optional.empty(), Map.of("LINNEA_STORAGE_PATH", dir.resolve("web").toString(), "LINNEA_HTTP_PORT", "0",
        "LINNEA_HTTP_BIND_ADDRESS", "127.0.0.1", "LINNEA_WEB_MAX_UPLOAD_BYTES", "1000", "LINNEA_WEB_CORS_ALLOWED_ORIGINS", "http://ohif.test:3000"));
    assertThat(c.webMaxUploadBytes()).isEqualTo(1000);
    try (Node node = Node.start(c)) {
      HttpClient http = HttpClient.newHttpClient();
      String base = "http://127.0.0.1:" + node.httpPort();
      String auth = "Bearer " + Http.adminToken(node);
      HttpResponse<String> q = http.send(HttpRequest.newBuilder(URI.create(base + "/dicomweb/studies")).header("Origin", "http://ohif.test:3000")
          .header("Authorization", auth).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(q.statusCode()).isEqualTo(200);
      assertThat(q.body()).isEqualTo("[]");
      assertThat(q.headers().firstValue("Access-Control-Allow-Origin")).hasValue("http://ohif.test:3000");
      HttpResponse<String> big = http.send(HttpRequest.newBuilder(URI.create(base + "/dicomweb/studies")).header("Authorization", auth)
          .header("Content-Type", "multipart/related; type=\"application/dicom\"; boundary=x").POST(HttpRequest.BodyPublishers.ofByteArray(new byte[2000])).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(big.statusCode()).isEqualTo(413);
      assertThat(http.send(HttpRequest.newBuilder(URI.create(base + "/health")).build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void importFoldersZipsAndDicomdirThenVerifyFindsTampering() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(PYDICOM), "pydicom test files absent (python3-pydicom)");
    // A zip with two files.
    Path zip = dir.resolve("two.zip");
    try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(zip))) {
      for (String n : new String[] {"CT_small.dcm", "rtplan.dcm"}) {
        z.putNextEntry(new ZipEntry("inner/" + n));
        z.write(Files.readAllBytes(PYDICOM.resolve(n)));
        z.closeEntry();
      }
    }
    assertThat(run("import", zip.toString())).isZero();
    assertThat(lastOutput).contains("2 stored");
    assertThat(run("import", PYDICOM.resolve("dicomdirtests/DICOMDIR").toString())).isZero();
    assertThat(lastOutput).contains("31 stored");
    // A folder (with DICOMDIR inside, skipped; its files were imported above: identical).
    assertThat(run("import", PYDICOM.resolve("dicomdirtests").toString())).isZero();
    assertThat(lastOutput).contains("50 stored").contains("31 already there").contains("5 DICOMDIR files skipped").contains("0 failed");
    assertThat(run("verify")).isZero();
    assertThat(lastOutput).contains("OK");

    // Tamper with one object on disk: verify names it and fails.
    Path objects = dir.resolve("data/store/objects");
    Path victim;
    try (var s = Files.walk(objects)) {
      victim = s.filter(Files::isRegularFile).findFirst().orElseThrow();
    }
    try (RandomAccessFile f = new RandomAccessFile(victim.toFile(), "rw")) {
      f.seek(200);
      int b = f.read();
      f.seek(200);
      f.write(b ^ 1);
    }
    assertThat(run("verify")).isEqualTo(1);
    assertThat(lastOutput).contains("CHANGED " + victim).contains("PROBLEMS FOUND");

    // Reindex from the store alone (the changed object is reindexed under its new content).
    Files.delete(victim);
    assertThat(run("reindex")).as(() -> lastOutput).isZero();
    assertThat(lastOutput).contains("82 objects, 82 indexed, 0 not indexable");
    try (var a = Node.openArchive(Configuration.load(Optional.empty(), Map.of("LINNEA_STORAGE_PATH", dir.resolve("data").toString())))) {
      assertThat(a.query().query(Query.of(Level.IMAGE, 1).returning(Tag.SOPClassUID))).hasSize(82);
    }
  }

  @Test
  void deleteAndRestoreDeletedOnAStoppedNode() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(PYDICOM), "pydicom test files absent (python3-pydicom)");
    String mr = "1.3.6.1.4.1.5962.1.2.4.20040826185059.5457";
    assertThat(run("import", PYDICOM.resolve("CT_small.dcm").toString(), PYDICOM.resolve("MR_small.dcm").toString())).isZero();
    assertThat(run("delete", "--study", mr)).isEqualTo(2);
    assertThat(lastOutput).contains("--yes");
    assertThat(run("delete", "--study", mr, "--org", "elsewhere", "--yes")).isEqualTo(1);
    assertThat(run("delete", "--study", mr, "--yes")).as(() -> lastOutput).isZero();
    assertThat(lastOutput).contains("1 instances").contains("restore-deleted");
    assertThat(run("delete", "--study", mr, "--yes")).isEqualTo(1);
    // The trash is neither missing nor unindexed to verify; a reindex does not bring the study back.
    assertThat(run("verify")).as(() -> lastOutput).isZero();
    assertThat(run("reindex")).as(() -> lastOutput).isZero();
    assertThat(lastOutput).contains("1 objects, 1 indexed");
    assertThat(run("audit", "search", "--study", mr)).isZero();
    assertThat(lastOutput).contains("110105").contains("4MR1");
    assertThat(run("restore-deleted", "--study", mr)).as(() -> lastOutput).isZero();
    assertThat(lastOutput).contains("1 objects of 1 deletion(s)");
    assertThat(run("restore-deleted", "--study", mr)).isEqualTo(1);
    assertThat(run("verify")).as(() -> lastOutput).isZero();
    try (var a = Node.openArchive(Configuration.load(Optional.empty(), Map.of("LINNEA_STORAGE_PATH", dir.resolve("data").toString())))) {
      assertThat(a.query().query(Query.of(Level.STUDY, 1).returning(Tag.StudyInstanceUID))).hasSize(2);
    }
  }
}
