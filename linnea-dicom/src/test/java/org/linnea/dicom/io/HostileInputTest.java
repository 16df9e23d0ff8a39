package org.linnea.dicom.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.linnea.dicom.Tag;
import org.linnea.dicom.VR;
import org.linnea.dicom.data.Dataset;

/**
 * Malformed, truncated and hostile byte streams give a {@link DicomParseException} naming the
 * offset and tag — never an OutOfMemoryError, an endless loop or a stack overflow.
 */
@Timeout(60)
class HostileInputTest {

  static final Path CT = SampleFiles.PYDICOM.resolve("test_files/CT_small.dcm");

  static Dataset read(byte[] bytes, TransferSyntax ts) throws IOException {
    return DicomReader.open(new ByteArrayInputStream(bytes)).readDataset(ts, ReadOptions.DEFAULT);
  }

  /** Explicit VR little endian element header. */
  static byte[] header(int tag, String vr, long length) {
    boolean longHeader = VR.valueOf(vr).hasLongHeader();
    byte[] b = new byte[longHeader ? 12 : 8];
    b[0] = (byte) (tag >>> 16);
    b[1] = (byte) (tag >>> 24);
    b[2] = (byte) tag;
    b[3] = (byte) (tag >>> 8);
    b[4] = (byte) vr.charAt(0);
    b[5] = (byte) vr.charAt(1);
    if (longHeader) {
      for (int i = 0; i < 4; i++) b[8 + i] = (byte) (length >>> (8 * i));
    } else {
      b[6] = (byte) length;
      b[7] = (byte) (length >>> 8);
    }
    return b;
  }

  static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) out.writeBytes(p);
    return out.toByteArray();
  }

  static byte[] item(long length) {
    return new byte[] {(byte) 0xFE, (byte) 0xFF, 0x00, (byte) 0xE0, (byte) length, (byte) (length >>> 8), (byte) (length >>> 16), (byte) (length >>> 24)};
  }

  @Test
  void lengthOfFourGibibytesInAStreamFailsAtEndOfDataWithoutAllocatingIt() {
    byte[] bytes = concat(header(Tag.PixelData, "OB", 0xFFFFFFFEL), new byte[100]);
    assertThatThrownBy(() -> read(bytes, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN))
        .isInstanceOf(DicomParseException.class)
        .hasMessageContaining("larger than the in-memory limit")
        .hasMessageContaining("(7FE0,0010)");
  }

  @Test
  void lengthBeyondTheStreamIsATruncatedValue() {
    byte[] bytes = concat(header(Tag.PatientComments, "LT", 1000), new byte[10]);
    assertThatThrownBy(() -> read(bytes, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN))
        .isInstanceOf(DicomParseException.class)
        .hasMessageContaining("truncated value")
        .hasMessageContaining("byte offset 8");
  }

  @Test
  void lengthBeyondTheFileIsRefusedBeforeReading(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("big.dcm");
    Files.write(f, concat(new byte[128], "DICM".getBytes(), header(Tag.PixelData, "OB", 0x7FFFFFF0L), new byte[16]));
    assertThatThrownBy(() -> DicomReader.readFile(f))
        .isInstanceOf(DicomParseException.class)
        .hasMessageContaining("exceeds the end of the file");
  }

  @Test
  void sequencesNestedThousandsDeepAreRefused() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < 5000; i++) {
      out.writeBytes(header(Tag.ReferencedImageSequence, "SQ", 0xFFFFFFFFL));
      out.writeBytes(item(0xFFFFFFFFL));
    }
    byte[] bytes = out.toByteArray();
    assertThatThrownBy(() -> read(bytes, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN))
        .isInstanceOf(DicomParseException.class)
        .hasMessageContaining("nested deeper than 64");
  }

  @Test
  void itemLongerThanItsSequenceIsRefused() {
    byte[] bytes = concat(header(Tag.ReferencedImageSequence, "SQ", 16), item(1000), new byte[8]);
    assertThatThrownBy(() -> read(bytes, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN))
        .isInstanceOf(DicomParseException.class)
        .hasMessageContaining("item length 1000 exceeds its sequence")
        .hasMessageContaining("(0008,1140)");
  }

  @Test
  void missingSequenceDelimiterIsATruncatedSequence() {
    byte[] bytes = concat(header(Tag.ReferencedImageSequence, "SQ", 0xFFFFFFFFL), item(0));
    assertThatThrownBy(() -> read(bytes, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN))
        .isInstanceOf(DicomParseException.class)
        .hasMessageContaining("truncated sequence");
  }

  @Test
  void oddLengthsAreReadAsTheyAre() throws IOException {
    byte[] bytes = concat(header(Tag.PatientName, "PN", 3), "Doe".getBytes());
    Dataset ds = read(bytes, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
    assertThat(ds.getString(Tag.PatientName)).contains("Doe");
  }

  @Test
  void emptyAndTinyInputsAreNotDicom() {
    assertThatThrownBy(() -> DicomReader.open(new ByteArrayInputStream(new byte[0])).readFile(ReadOptions.DEFAULT))
        .isInstanceOf(DicomParseException.class).hasMessageContaining("empty input");
    assertThatThrownBy(() -> DicomReader.open(new ByteArrayInputStream(new byte[] {1, 2, 3})).readFile(ReadOptions.DEFAULT))
        .isInstanceOf(DicomParseException.class).hasMessageContaining("not a DICOM file");
  }

  @Test
  void everyTruncationOfARealFileFailsCleanlyOrReadsAPrefix() throws IOException {
    byte[] full = Files.readAllBytes(CT);
    for (int n = 0; n < full.length; n += (n < 2000 ? 1 : 97)) {
      byte[] cut = Arrays.copyOf(full, n);
      try {
        DicomReader.open(new ByteArrayInputStream(cut)).readFile(ReadOptions.DEFAULT);
      } catch (DicomParseException e) {
        assertThat(e.offset()).as("offset of the problem in a %d-byte prefix", n).isBetween(0L, (long) n);
      }
    }
  }

  @Test
  void randomCorruptionOfRealFilesNeverEscapesAsAnotherException() throws IOException {
    Random random = new Random(20261129);
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    int runs = 0;
    var files = SampleFiles.pydicom().stream().filter(p -> p.toFile().length() < 200_000).toList();
    while (System.nanoTime() < deadline) {
      byte[] b = Files.readAllBytes(files.get(random.nextInt(files.size())));
      int flips = 1 + random.nextInt(8);
      for (int i = 0; i < flips; i++) {
        int at = random.nextInt(Math.min(b.length, 4096));
        b[at] = (byte) (random.nextInt(4) == 0 ? 0xFF : random.nextInt(256));
      }
      try {
        DicomFile df = DicomReader.open(new ByteArrayInputStream(b)).readFile(ReadOptions.DEFAULT.withMaxValueLength(1 << 24));
        // Whatever was read can be written out again.
        new DicomWriter(new ByteArrayOutputStream()).writeDataset(df.dataset(), TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
      } catch (DicomParseException expected) {
        // the only acceptable failure
      }
      runs++;
    }
    assertThat(runs).isGreaterThan(100);
  }
}
