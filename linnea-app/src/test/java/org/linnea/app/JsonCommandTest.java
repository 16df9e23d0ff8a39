package org.linnea.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.linnea.dicom.Tag;
import org.linnea.dicom.data.BulkData;
import org.linnea.dicom.data.Dataset;
import org.linnea.dicom.json.DicomJsonReader;

class JsonCommandTest {
  static final Path TEST_FILES = Path.of("/usr/lib/python3/dist-packages/pydicom/data/test_files");

  record Run(int status, String out, String err) {}

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new Run(status, out.toString(), err.toString());
  }

  @Test
  void printsTheDatasetWithPixelDataAsAFileRange() throws Exception {
    Path file = TEST_FILES.resolve("CT_small.dcm");
    Run r = run("json", file.toString());
    assertThat(r.status()).isZero();
    assertThat(r.err()).isEmpty();
    assertThat(r.out()).startsWith("{\n").contains("\"00100010\" : {").doesNotContain("\"00020010\"");
    Dataset ds = new DicomJsonReader().bulkDataResolver(DicomJsonReader::fileRanges).read(r.out());
    assertThat(ds.getString(Tag.PatientName)).contains("CompressedSamples^CT1");
    BulkData pixels = ds.getBulkData(Tag.PixelData).orElseThrow();
    assertThat(pixels.file()).isEqualTo(file);
    assertThat(pixels.length()).isEqualTo(32768);
    assertThat(Files.size(file)).isGreaterThanOrEqualTo(pixels.offset() + pixels.length());
  }

  @Test
  void severalFilesGiveAnArray() throws Exception {
    Run r = run("json", "--compact", TEST_FILES.resolve("CT_small.dcm").toString(), TEST_FILES.resolve("rtplan.dcm").toString());
    assertThat(r.status()).isZero();
    assertThat(r.out()).startsWith("[{");
    List<Dataset> all = new DicomJsonReader().readAll(r.out());
    assertThat(all).hasSize(2);
    assertThat(all.get(1).getString(Tag.Modality)).contains("RTPLAN");
    assertThat(run("json", "--array", TEST_FILES.resolve("CT_small.dcm").toString()).out()).startsWith("[ {");
  }

  @Test
  void filesThatCannotBeReadAreReportedOnOneLine(@TempDir Path dir) throws Exception {
    Path text = Files.writeString(dir.resolve("notes.txt"), "these are not the pixels you are looking for\n");
    Path missing = dir.resolve("missing.dcm");
    Run r = run("json", missing.toString());
    assertThat(r.status()).isEqualTo(1);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).isEqualTo("linnea: " + missing + ": not a DICOM file (no such file)\n");
    r = run("json", dir.toString());
    assertThat(r.status()).isEqualTo(1);
    assertThat(r.err()).isEqualTo("linnea: " + dir + ": not a DICOM file (a directory)\n");
    r = run("json", text.toString());
    assertThat(r.status()).isEqualTo(1);
    assertThat(r.err()).startsWith("linnea: " + text + ": not a DICOM file (").endsWith(")\n").hasLineCount(1);
    // the readable files still come out, as valid JSON
    r = run("json", text.toString(), TEST_FILES.resolve("rtplan.dcm").toString());
    assertThat(r.status()).isEqualTo(1);
    assertThat(new DicomJsonReader().readAll(r.out())).hasSize(1);
  }

  @Test
  void helpExplainsTheChoices() {
    Run r = run("json", "--help");
    assertThat(r.status()).isZero();
    assertThat(r.out()).contains("JSON array").contains("BulkDataURI").contains("--bulk-data");
  }
}
