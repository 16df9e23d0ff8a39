package org.linnea.imaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.linnea.dicom.Tag;
import org.linnea.dicom.VR;
import org.linnea.dicom.data.Dataset;
import org.linnea.dicom.data.Fragments;
import org.linnea.dicom.io.DicomFile;
import org.linnea.dicom.io.TransferSyntax;

/**
 * Pixel data that lies about itself gives a clear {@link ImagingException} naming what is wrong,
 * never an OutOfMemoryError, an index error from deep inside, or a silently grey image.
 */
class MalformedPixelDataTest {
  @TempDir Path tmp;

  private static DicomFile file(String name) throws Exception {
    return TestFiles.read(TestFiles.pydicom(name));
  }

  @Test
  void rowsTimesColumnsLargerThanTheData() throws Exception {
    DicomFile ct = file("CT_small.dcm");
    ct.dataset().setInt(Tag.Rows, VR.US, 4096);
    assertThatThrownBy(() -> Renderer.render(ct, 0, RenderParams.DEFAULT))
        .isInstanceOf(CorruptPixelDataException.class)
        .hasMessageContaining("Pixel Data has 32768 bytes but frame 0 needs bytes 0 to 1048576");
  }

  @Test
  void hugeDimensionsAreRefusedBeforeAnythingIsAllocated() throws Exception {
    DicomFile ct = file("CT_small.dcm");
    ct.dataset().setInt(Tag.Rows, VR.US, 65535);
    ct.dataset().setInt(Tag.Columns, VR.US, 65535);
    ct.dataset().setInt(Tag.SamplesPerPixel, VR.US, 3);
    assertThatThrownBy(() -> Renderer.render(ct, 0, RenderParams.DEFAULT))
        .isInstanceOf(CorruptPixelDataException.class).hasMessageContaining("larger than this renderer accepts");
    DicomFile jpeg = file("JPGExtended.dcm");
    jpeg.dataset().setInt(Tag.Rows, VR.US, 8192);
    jpeg.dataset().setInt(Tag.Columns, VR.US, 8192);
    assertThatThrownBy(() -> Renderer.render(jpeg, 0, RenderParams.DEFAULT))
        .isInstanceOf(CorruptPixelDataException.class).hasMessageContaining("JPEG image is 256 × 1024 but Columns × Rows is 8192 × 8192");
  }

  @Test
  void framesBeyondTheDataAndBeyondTheCount() throws Exception {
    DicomFile mr = file("MR_small.dcm");
    mr.dataset().setString(Tag.NumberOfFrames, VR.IS, "1000");
    assertThat(TestFiles.decode(mr, 0).width()).isEqualTo(64);
    assertThatThrownBy(() -> TestFiles.decode(mr, 999)).isInstanceOf(CorruptPixelDataException.class).hasMessageContaining("frame 999");
    assertThatThrownBy(() -> TestFiles.decode(mr, 1000)).isInstanceOf(ImagingException.class).hasMessageContaining("1000 frames");
    assertThatThrownBy(() -> TestFiles.decode(mr, -1)).isInstanceOf(ImagingException.class);
  }

  @Test
  void badImageDescriptions() throws Exception {
    DicomFile mr = file("MR_small.dcm");
    mr.dataset().setInt(Tag.BitsAllocated, VR.US, 12);
    assertThatThrownBy(() -> TestFiles.decode(mr, 0)).isInstanceOf(CorruptPixelDataException.class).hasMessageContaining("Bits Allocated");
    DicomFile mr2 = file("MR_small.dcm");
    mr2.dataset().remove(Tag.Rows);
    assertThatThrownBy(() -> TestFiles.decode(mr2, 0)).isInstanceOf(CorruptPixelDataException.class).hasMessageContaining("no Rows");
    DicomFile mr3 = file("MR_small.dcm");
    mr3.dataset().setString(Tag.PhotometricInterpretation, VR.CS, "CMYK");
    assertThatThrownBy(() -> TestFiles.decode(mr3, 0)).isInstanceOf(ImagingException.class).hasMessageContaining("CMYK");
    DicomFile mr4 = file("MR_small.dcm");
    mr4.dataset().remove(Tag.PixelData);
    assertThatThrownBy(() -> TestFiles.decode(mr4, 0)).isInstanceOf(ImagingException.class).hasMessageContaining("no Pixel Data");
  }

  /** The file's single fragment replaced by {@code bytes}. */
  private static DicomFile withFragment(String name, byte[] bytes) throws Exception {
    DicomFile f = file(name);
    Fragments frags = new Fragments(VR.OB);
    frags.add(new byte[0]);
    frags.add(bytes);
    f.dataset().put(Tag.PixelData, VR.OB, frags);
    return f;
  }

  private static byte[] fragment(String name) throws Exception {
    Fragments f = file(name).dataset().getFragments(Tag.PixelData).orElseThrow();
    return (byte[]) f.items().get(1);
  }

  @ParameterizedTest
  @ValueSource(strings = {"MR_small_RLE.dcm", "MR_small_jpeg_ls_lossless.dcm", "SC_rgb_jpeg_dcmtk.dcm", "JPGExtended.dcm", "SC_rgb_jpeg_gdcm.dcm", "MR_small_jp2klossless.dcm", "JPEG2000.dcm"})
  void truncatedFragments(String name) throws Exception {
    byte[] whole = fragment(name);
    for (int keep : new int[] {whole.length / 2, whole.length * 9 / 10, 3, 0}) {
      DicomFile f = withFragment(name, Arrays.copyOf(whole, keep));
      assertThatThrownBy(() -> Renderer.render(f, 0, RenderParams.DEFAULT))
          .as(name + " cut to " + keep + " bytes").isInstanceOf(CorruptPixelDataException.class);
    }
  }

