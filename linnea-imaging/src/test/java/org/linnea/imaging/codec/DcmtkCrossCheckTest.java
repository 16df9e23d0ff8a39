package org.linnea.imaging.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.linnea.dicom.Tag;
import org.linnea.dicom.VR;
import org.linnea.dicom.io.DicomFile;
import org.linnea.imaging.RenderParams;
import org.linnea.imaging.Renderer;
import org.linnea.imaging.TestFiles;
import org.linnea.imaging.UnsupportedTransferSyntaxException;
import org.linnea.imaging.pixel.DecodedFrame;
import org.linnea.imaging.pixel.PhotometricInterpretation;
import org.linnea.imaging.pixel.PixelData;

/**
 * Our decoders against DCMTK's: each compressed file is decompressed by dcmdjpeg or dcmdrle at
 * test time, and every decoded value must equal the value in DCMTK's uncompressed output. JPEG
 * colour images are compared twice: the raw components ({@code +cn}, no colour conversion), and
 * the rendered RGB against DCMTK's conversion ({@code +ca}) when we take the components as YCbCr.
 * Besides pydicom's compressed samples, files are made here with dcmcjpeg and dcmcrle: 16-bit
 * lossless with several predictors, 12-bit extended, progressive, multi-frame JPEG split into
 * small fragments with and without a Basic Offset Table; and JPEG-LS made with dcmcjpls in every
 * interleave mode, lossless and near-lossless, with custom thresholds and reset, checked against
 * dcmdjpls.
 */
class DcmtkCrossCheckTest {
  @TempDir static Path tmp;

  @BeforeAll
  static void dcmtkPresent() {
    assumeTrue(TestFiles.commandExists("dcmdjpeg"), "DCMTK is not installed (see .ci/run)");
  }

