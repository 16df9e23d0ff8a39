package org.linnea.dicom.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import org.linnea.dicom.data.Dataset;

/**
 * Coverage-guided fuzzing of the DICOM JSON reader (PS3.18 Annex F), the parser behind STOW-RS
 * of JSON metadata and {@code ./linnea json}. A normal test run replays the committed corpus in
 * {@code src/test/resources/org/linnea/dicom/json/DicomJsonReaderFuzzTestInputs}; the module's
 * {@code fuzz} execution ({@code JAZZER_FUZZ=1}) searches for 10 s. The only acceptable failure is
 * {@link DicomJsonException}; whatever is read must be written as JSON and read back to as many
 * datasets.
 */
class DicomJsonReaderFuzzTest {

  @FuzzTest(maxDuration = "10s")
  void readAll(byte[] input) throws IOException {
    List<Dataset> read;
    try {
      read = new DicomJsonReader().readAll(new ByteArrayInputStream(input));
    } catch (DicomJsonException expected) {
      return;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new DicomJsonWriter().writeArray(out, read, false);
    List<Dataset> again = new DicomJsonReader().readAll(new ByteArrayInputStream(out.toByteArray()));
    assertThat(again).hasSameSizeAs(read);
  }
}
