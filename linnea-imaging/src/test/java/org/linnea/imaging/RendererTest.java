package org.linnea.imaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.linnea.dicom.Tag;
import org.linnea.dicom.VR;
import org.linnea.dicom.data.Dataset;
import org.linnea.dicom.io.DicomFile;
import org.linnea.dicom.io.TransferSyntax;
import org.linnea.imaging.pixel.DecodedFrame;

/** The pixel pipelines checked pixel by pixel, against the formulas of PS3.3 C.11 written out here. */
class RendererTest {

  /** LINEAR of C.11.2.1.2.1, to 0..255, rounded half up. */
  static int linear(double x, double c, double w) {
    double y;
    if (x <= c - 0.5 - (w - 1) / 2) y = 0;
    else if (x > c - 0.5 + (w - 1) / 2) y = 255;
    else y = ((x - (c - 0.5)) / (w - 1) + 0.5) * 255;
    return (int) Math.round(y);
  }

  static int[] gray(BufferedImage img) {
    assertThat(img.getType()).isEqualTo(BufferedImage.TYPE_BYTE_GRAY);
    return img.getRaster().getPixels(0, 0, img.getWidth(), img.getHeight(), (int[]) null);
  }

  @Test
  void ctWithAWindowGivenInHounsfieldUnits() throws Exception {
    DicomFile ct = TestFiles.read(TestFiles.pydicom("CT_small.dcm"));
    BufferedImage img = Renderer.render(ct, 0, RenderParams.DEFAULT.withWindow(0, 2000));
    int[] out = gray(img);
    // Stored 175 at (0,0); Rescale Intercept -1024 gives -849 HU; ((-849 + 0.5) / 1999 + 0.5) * 255 = 19.26.
    assertThat(TestFiles.decode(ct, 0).value(0, 0, 0)).isEqualTo(175);
    assertThat(out[0]).isEqualTo(19);
    int[] stored = TestFiles.decode(ct, 0).values();
    for (int i = 0; i < out.length; i++) {
      assertThat(out[i]).as("pixel " + i).isEqualTo(linear(stored[i] - 1024, 0, 2000));
    }
    // A narrow window: everything below is black, above is white.
    int[] narrow = gray(Renderer.render(ct, 0, RenderParams.DEFAULT.withWindow(40, 1)));
    for (int i = 0; i < narrow.length; i++) {
      assertThat(narrow[i]).isEqualTo(stored[i] - 1024 <= 39.5 ? 0 : 255);
    }
  }

  @Test
  void mrUsesTheFirstWindowOfTheFile() throws Exception {
    DicomFile mr = TestFiles.read(TestFiles.pydicom("MR_small.dcm"));
    int[] out = gray(Renderer.render(mr, 0, RenderParams.DEFAULT));
    int[] stored = TestFiles.decode(mr, 0).values();
    for (int i = 0; i < out.length; i++) assertThat(out[i]).isEqualTo(linear(stored[i], 600, 1600));
  }

