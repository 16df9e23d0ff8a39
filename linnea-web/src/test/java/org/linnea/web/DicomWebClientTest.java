package org.linnea.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A DICOMweb client nobody here wrote: the npm package dicomweb-client (the one OHIF's DICOMweb
 * data source is built on), run by Node against a real Linnea server. It stores CT_small.dcm,
 * searches for studies, retrieves the study's metadata, the instance (compared byte for byte
 * with the file) and its first frame. Installs the package from the committed package-lock.json
 * with {@code npm ci} when node_modules is missing; skipped, saying so, when Node is absent.
 */
class DicomWebClientTest {
  static final Path JS = Path.of("src/test/js");

  @Test
  void dicomwebClientFromNpm(@TempDir Path dir) throws Exception {
    Assumptions.assumeTrue(available("node", "--version"), "node is not installed (apt-get install nodejs npm): the dicomweb-client test is skipped");
    if (!Files.isDirectory(JS.resolve("node_modules/dicomweb-client"))) {
      Assumptions.assumeTrue(available("npm", "--version"), "npm is not installed: the dicomweb-client test is skipped");
      Result ci = run(List.of("npm", "ci", "--no-audit", "--no-fund"), 300);
      assertThat(ci.exit).as("npm ci: " + ci.output).isZero();
    }
    Path ct = TestServer.SAMPLES.resolve("CT_small.dcm");
    try (TestServer srv = new TestServer(dir, DicomWebSettings.DEFAULT)) {
      Result r = run(List.of("node", "client.js", srv.base, ct.toAbsolutePath().toString(), "1CT1"), 120);
      assertThat(r.exit).as(r.output).isZero();
      String last = r.output.strip().lines().reduce((a, b) -> b).orElse("");
      JsonNode j = new ObjectMapper().readTree(last);
      assertThat(j.path("studies").asInt()).isEqualTo(1);
      assertThat(j.path("metadataInstances").asInt()).isEqualTo(1);
      assertThat(j.path("rows").asInt()).isEqualTo(128);
      assertThat(j.path("pixelDataBulkDataURI").asText()).startsWith(srv.base + "/studies/");
      assertThat(j.path("instanceEqualsFile").asBoolean()).as(last).isTrue();
      assertThat(j.path("frames").asInt()).isEqualTo(1);
      assertThat(j.path("frameBytes").asInt()).isEqualTo(128 * 128 * 2);
      assertThat(srv.get("/studies").statusCode()).isEqualTo(200);
    }
  }

  record Result(int exit, String output) {}

  static Result run(List<String> command, int seconds) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).directory(JS.toFile()).redirectErrorStream(true).start();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      return new Result(-1, "timed out: " + new String(out, StandardCharsets.UTF_8));
    }
    return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
  }

  static boolean available(String... command) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }
}