  static Stream<Arguments> compressedFiles() throws Exception {
    dcmtkPresent();
    List<Arguments> out = new ArrayList<>();
    for (String f : List.of("SC_rgb_small_odd_jpeg.dcm", "SC_rgb_jpeg_dcmtk.dcm", "SC_rgb_jpeg_gdcm.dcm", "SC_rgb_jpeg_app14_dcmd.dcm",
        "SC_jpeg_no_color_transform.dcm", "SC_jpeg_no_color_transform_2.dcm", "SC_rgb_jpeg_lossy_gdcm.dcm", "SC_rgb_dcmtk_+eb+cr.dcm",
        "SC_rgb_dcmtk_+eb+cy+n1.dcm", "SC_rgb_dcmtk_+eb+cy+n2.dcm", "SC_rgb_dcmtk_+eb+cy+np.dcm", "SC_rgb_dcmtk_+eb+cy+s2.dcm",
        "SC_rgb_dcmtk_+eb+cy+s4.dcm", "JPEG-lossy.dcm", "JPGExtended.dcm")) {
      out.add(Arguments.of(f, TestFiles.pydicom(f), "dcmdjpeg"));
    }
    for (String f : List.of("MR_small_RLE.dcm", "SC_rgb_rle.dcm", "SC_rgb_rle_16bit_2frame.dcm", "SC_rgb_rle_32bit_2frame.dcm", "rtdose_rle.dcm")) {
      out.add(Arguments.of(f, TestFiles.pydicom(f), "dcmdrle"));
    }
    Path ct = TestFiles.pydicom("CT_small.dcm");
    Path mr = TestFiles.pydicom("MR_small.dcm");
    Path rgb2 = tmp.resolve("rgb2.dcm");
    run("dcmdrle", TestFiles.pydicom("SC_rgb_rle_2frame.dcm").toString(), rgb2.toString());
    out.add(Arguments.of("CT lossless SV1 (16-bit signed)", make(ct, "ct_sv1.dcm", "+e1"), "dcmdjpeg"));
    out.add(Arguments.of("MR lossless predictor 6", make(mr, "mr_sv6.dcm", "+el", "+sv", "6"), "dcmdjpeg"));
    out.add(Arguments.of("CT lossless predictor 7", make(ct, "ct_sv7.dcm", "+el", "+sv", "7"), "dcmdjpeg"));
    out.add(Arguments.of("CT lossless point transform 2", make(ct, "ct_pt2.dcm", "+el", "+sv", "1", "+pt", "2"), "dcmdjpeg"));
    out.add(Arguments.of("CT extended 12-bit", make(ct, "ct_ext.dcm", "+ee"), "dcmdjpeg"));
    out.add(Arguments.of("MR extended 12-bit, standard tables", make(mr, "mr_ext.dcm", "+ee", "-ho", "+q", "60"), "dcmdjpeg"));
    out.add(Arguments.of("RGB 8-bit forced to 12-bit extended", make(rgb2, "rgb_ext12.dcm", "+ee", "+bt", "+cr"), "dcmdjpeg"));
    out.add(Arguments.of("RGB 8-bit extended (SOF1)", make(rgb2, "rgb_ext8.dcm", "+ee"), "dcmdjpeg"));
    out.add(Arguments.of("RGB progressive", make(rgb2, "rgb_prog.dcm", "+ep"), "dcmdjpeg"));
    out.add(Arguments.of("RGB spectral selection", make(rgb2, "rgb_spec.dcm", "+es"), "dcmdjpeg"));
    out.add(Arguments.of("RGB 2 frames, 1 KB fragments, offset table", make(rgb2, "rgb_bot.dcm", "+eb", "+fs", "1", "+ot"), "dcmdjpeg"));
    out.add(Arguments.of("RGB 2 frames, 1 KB fragments, no offset table", make(rgb2, "rgb_nobot.dcm", "+eb", "+fs", "1", "-ot"), "dcmdjpeg"));
    out.add(Arguments.of("RGB 2 frames lossless", make(rgb2, "rgb_ll.dcm", "+e1"), "dcmdjpeg"));
    out.add(Arguments.of("MR_small_jpeg_ls_lossless.dcm", TestFiles.pydicom("MR_small_jpeg_ls_lossless.dcm"), "dcmdjpls"));
    out.add(Arguments.of("CT JPEG-LS lossless (16-bit signed)", makeLs(ct, "ct_jls.dcm", "+el"), "dcmdjpls"));
    // dcmcjpls does near-lossless of unsigned data only: the 12-bit JPGExtended, decompressed.
    Path nm = tmp.resolve("nm12.dcm");
    run("dcmdjpeg", TestFiles.pydicom("JPGExtended.dcm").toString(), nm.toString());
    out.add(Arguments.of("NM 12-bit JPEG-LS lossless", makeLs(nm, "nm_jls.dcm", "+el"), "dcmdjpls"));
    out.add(Arguments.of("NM 12-bit JPEG-LS near-lossless 2", makeLs(nm, "nm_jls_near2.dcm", "+en"), "dcmdjpls"));
    out.add(Arguments.of("NM 12-bit JPEG-LS near-lossless 7, reset 20", makeLs(nm, "nm_jls_near7.dcm", "+en", "+md", "7", "+rs", "20"), "dcmdjpls"));
    out.add(Arguments.of("MR JPEG-LS lossless, thresholds 5/11/30", makeLs(mr, "mr_jls_t.dcm", "+el", "+t1", "5", "+t2", "11", "+t3", "30"), "dcmdjpls"));
    out.add(Arguments.of("RGB 2 frames JPEG-LS line interleave", makeLs(rgb2, "rgb_jls_line.dcm", "+el", "+il"), "dcmdjpls"));
    out.add(Arguments.of("RGB 2 frames JPEG-LS sample interleave", makeLs(rgb2, "rgb_jls_sample.dcm", "+el", "+is"), "dcmdjpls"));
    out.add(Arguments.of("RGB 2 frames JPEG-LS no interleave", makeLs(rgb2, "rgb_jls_none.dcm", "+el", "+in"), "dcmdjpls"));
    out.add(Arguments.of("RGB JPEG-LS near-lossless sample interleave", makeLs(rgb2, "rgb_jls_near_sample.dcm", "+en", "+md", "3", "+is"), "dcmdjpls"));
    out.add(Arguments.of("RGB JPEG-LS near-lossless line interleave", makeLs(rgb2, "rgb_jls_near_line.dcm", "+en", "+il"), "dcmdjpls"));
    // A textured colour image (gradients and noise), so that colour coding leaves run mode.
    Path textured = texturedRgb();
    out.add(Arguments.of("textured RGB JPEG-LS sample interleave", makeLs(textured, "tex_jls_sample.dcm", "+el", "+is"), "dcmdjpls"));
    out.add(Arguments.of("textured RGB JPEG-LS line interleave", makeLs(textured, "tex_jls_line.dcm", "+el", "+il"), "dcmdjpls"));
    out.add(Arguments.of("textured RGB JPEG-LS no interleave", makeLs(textured, "tex_jls_none.dcm", "+el", "+in"), "dcmdjpls"));
    out.add(Arguments.of("textured RGB JPEG-LS near-lossless 4, sample", makeLs(textured, "tex_jls_near.dcm", "+en", "+md", "4", "+is"), "dcmdjpls"));
    out.add(Arguments.of("textured RGB JPEG baseline 4:2:2", make(textured, "tex_jpeg.dcm", "+eb"), "dcmdjpeg"));
    out.add(Arguments.of("textured RGB JPEG baseline 4:2:0", make(textured, "tex_jpeg420.dcm", "+eb", "+s4"), "dcmdjpeg"));
    out.add(Arguments.of("textured RGB JPEG lossless", make(textured, "tex_jpll.dcm", "+e1"), "dcmdjpeg"));
    Path texRle = tmp.resolve("tex_rle.dcm");
    run("dcmcrle", textured.toString(), texRle.toString());
    out.add(Arguments.of("textured RGB RLE", texRle, "dcmdrle"));
    Path ctRle = tmp.resolve("ct_rle.dcm");
    run("dcmcrle", ct.toString(), ctRle.toString());
    out.add(Arguments.of("CT RLE by dcmcrle", ctRle, "dcmdrle"));
    return out.stream();
  }