  @Test
  void withoutAWindowTheFrameRangeIsShown() throws Exception {
    DicomFile mr = TestFiles.read(TestFiles.pydicom("MR_small.dcm"));
    mr.dataset().remove(Tag.WindowCenter);
    mr.dataset().remove(Tag.WindowWidth);
    int[] out = gray(Renderer.render(mr, 0, RenderParams.DEFAULT));
    int[] stored = TestFiles.decode(mr, 0).values();
    int min = Integer.MAX_VALUE;
    int max = Integer.MIN_VALUE;
    for (int v : stored) {
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    for (int i = 0; i < out.length; i++) {
      if (stored[i] == min) assertThat(out[i]).isZero();
      if (stored[i] == max) assertThat(out[i]).isEqualTo(255);
      assertThat(out[i]).isCloseTo((int) Math.round((stored[i] - min) * 255.0 / (max - min)), org.assertj.core.data.Offset.offset(1));
    }
  }

  @Test
  void monochrome1AndInversePresentationShapeInvert() throws Exception {
    DicomFile mr = TestFiles.read(TestFiles.pydicom("MR_small.dcm"));
    int[] mono2 = gray(Renderer.render(mr, 0, RenderParams.DEFAULT));
    mr.dataset().setString(Tag.PhotometricInterpretation, VR.CS, "MONOCHROME1");
    int[] mono1 = gray(Renderer.render(mr, 0, RenderParams.DEFAULT));
    for (int i = 0; i < mono2.length; i++) assertThat(mono1[i]).isEqualTo(255 - mono2[i]);
    mr.dataset().setString(Tag.PhotometricInterpretation, VR.CS, "MONOCHROME2");
    mr.dataset().setString(Tag.PresentationLUTShape, VR.CS, "INVERSE");
    assertThat(gray(Renderer.render(mr, 0, RenderParams.DEFAULT))).isEqualTo(mono1);
  }

  @Test
  void linearExactAndSigmoidFunctions() throws Exception {
    DicomFile mr = TestFiles.read(TestFiles.pydicom("MR_small.dcm"));
    int[] stored = TestFiles.decode(mr, 0).values();
    mr.dataset().setString(Tag.VOILUTFunction, VR.CS, "LINEAR_EXACT");
    int[] exact = gray(Renderer.render(mr, 0, RenderParams.DEFAULT));
    mr.dataset().setString(Tag.VOILUTFunction, VR.CS, "SIGMOID");
    int[] sigmoid = gray(Renderer.render(mr, 0, RenderParams.DEFAULT));
    for (int i = 0; i < stored.length; i++) {
      double x = stored[i];
      double e = x <= 600 - 800 ? 0 : x > 600 + 800 ? 255 : ((x - 600) / 1600 + 0.5) * 255;
      assertThat(exact[i]).isEqualTo((int) Math.round(e));
      assertThat(sigmoid[i]).isEqualTo((int) Math.round(255 / (1 + Math.exp(-4 * (x - 600) / 1600))));
    }
  }

  /** A small 8-bit unsigned monochrome image with the given stored values. */
  static Dataset tiny(int... values) {
    Dataset ds = new Dataset();
    ds.setInt(Tag.SamplesPerPixel, VR.US, 1);
    ds.setString(Tag.PhotometricInterpretation, VR.CS, "MONOCHROME2");
    ds.setInt(Tag.Rows, VR.US, 1);
    ds.setInt(Tag.Columns, VR.US, values.length);
    ds.setInt(Tag.BitsAllocated, VR.US, 8);
    ds.setInt(Tag.BitsStored, VR.US, 8);
    ds.setInt(Tag.HighBit, VR.US, 7);
    ds.setInt(Tag.PixelRepresentation, VR.US, 0);
    byte[] px = new byte[values.length + (values.length & 1)];
    for (int i = 0; i < values.length; i++) px[i] = (byte) values[i];
    ds.setBytes(Tag.PixelData, VR.OB, px);
    return ds;
  }

  static byte[] words(int... v) {
    byte[] b = new byte[2 * v.length];
    for (int i = 0; i < v.length; i++) {
      b[2 * i] = (byte) v[i];
      b[2 * i + 1] = (byte) (v[i] >> 8);
    }
    return b;
  }

  @Test
  void modalityLutSequenceThenWindow() throws Exception {
    Dataset ds = tiny(0, 1, 2, 3, 9);
    Dataset item = ds.newSequence(Tag.ModalityLUTSequence).addItem();
    item.setInt(Tag.LUTDescriptor, VR.US, 4, 0, 16);
    item.setBytes(Tag.LUTData, VR.OW, words(100, 200, 300, 400));
    ds.setString(Tag.WindowCenter, VR.DS, "250.5");
    ds.setString(Tag.WindowWidth, VR.DS, "301");
    int[] out = gray(Renderer.render(ds, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, 0, RenderParams.DEFAULT));
    // 100 -> 0, 200 -> (200-250)/300+0.5 = 0.3333 -> 85, 300 -> 170, 400 and beyond the table (9 -> 400) -> 255
    assertThat(out).containsExactly(0, 85, 170, 255, 255);
  }

  @Test
  void voiLutSequenceWhenNoWindow() throws Exception {
    Dataset ds = tiny(10, 11, 12, 13, 0, 200);
    Dataset item = ds.newSequence(Tag.VOILUTSequence).addItem();
    item.setInt(Tag.LUTDescriptor, VR.US, 4, 10, 12);
    item.setBytes(Tag.LUTData, VR.OW, words(0, 1365, 2730, 4095));
    int[] out = gray(Renderer.render(ds, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, 0, RenderParams.DEFAULT));
    assertThat(out).containsExactly(0, 85, 170, 255, 0, 255);
  }

  @Test
  void paletteColorWith16BitEntries() throws Exception {
    Dataset ds = tiny(0, 1, 2, 3);
    ds.setString(Tag.PhotometricInterpretation, VR.CS, "PALETTE COLOR");
    ds.setInt(Tag.RedPaletteColorLookupTableDescriptor, VR.US, 3, 1, 16);
    ds.setInt(Tag.GreenPaletteColorLookupTableDescriptor, VR.US, 3, 1, 16);
    ds.setInt(Tag.BluePaletteColorLookupTableDescriptor, VR.US, 3, 1, 16);
    ds.setBytes(Tag.RedPaletteColorLookupTableData, VR.OW, words(0xFFFF, 0x0000, 0x8000));
    ds.setBytes(Tag.GreenPaletteColorLookupTableData, VR.OW, words(0x0000, 0xFFFF, 0x8000));
    ds.setBytes(Tag.BluePaletteColorLookupTableData, VR.OW, words(0x0000, 0x0000, 0x80FF));
    BufferedImage img = Renderer.render(ds, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, 0, RenderParams.DEFAULT);
    assertThat(img.getRGB(0, 0) & 0xFFFFFF).isEqualTo(0xFF0000); // below the first mapped value: first entry
    assertThat(img.getRGB(1, 0) & 0xFFFFFF).isEqualTo(0xFF0000);
    assertThat(img.getRGB(2, 0) & 0xFFFFFF).isEqualTo(0x00FF00);
    assertThat(img.getRGB(3, 0) & 0xFFFFFF).isEqualTo(0x808080);
  }

  @Test
  void segmentedPaletteColor() throws Exception {
    Dataset ds = tiny(0, 1, 2, 3, 4);
    ds.setString(Tag.PhotometricInterpretation, VR.CS, "PALETTE COLOR");
    for (int t : new int[] {Tag.RedPaletteColorLookupTableDescriptor, Tag.GreenPaletteColorLookupTableDescriptor, Tag.BluePaletteColorLookupTableDescriptor}) {
      ds.setInt(t, VR.US, 5, 0, 8);
    }
    // red: discrete 0, then linear to 200 over 4 entries: 0 50 100 150 200
    ds.setBytes(Tag.SegmentedRedPaletteColorLookupTableData, VR.OW, words(0, 1, 0, 1, 4, 200));
    // green: discrete 5 values
    ds.setBytes(Tag.SegmentedGreenPaletteColorLookupTableData, VR.OW, words(0, 5, 9, 8, 7, 6, 5));
    // blue: discrete 10, indirect (copy 1 segment from word offset 0: discrete 10), linear to 10 over 3
    ds.setBytes(Tag.SegmentedBluePaletteColorLookupTableData, VR.OW, words(0, 1, 10, 2, 1, 0, 0, 1, 3, 10));
    BufferedImage img = Renderer.render(ds, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, 0, RenderParams.DEFAULT);
    int[] red = {0, 50, 100, 150, 200};
    int[] green = {9, 8, 7, 6, 5};
    for (int x = 0; x < 5; x++) {
      assertThat(img.getRGB(x, 0) & 0xFFFFFF).as("pixel " + x).isEqualTo((red[x] << 16) | (green[x] << 8) | 10);
    }
  }

  @Test
  void rgbComesOutAsStored() throws Exception {
    DicomFile f = TestFiles.read(TestFiles.pydicom("SC_rgb_small_odd.dcm"));
    BufferedImage img = Renderer.render(f, 0, RenderParams.DEFAULT);
    DecodedFrame d = TestFiles.decode(f, 0);
    for (int y = 0; y < 3; y++) {
      for (int x = 0; x < 3; x++) {
        int rgb = img.getRGB(x, y) & 0xFFFFFF;
        assertThat(rgb).isEqualTo((d.value(x, y, 0) << 16) | (d.value(x, y, 1) << 8) | d.value(x, y, 2));
      }
    }
  }

  @Test
  void ybrFull422IsUpsampledAndConverted() throws Exception {
    DicomFile f = TestFiles.read(TestFiles.pydicom("SC_ybr_full_422_uncompressed.dcm"));
    BufferedImage img = Renderer.render(f, 0, RenderParams.DEFAULT);
    DecodedFrame d = TestFiles.decode(f, 0);
    for (int y = 0; y < 100; y += 7) {
      for (int x = 0; x < 100; x += 3) {
        double yy = d.value(x, y, 0);
        double cb = d.value(x, y, 1) - 128;
        double cr = d.value(x, y, 2) - 128;
        int rgb = img.getRGB(x, y);
        assertThat((rgb >> 16) & 0xFF).isCloseTo(clamp(yy + 1.402 * cr), org.assertj.core.data.Offset.offset(1));
        assertThat((rgb >> 8) & 0xFF).isCloseTo(clamp(yy - 0.344136 * cb - 0.714136 * cr), org.assertj.core.data.Offset.offset(1));
        assertThat(rgb & 0xFF).isCloseTo(clamp(yy + 1.772 * cb), org.assertj.core.data.Offset.offset(1));
      }
    }
    // The file's first rows are pure red in YBR (pydicom's test expects (254, 0, 0) after conversion).
    assertThat(img.getRGB(0, 0) & 0xFFFFFF).isEqualTo(0xFE0000);
  }

  private static int clamp(double v) {
    return (int) Math.max(0, Math.min(255, Math.round(v)));
  }

  @Test
  void viewportKeepsTheAspectRatioAndThumbnailsStaySmall() throws Exception {
    DicomFile jpeg = TestFiles.read(TestFiles.pydicom("JPGExtended.dcm")); // 256 wide, 1024 high
    BufferedImage img = Renderer.render(jpeg, 0, RenderParams.DEFAULT.withViewport(200, 200));
    assertThat(img.getWidth()).isEqualTo(50);
    assertThat(img.getHeight()).isEqualTo(200);
    BufferedImage wide = Renderer.render(jpeg, 0, RenderParams.DEFAULT.withViewport(512, 0));
    assertThat(wide.getWidth()).isEqualTo(512);
    assertThat(wide.getHeight()).isEqualTo(2048);
    BufferedImage thumb = Thumbnails.of(jpeg);
    assertThat(thumb.getHeight()).isEqualTo(128);
    assertThat(thumb.getWidth()).isEqualTo(32);
    BufferedImage small = Thumbnails.of(TestFiles.read(TestFiles.pydicom("MR_small.dcm")));
    assertThat(small.getWidth()).isEqualTo(64); // never enlarged
  }

  @Test
  void nonSquarePixelsAreStretched() throws Exception {
    Dataset ds = tiny(0, 255, 0, 255);
    ds.setString(Tag.PixelAspectRatio, VR.IS, "2", "1");
    BufferedImage img = Renderer.render(ds, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, 0, RenderParams.DEFAULT);
    assertThat(img.getWidth()).isEqualTo(4);
    assertThat(img.getHeight()).isEqualTo(2);
    ds.remove(Tag.PixelAspectRatio);
    ds.setString(Tag.PixelSpacing, VR.DS, "0.5", "1.5");
    img = Renderer.render(ds, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, 0, RenderParams.DEFAULT);
    assertThat(img.getWidth()).isEqualTo(12);
    assertThat(img.getHeight()).isEqualTo(1);
  }

  @Test
  void pngRoundTripsAndJpegDecodes() throws Exception {
    DicomFile ct = TestFiles.read(TestFiles.pydicom("CT_small.dcm"));
    BufferedImage img = Renderer.render(ct, 0, RenderParams.DEFAULT.withWindow(40, 400));
    ByteArrayOutputStream png = new ByteArrayOutputStream();
    ImageEncoders.writePng(img, png);
    BufferedImage back = ImageIO.read(new ByteArrayInputStream(png.toByteArray()));
    assertThat(gray(back)).isEqualTo(gray(img));
    ByteArrayOutputStream jpg = new ByteArrayOutputStream();
    ImageEncoders.write(img, "image/jpeg", 0.95f, jpg);
    assertThat(jpg.toByteArray()).startsWith((byte) 0xFF, (byte) 0xD8);
    BufferedImage j = ImageIO.read(new ByteArrayInputStream(jpg.toByteArray()));
    assertThat(j.getWidth()).isEqualTo(128);
    int[] a = gray(img);
    int[] b = j.getRaster().getPixels(0, 0, 128, 128, (int[]) null);
    double err = 0;
    for (int i = 0; i < a.length; i++) err += Math.abs(a[i] - b[i]);
    assertThat(err / a.length).isLessThan(3);
    BufferedImage colour = Renderer.render(TestFiles.read(TestFiles.pydicom("SC_rgb_rle.dcm")), 0, RenderParams.DEFAULT);
    ByteArrayOutputStream cj = new ByteArrayOutputStream();
    ImageEncoders.writeJpeg(colour, 0.9f, cj);
    BufferedImage cb = ImageIO.read(new ByteArrayInputStream(cj.toByteArray()));
    for (int shift : new int[] {0, 8, 16}) { // lossy: close, not equal
      assertThat((cb.getRGB(5, 5) >> shift) & 0xFF).isCloseTo((colour.getRGB(5, 5) >> shift) & 0xFF, org.assertj.core.data.Offset.offset(4));
    }
  }

  @Test
  void framesOfAMultiFrameObjectAndAFrameTooFar() throws Exception {
    DicomFile dose = TestFiles.readBulk(TestFiles.pydicom("rtdose.dcm"));
    BufferedImage first = Renderer.render(dose, 0, RenderParams.DEFAULT);
    BufferedImage last = Renderer.render(dose, 14, RenderParams.DEFAULT);
    assertThat(first.getWidth()).isEqualTo(10);
    assertThat(gray(first)).isNotEqualTo(gray(last));
    assertThatThrownBy(() -> Renderer.render(dose, 15, RenderParams.DEFAULT))
        .isInstanceOf(ImagingException.class).hasMessageContaining("15 frames");
  }

  @Test
  void renderingIsThreadSafe() throws Exception {
    DicomFile[] files = {
      TestFiles.readBulk(TestFiles.pydicom("CT_small.dcm")), TestFiles.readBulk(TestFiles.pydicom("SC_rgb_jpeg_dcmtk.dcm")),
      TestFiles.readBulk(TestFiles.pydicom("JPGExtended.dcm")), TestFiles.readBulk(TestFiles.pydicom("MR_small_jp2klossless.dcm")),
      TestFiles.readBulk(TestFiles.pydicom("rtdose_rle.dcm"))};
    List<int[]> expected = new ArrayList<>();
    for (DicomFile f : files) {
      BufferedImage img = Renderer.render(f, 0, RenderParams.DEFAULT);
      expected.add(img.getRaster().getPixels(0, 0, img.getWidth(), img.getHeight(), (int[]) null));
    }
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int n = 0; n < 80; n++) {
        int k = n % files.length;
        results.add(pool.submit(() -> {
          BufferedImage img = Renderer.render(files[k], 0, RenderParams.DEFAULT);
          return java.util.Arrays.equals(expected.get(k), img.getRaster().getPixels(0, 0, img.getWidth(), img.getHeight(), (int[]) null));
        }));
      }
      for (Future<Boolean> r : results) assertThat(r.get()).isTrue();
    } finally {
      pool.shutdown();
    }
  }
}
