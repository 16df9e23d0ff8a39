package org.linnea.dicom.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every real sample file read and written back in its own transfer syntax is byte-identical. */
class RoundTripTest {

  /** Files that are not well-formed, so their bytes cannot come back unchanged, and why. */
  static final Map<String, String> NOT_WELL_FORMED = Map.of(
      "MR_truncated.dcm", "pixel data cut short",
      "rtplan_truncated.dcm", "truncated in the middle of a sequence",
      "image_dfl.dcm", "deflate output differs between compressors (values compared in TranscodeTest)",
      "chrJapMulti.dcm", "(0010,0000) group length says 106, the group has 128 bytes",
      "chrKoreanMulti.dcm", "(0010,0000) group length does not match its group",
      "693_J2KI.dcm", "(0008,0000) group length does not match its group",
      "SC_rgb_jpeg.dcm", "implicit VR elements inside an explicit VR dataset (dcmdump cannot read it either)",
      "meta_missing_tsyntax.dcm", "odd-length value, padded when written",
      "nested_priv_SQ.dcm", "odd-length value, padded when written",
      "no_meta.dcm", "a stray byte before the first element (pydicom and dcmdump cannot read it either)");

  static Stream<Path> files() {
    return SampleFiles.pydicom().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("files")
  void readsAndWritesBackIdentically(Path file) throws Exception {
    String name = file.getFileName().toString();
    DicomFile df;
    try {
      df = DicomReader.readFile(file);
    } catch (DicomParseException e) {
      assertThat(NOT_WELL_FORMED).as("only known-broken files may fail to parse: " + e.getMessage()).containsKey(name);
      return;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] original = Files.readAllBytes(file);
    try (DicomWriter w = new DicomWriter(out)) {
      if (df.preamble() == null) {
        // No preamble in the original: compare the dataset part, which is what was there.
        w.writeDataset(df.dataset(), df.transferSyntax());
        original = Arrays.copyOfRange(original, (int) df.datasetOffset(), original.length);
      } else {
        w.writeFile(df.preamble(), df.fileMeta(), df.dataset(), df.transferSyntax());
      }
    }
    byte[] written = out.toByteArray();
    if (NOT_WELL_FORMED.containsKey(name)) {
      return;
    }
    if (!Arrays.equals(original, written)) {
      int i = Arrays.mismatch(original, written);
      throw new AssertionError(name + ": first difference at byte " + i + " of " + original.length + " (written " + written.length + ")");
    }
  }
}