  @Test
  void rleHeadersThatLie() throws Exception {
    byte[] rle = fragment("MR_small_RLE.dcm");
    byte[] wrongCount = rle.clone();
    wrongCount[0] = 3;
    assertThatThrownBy(() -> TestFiles.decode(withFragment("MR_small_RLE.dcm", wrongCount), 0))
        .isInstanceOf(CorruptPixelDataException.class).hasMessageContaining("3 segments");
    byte[] farOffset = rle.clone();
    farOffset[8] = (byte) 0xFF;
    farOffset[9] = (byte) 0xFF;
    farOffset[10] = (byte) 0xFF;
    farOffset[11] = (byte) 0x7F;
    assertThatThrownBy(() -> TestFiles.decode(withFragment("MR_small_RLE.dcm", farOffset), 0))
        .isInstanceOf(CorruptPixelDataException.class).hasMessageContaining("outside the frame");
  }

  @Test
  void encapsulatedFramesThatCannotBeFound() throws Exception {
    DicomFile f = file("SC_rgb_jpeg_dcmtk.dcm");
    f.dataset().setString(Tag.NumberOfFrames, VR.IS, "3");
    assertThatThrownBy(() -> TestFiles.decode(f, 1))
        .isInstanceOf(CorruptPixelDataException.class).hasMessageContaining("3 frames in 1 fragments");
    Fragments frags = new Fragments(VR.OB);
    frags.add(new byte[] {0, 0, 0, 0, 9, 0, 0, 0}); // second offset points into the first fragment
    frags.add(fragment("SC_rgb_jpeg_dcmtk.dcm"));
    frags.add(fragment("SC_rgb_jpeg_dcmtk.dcm"));
    f.dataset().setString(Tag.NumberOfFrames, VR.IS, "2");
    f.dataset().put(Tag.PixelData, VR.OB, frags);
    assertThatThrownBy(() -> TestFiles.decode(f, 1))
        .isInstanceOf(CorruptPixelDataException.class).hasMessageContaining("Basic Offset Table offset 9 of frame 1");
  }

  @Test
  void wrongDimensionsInTheCodestream() throws Exception {
    DicomFile f = file("MR_small_jp2klossless.dcm");
    f.dataset().setInt(Tag.Columns, VR.US, 32);
    assertThatThrownBy(() -> TestFiles.decode(f, 0))
        .isInstanceOf(CorruptPixelDataException.class).hasMessageContaining("JPEG 2000 image is 64 × 64 but Columns × Rows is 32 × 64");
  }

  @Test
  void bulkDataFileTruncatedAfterReading() throws Exception {
    Path copy = tmp.resolve("ct.dcm");
    Files.copy(TestFiles.pydicom("CT_small.dcm"), copy);
    DicomFile f = TestFiles.readBulk(copy);
    byte[] all = Files.readAllBytes(copy);
    Files.write(copy, Arrays.copyOf(all, all.length - 1000));
    assertThatThrownBy(() -> TestFiles.decode(f, 0)).isInstanceOf(CorruptPixelDataException.class).hasMessageContaining("ends at");
  }

  /** Random bytes and random damage in every decoder: an ImagingException or an image, nothing else. */
  @Test
  void randomDamageGivesImagingExceptionsOnly() throws Exception {
    Random random = new Random(20261129);
    for (String name : List.of("MR_small_RLE.dcm", "MR_small_jpeg_ls_lossless.dcm", "SC_rgb_rle.dcm", "SC_rgb_jpeg_dcmtk.dcm", "JPGExtended.dcm", "SC_rgb_jpeg_gdcm.dcm",
        "MR_small_jp2klossless.dcm", "SC_rgb_gdcm_KY.dcm")) {
      byte[] whole = fragment(name);
      for (int round = 0; round < 40; round++) {
        byte[] damaged = whole.clone();
        if (round < 5) {
          random.nextBytes(damaged);
        } else {
          for (int k = 0; k < 1 + round / 5; k++) damaged[random.nextInt(damaged.length)] = (byte) random.nextInt(256);
        }
        DicomFile f = withFragment(name, damaged);
        try {
          Renderer.render(f, 0, RenderParams.DEFAULT);
        } catch (ImagingException expected) {
          assertThat(expected.getMessage()).isNotBlank();
        }
      }
    }
  }

  @Test
  void nativeDataInAnEncapsulatedSyntaxAndTheReverse() throws Exception {
    DicomFile mr = file("MR_small.dcm");
    assertThatThrownBy(() -> Renderer.render(mr.dataset(), TransferSyntax.of("1.2.840.10008.1.2.4.50"), 0, RenderParams.DEFAULT))
        .isInstanceOf(CorruptPixelDataException.class).hasMessageContaining("native Pixel Data in encapsulated");
    Dataset jpeg = file("JPGExtended.dcm").dataset();
    assertThatThrownBy(() -> Renderer.render(jpeg, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, 0, RenderParams.DEFAULT))
        .isInstanceOf(CorruptPixelDataException.class).hasMessageContaining("encapsulated Pixel Data in native");
  }
}
