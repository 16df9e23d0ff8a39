package org.linnea.imaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import org.junit.jupiter.api.Test;
import org.linnea.dicom.Tag;
import org.linnea.dicom.data.Dataset;
import org.linnea.dicom.io.DicomFile;
import org.linnea.dicom.io.DicomReader;
import org.linnea.dicom.io.ReadOptions;
import org.linnea.dicom.io.TransferSyntax;
import org.linnea.imaging.pixel.DecodedFrame;
import org.linnea.imaging.pixel.PhotometricInterpretation;
import org.linnea.imaging.pixel.PixelData;

/**
 * The Decompressor's attribute rules and its Part 10 output, read back by our reader. The values
 * themselves are checked against DCMTK by linnea-web's DecompressionTest.
 */
class DecompressorTest {

  /** Writes the object decompressed and reads it back. */
  static DicomFile decompressed(DicomFile f) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Decompressor.of(f).writeFile(out);
    return DicomReader.open(new ByteArrayInputStream(out.toByteArray())).readFile(ReadOptions.DEFAULT);
  }

  @Test
  void thirtyTwoBitMultiFrameRleKeepsEveryValue() throws Exception {
    DicomFile f = TestFiles.readBulk(TestFiles.pydicom("SC_rgb_rle_32bit_2frame.dcm"));
    DicomFile n = decompressed(f);
    assertThat(n.transferSyntax()).isEqualTo(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
    assertThat(n.fileMeta().getString(Tag.MediaStorageSOPInstanceUID)).isEqualTo(f.dataset().getString(Tag.SOPInstanceUID));
    assertThat(n.dataset().getBytes(Tag.PixelData).orElseThrow()).hasSize(2 * 100 * 100 * 3 * 4);
    assertThat(n.dataset().getString(Tag.PhotometricInterpretation)).hasValue("RGB");
    PixelData px = PixelData.of(n.dataset(), n.transferSyntax());
    for (int k = 0; k < 2; k++) {
      TestFiles.assertValuesEqual(TestFiles.decode(n, k).values(), TestFiles.decode(f, k).values(), "frame " + k);
    }
    assertThat(px.frameCount()).isEqualTo(2);
  }

  @Test
  void jpeg2000ReversibleColourComesOutRgb() throws Exception {
    DicomFile f = TestFiles.readBulk(TestFiles.pydicom("GDCMJ2K_TextGBR.dcm"));
    assertThat(f.dataset().getString(Tag.PhotometricInterpretation)).hasValue("YBR_RCT");
    DicomFile n = decompressed(f);
    assertThat(n.dataset().getString(Tag.PhotometricInterpretation)).hasValue("RGB");
    assertThat(n.dataset().getInt(Tag.PlanarConfiguration)).hasValue(0);
    TestFiles.assertValuesEqual(TestFiles.decode(n, 0).values(), TestFiles.decode(f, 0).values(), "J2K RCT");
  }

  @Test
  void jpegYcbcrBecomesRgbAndLossyIsSaid() throws Exception {
    DicomFile f = TestFiles.readBulk(TestFiles.pydicom("SC_rgb_jpeg_dcmtk.dcm"));
    f.dataset().remove(Tag.LossyImageCompression);
    Decompressor d = Decompressor.of(f);
    assertThat(d.photometricInterpretation()).isEqualTo(PhotometricInterpretation.RGB);
    Dataset attrs = d.nativeAttributes();
    assertThat(attrs.getString(Tag.LossyImageCompression)).hasValue("01");
    assertThat(attrs.contains(Tag.PixelData)).isFalse();
    assertThat(f.dataset().getString(Tag.PhotometricInterpretation)).hasValue("YBR_FULL"); // the file's dataset is not changed
    // The frame is the rendered colour: the same conversion as the pipeline's.
    DecodedFrame ybr = TestFiles.decode(f, 0);
    byte[] frame = d.frame(0);
    var img = Renderer.render(f, 0, RenderParams.DEFAULT);
    int[] rendered = img.getRaster().getPixels(0, 0, img.getWidth(), img.getHeight(), (int[]) null);
    int[] native8 = new int[frame.length];
    for (int i = 0; i < frame.length; i++) native8[i] = frame[i] & 0xFF;
    TestFiles.assertValuesEqual(native8, rendered, "RGB of " + ybr.photometricInterpretation());
  }

  @Test
  void coloursOfOtherSyntaxesStay() {
    assertThat(Decompressor.nativePi(PhotometricInterpretation.YBR_FULL_422, "1.2.840.10008.1.2.4.50")).isEqualTo(PhotometricInterpretation.RGB);
    assertThat(Decompressor.nativePi(PhotometricInterpretation.YBR_FULL, "1.2.840.10008.1.2.4.70")).isEqualTo(PhotometricInterpretation.RGB);
    assertThat(Decompressor.nativePi(PhotometricInterpretation.YBR_FULL, "1.2.840.10008.1.2.5")).isEqualTo(PhotometricInterpretation.YBR_FULL);
    assertThat(Decompressor.nativePi(PhotometricInterpretation.YBR_FULL_422, "1.2.840.10008.1.2.4.80")).isEqualTo(PhotometricInterpretation.YBR_FULL);
    assertThat(Decompressor.nativePi(PhotometricInterpretation.YBR_ICT, "1.2.840.10008.1.2.4.91")).isEqualTo(PhotometricInterpretation.RGB);
    assertThat(Decompressor.nativePi(PhotometricInterpretation.PALETTE_COLOR, "1.2.840.10008.1.2.5")).isEqualTo(PhotometricInterpretation.PALETTE_COLOR);
    assertThat(Decompressor.canDecompress("1.2.840.10008.1.2.4.100")).isFalse();
  }

  @Test
  void nativeObjectsAreNotDecompressed() throws Exception {
    DicomFile f = TestFiles.read(TestFiles.pydicom("CT_small.dcm"));
    assertThatThrownBy(() -> Decompressor.of(f)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a compressed transfer syntax");
  }
}
