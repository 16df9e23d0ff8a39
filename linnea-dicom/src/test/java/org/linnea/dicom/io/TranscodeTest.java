package org.linnea.dicom.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.linnea.dicom.data.Dataset;

/**
 * Transcoding among the uncompressed transfer syntaxes preserves every value: each native file
 * is written in every native syntax (and deflate), read back, and compared value by value.
 */
class TranscodeTest {
  static final List<TransferSyntax> NATIVE = List.of(
      TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN,
      TransferSyntax.EXPLICIT_VR_BIG_ENDIAN, TransferSyntax.DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN);

  static Stream<Path> files() throws Exception {
    return SampleFiles.pydicom().stream().filter(p -> {
      try {
        TransferSyntax ts = DicomReader.readFile(p).transferSyntax();
        return ts.isNative() || ts.deflated();
      } catch (Exception e) {
        return false;
      }
    });
  }

  static byte[] littleEndian(Dataset ds, int tag) {
    byte[] b = ds.getBytes(tag).orElse(null);
    if (b == null || !ds.isBigEndian()) return b;
    return org.linnea.dicom.data.Values.swap(b, ds.vr(tag).orElseThrow());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("files")
  void everyNativeSyntaxKeepsEveryValue(Path file) throws Exception {
    Dataset original = DicomReader.readFile(file).dataset();
    for (TransferSyntax ts : NATIVE) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      new DicomWriter(out).writeDataset(original, ts);
      Dataset back = DicomReader.open(new ByteArrayInputStream(out.toByteArray())).readDataset(ts, ReadOptions.DEFAULT);
      for (int i = 0; i < original.size(); i++) {
        int tag = original.tagAt(i);
        String what = org.linnea.dicom.Tags.toString(tag) + " in " + ts;
        assertThat(back.contains(tag)).as(what).isTrue();
        if (org.linnea.dicom.Tags.isGroupLength(tag)) {
          continue; // recomputed: implicit and explicit headers differ in size
        }
        var vr = original.vrAt(i);
        boolean implicitLosesVR = !ts.explicitVR() && (org.linnea.dicom.Tags.isPrivate(tag) || vr.kind() == org.linnea.dicom.VR.Kind.BINARY);
        if (implicitLosesVR || vr.kind() == org.linnea.dicom.VR.Kind.BINARY) {
          // Implicit VR carries no VR: compare the bytes (in little-endian order) instead of decoded values.
          assertThat(littleEndian(back, tag)).as(what).isEqualTo(littleEndian(original, tag));
        } else {
          assertThat(back.getStrings(tag)).as(what).containsExactly(original.getStrings(tag));
        }
        if (original.getSequence(tag).isPresent()) {
          assertThat(back.getSequence(tag).orElseThrow()).hasSameSizeAs(original.getSequence(tag).orElseThrow());
        }
      }
      assertThat(back.size()).isEqualTo(original.size());
    }
  }
}
