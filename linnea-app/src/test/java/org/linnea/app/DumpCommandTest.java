package org.linnea.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DumpCommandTest {
  static final String CT = "/usr/lib/python3/dist-packages/pydicom/data/test_files/CT_small.dcm";

  final ByteArrayOutputStream out = new ByteArrayOutputStream();
  final ByteArrayOutputStream err = new ByteArrayOutputStream();
  PrintStream oldOut;
  PrintStream oldErr;

  @BeforeEach
  void capture() {
    oldOut = System.out;
    oldErr = System.err;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @AfterEach
  void restore() {
    System.setOut(oldOut);
    System.setErr(oldErr);
  }

  @Test
  void printsTagVrValueAndKeyword() {
    assertThat(Main.run("dump", CT)).isZero();
    String text = out.toString(StandardCharsets.UTF_8);
    assertThat(text).contains("# Dicom-Meta-Information-Header");
    assertThat(text).containsPattern("\\(0010,0010\\) PN \\[CompressedSamples\\^CT1\\] +# +22, 1 PatientName");
    assertThat(text).contains("(7fe0,0010) OW (not loaded: 32768 bytes at offset");
  }

  @Test
  void badInputsGetOneLineEachAndANonZeroStatus(@TempDir Path dir) throws Exception {
    Path text = Files.writeString(dir.resolve("notes.txt"), "this is not DICOM at all, just some text\n");
    int status = Main.run("dump", dir.resolve("missing.dcm").toString(), dir.toString(), text.toString(), CT);
    assertThat(status).isEqualTo(1);
    String[] lines = err.toString(StandardCharsets.UTF_8).strip().split("\n");
    assertThat(lines).hasSize(3);
    assertThat(lines[0]).contains("missing.dcm: no such file");
    assertThat(lines[1]).contains("is a directory");
    assertThat(lines[2]).contains("notes.txt: not a readable DICOM file");
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("CompressedSamples^CT1");
  }

  @Test
  void helpListsTheCommands() {
    assertThat(Main.run("--help")).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("dump");
  }
}
