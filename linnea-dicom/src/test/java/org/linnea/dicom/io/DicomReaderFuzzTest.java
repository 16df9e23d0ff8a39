package org.linnea.dicom.io;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

/**
 * Coverage-guided fuzzing of the Part 10 reader (Jazzer). In a normal test run it replays the
 * committed corpus in {@code src/test/resources/org/linnea/dicom/io/DicomReaderFuzzTestInputs};
 * with {@code JAZZER_FUZZ=1} (the {@code fuzz} execution of this module's build, bounded in
 * time) it searches for new inputs. The only acceptable failure is {@link DicomParseException};
 * whatever is read must be writable and readable again.
 */
class DicomReaderFuzzTest {

  @FuzzTest(maxDuration = "30s")
  void readFile(byte[] input) throws IOException {
    DicomFile df;
    try {
      df = DicomReader.open(new ByteArrayInputStream(input)).readFile(ReadOptions.DEFAULT.withMaxValueLength(1 << 22));
    } catch (DicomParseException expected) {
      return;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new DicomWriter(out).writeDataset(df.dataset(), TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
    new DicomWriter(new ByteArrayOutputStream()).writeDataset(df.dataset(), TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN);
    new DicomWriter(new ByteArrayOutputStream()).writeDataset(df.dataset(), TransferSyntax.EXPLICIT_VR_BIG_ENDIAN);
    DicomReader.open(new ByteArrayInputStream(out.toByteArray())).readDataset(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, ReadOptions.DEFAULT);
  }
}
