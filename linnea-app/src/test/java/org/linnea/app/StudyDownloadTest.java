package org.linnea.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.linnea.app.config.Configuration;
import org.linnea.index.InstanceLocation;
import org.linnea.index.Level;

/**
 * {@code GET /api/studies/{uid}/download.zip}: the zip holds every object of the study byte for
 * byte as stored, and a DICOMDIR that DCMTK's dcmdump and pydicom's FileSet (which follows the
 * record offsets) both read, listing exactly those files.
 */
class StudyDownloadTest {
  @TempDir Path dir;

  @Test
  void studyAsZipWithDicomdir() throws Exception {
    Configuration config = Configuration.load(Optional.empty(), Map.of("LINNEA_STORAGE_PATH", dir.resolve("data").toString(),
        "LINNEA_HTTP_PORT", "0", "LINNEA_HTTP_BIND_ADDRESS", "127.0.0.1", "LINNEA_DICOM_PORT", "0", "LINNEA_DICOM_BIND_ADDRESS", "127.0.0.1"));
    try (Node node = Node.start(config)) {
      ViewerData.load(node.archive(), 12);
      String base = "http://127.0.0.1:" + node.httpPort();
      HttpClient http = HttpClient.newHttpClient();
      URI zipUri = URI.create(base + "/api/studies/" + ViewerData.CT_STUDY + "/download.zip");
      assertThat(http.send(HttpRequest.newBuilder(zipUri).build(), HttpResponse.BodyHandlers.discarding()).statusCode())
          .as("without credentials").isEqualTo(401);
      String login = "{\"username\":\"" + Node.INITIAL_ADMINISTRATOR + "\",\"password\":\"" + new String(node.initialPassword().orElseThrow()) + "\"}";
      HttpResponse<String> signedIn = http.send(HttpRequest.newBuilder(URI.create(base + "/api/login")).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(login)).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(signedIn.statusCode()).isEqualTo(200);
      String token = new com.fasterxml.jackson.databind.ObjectMapper().readTree(signedIn.body()).path("token").asText();
      HttpResponse<InputStream> res = http.send(HttpRequest.newBuilder(zipUri).header("Authorization", "Bearer " + token).build(),
          HttpResponse.BodyHandlers.ofInputStream());
      assertThat(res.statusCode()).isEqualTo(200);
      assertThat(res.headers().firstValue("content-type")).hasValue("application/zip");
      assertThat(res.headers().firstValue("content-disposition")).hasValueSatisfying(v -> assertThat(v).contains("attachment"));
      Path out = dir.resolve("unzipped");
      List<String> names = new ArrayList<>();
      try (ZipInputStream zip = new ZipInputStream(res.body())) {
        for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
          names.add(e.getName());
          Path f = out.resolve(e.getName());
          Files.createDirectories(f.getParent());
          Files.copy(zip, f);
        }
      }
      assertThat(names).contains("DICOMDIR", "DICOM/SE0001/IM000001").hasSize(13);
      for (String n : names) {
        for (String c : n.split("/")) assertThat(c).matches("[A-Z0-9_]{1,8}");
      }

      // Every object as stored.
      List<InstanceLocation> stored = node.archive().retrieve().locate(Level.STUDY, ViewerData.CT_STUDY);
      assertThat(stored).hasSize(12);

      Tools.Result dump = Tools.run("dcmdump", "-q", out.resolve("DICOMDIR").toString());
      assertThat(dump.exitCode()).as(dump.output()).isZero();
      assertThat(dump.output()).contains("MediaStorageDirectoryStorage").contains("PATIENT").contains("STUDY").contains("SERIES")
          .contains("VWR-CT-1").contains("[DICOM\\SE0001\\IM000001]");
      assertThat(dump.output().split("\\(0004,1430\\)", -1)).hasSize(1 + 3 + 12);

      // pydicom follows the offsets of the records: a wrong one fails to load, or loses records.
      Path script = dir.resolve("fileset.py");
      Files.writeString(script, String.join("\n",
          "import sys, pydicom",
          "from pydicom.fileset import FileSet",
          "fs = FileSet(pydicom.dcmread(sys.argv[1]))",
          "for inst in fs:",
          "    ds = inst.load()",
          "    assert ds.SOPInstanceUID == inst.SOPInstanceUID, inst.path",
          "    print(inst.PatientID, inst.StudyInstanceUID, inst.SeriesInstanceUID, inst.SOPInstanceUID)",
          ""));
      Tools.Result py = Tools.run("/usr/bin/python3", script.toString(), out.resolve("DICOMDIR").toString());
      assertThat(py.exitCode()).as(py.output()).isZero();
      List<String> lines = py.output().lines().filter(l -> l.startsWith("VWR-CT-1 ")).toList();
      assertThat(lines).hasSize(12);
      for (InstanceLocation l : stored) {
        assertThat(lines).anyMatch(s -> s.endsWith(" " + l.sopInstanceUid()));
        try (InputStream in = node.archive().retrieve().openObject(l)) {
          byte[] want = in.readAllBytes();
          assertThat(names.stream().map(out::resolve).anyMatch(p -> {
            try {
              return !p.endsWith("DICOMDIR") && java.util.Arrays.equals(Files.readAllBytes(p), want);
            } catch (java.io.IOException e) {
              throw new java.io.UncheckedIOException(e);
            }
          })).isTrue();
        }
      }

      HttpResponse<String> missing = http.send(HttpRequest.newBuilder(URI.create(base + "/api/studies/1.2.3.4/download.zip")).header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(missing.statusCode()).isEqualTo(404);
      assertThat(missing.body()).contains("no study 1.2.3.4");
      HttpResponse<String> bad = http.send(HttpRequest.newBuilder(URI.create(base + "/api/studies/x;y/download.zip")).header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(bad.statusCode()).isEqualTo(400);

      // The viewer's files: the page with its policy, modules with a validator, 304 on a match.
      HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(base + "/")).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(page.statusCode()).isEqualTo(200);
      assertThat(page.headers().firstValue("content-security-policy")).hasValueSatisfying(v -> assertThat(v).contains("script-src 'self'"));
      assertThat(page.body()).contains("<script type=\"module\" src=\"/ui/main.js\"></script>").doesNotContain("style=");
      HttpResponse<String> js = http.send(HttpRequest.newBuilder(URI.create(base + "/ui/viewer.js")).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(js.headers().firstValue("content-type")).hasValue("text/javascript; charset=utf-8");
      String etag = js.headers().firstValue("etag").orElseThrow();
      HttpResponse<String> again = http.send(HttpRequest.newBuilder(URI.create(base + "/ui/viewer.js")).header("If-None-Match", etag).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(again.statusCode()).isEqualTo(304);
      assertThat(http.send(HttpRequest.newBuilder(URI.create(base + "/ui/nothing.js")).build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(404);
      assertThat(http.send(HttpRequest.newBuilder(URI.create(base + "/ui/..%2Fpom.xml")).build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isIn(400, 404);
    }
  }
}