  /** A 203 × 157 RGB image of gradients and seeded noise, made a DICOM file by img2dcm. */
  private static Path texturedRgb() throws Exception {
    java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(203, 157, java.awt.image.BufferedImage.TYPE_3BYTE_BGR);
    java.util.Random random = new java.util.Random(42);
    for (int y = 0; y < img.getHeight(); y++) {
      for (int x = 0; x < img.getWidth(); x++) {
        int r = Math.min(255, x + random.nextInt(12));
        int g = Math.min(255, y * 3 / 2 + random.nextInt(4));
        int b = (x * y / 64 + (random.nextInt(40) == 0 ? 128 : 0)) & 0xFF;
        if ((x / 40 + y / 40) % 3 == 0) r = g = b = 77; // flat patches for run mode
        img.setRGB(x, y, (r << 16) | (g << 8) | b);
      }
    }
    Path bmp = tmp.resolve("textured.bmp");
    javax.imageio.ImageIO.write(img, "bmp", bmp.toFile());
    Path dcm = tmp.resolve("textured.dcm");
    run("img2dcm", "-i", "BMP", bmp.toString(), dcm.toString());
    return dcm;
  }

  private static Path makeLs(Path in, String name, String... options) throws Exception {
    return make("dcmcjpls", in, name, options);
  }

  private static Path make(Path in, String name, String... options) throws Exception {
    return make("dcmcjpeg", in, name, options);
  }

  private static Path make(String tool, Path in, String name, String... options) throws Exception {
    Path out = tmp.resolve(name);
    List<String> cmd = new ArrayList<>(List.of(tool));
    cmd.addAll(List.of(options));
    cmd.addAll(List.of(in.toString(), out.toString()));
    run(cmd.toArray(String[]::new));
    return out;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("compressedFiles")
  void decodedValuesEqualDcmtks(String name, Path file, String tool) throws Exception {
    DicomFile ours = TestFiles.readBulk(file);
    assertThat(ours.transferSyntax().encapsulated()).isTrue();
    PixelData pixels = PixelData.of(ours.dataset(), ours.transferSyntax());
    if (name.contains("fragments")) {
      // The cases these files exist for: frames spanning fragments, found by table or by EOI marker.
      assertThat(pixels.fragmentCount(0)).isGreaterThan(1);
      var fragments = ours.dataset().getFragments(Tag.PixelData).orElseThrow();
      assertThat(fragments.itemLength(0)).isEqualTo(name.contains("no offset table") ? 0 : 4L * pixels.frameCount());
    }
    Path raw = tmp.resolve(file.getFileName() + "." + tool + ".raw.dcm");
    if (tool.equals("dcmdjpeg")) run(tool, "+cn", "+px", file.toString(), raw.toString());
    else if (tool.equals("dcmdjpls")) run(tool, "+px", file.toString(), raw.toString());
    else run(tool, file.toString(), raw.toString());
    DicomFile ref = TestFiles.read(raw);
    // dcmdjpeg +cn keeps the photometric interpretation; the data it writes is upsampled.
    ref.dataset().getString(Tag.PhotometricInterpretation).filter(s -> s.equals("YBR_FULL_422"))
        .ifPresent(s -> ref.dataset().setString(Tag.PhotometricInterpretation, VR.CS, "YBR_FULL"));
    PixelData refPixels = PixelData.of(ref.dataset(), ref.transferSyntax());
    assertThat(pixels.frameCount()).isEqualTo(refPixels.frameCount());
    boolean anyYbr = false;
    for (int k = 0; k < pixels.frameCount(); k++) {
      DecodedFrame a = Decoders.decodeFrame(pixels, k);
      DecodedFrame b = Decoders.decodeFrame(refPixels, k);
      assertThat(a.width()).isEqualTo(b.width());
      assertThat(a.height()).isEqualTo(b.height());
      assertThat(a.samples()).isEqualTo(b.samples());
      assertValuesEqual(a.values(), b.values(), name + " frame " + k);
      anyYbr |= a.photometricInterpretation() == PhotometricInterpretation.YBR_FULL;
    }
    if (anyYbr) {
      // Colour conversion: our rendered RGB against DCMTK's YCbCr-to-RGB conversion.
      Path rgb = tmp.resolve(file.getFileName() + ".rgb.dcm");
      run("dcmdjpeg", "+ca", "+px", file.toString(), rgb.toString());
      DicomFile conv = TestFiles.read(rgb);
      assertThat(conv.dataset().getString(Tag.PhotometricInterpretation)).contains("RGB");
      for (int k = 0; k < pixels.frameCount(); k++) {
        BufferedImage img = Renderer.render(ours.dataset(), pixels, k, RenderParams.DEFAULT);
        DecodedFrame expected = TestFiles.decode(conv, k);
        int[] actual = img.getRaster().getPixels(0, 0, img.getWidth(), img.getHeight(), (int[]) null);
        assertValuesEqual(actual, expected.values(), name + " rendered RGB frame " + k);
      }
    }
  }

  private static void assertValuesEqual(int[] actual, int[] expected, String what) {
    TestFiles.assertValuesEqual(actual, expected, what);
  }


  @Test
  void twelveBitProgressiveIsReportedUnsupported() throws Exception {
    Path p = make(TestFiles.pydicom("CT_small.dcm"), "ct_prog12.dcm", "+ep");
    DicomFile f = TestFiles.read(p);
    assertThatThrownBy(() -> TestFiles.decode(f, 0))
        .isInstanceOf(UnsupportedTransferSyntaxException.class)
        .hasMessageContaining("SOF2")
        .hasMessageContaining(f.transferSyntax().uid());
  }

  static void run(String... cmd) throws IOException, InterruptedException {
    TestFiles.run(cmd);
  }

}
