package org.linnea.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.linnea.dicom.Tag;
import org.linnea.dicom.data.Dataset;
import org.linnea.dicom.io.DicomFile;
import org.linnea.dicom.io.DicomReader;
import org.linnea.dicom.io.ReadOptions;
import org.linnea.imaging.TestFiles;
import org.linnea.imaging.codec.Decoders;
import org.linnea.imaging.pixel.DecodedFrame;
import org.linnea.imaging.pixel.PixelData;

/**
 * WADO-RS decompression against DCMTK: objects compressed at test time by dcmcjpeg, dcmcjpls and
 * dcmcrle (and pydicom's samples) are stored, retrieved as Explicit VR Little Endian, and must
 * equal what dcmdjpeg, dcmdjpls and dcmdrle make of the same files: the same Photometric
 * Interpretation and every pixel value (lossless and lossy sources alike, since our JPEG decoding
 * is libjpeg's), byte for byte where both are colour-by-pixel. Frames and Pixel Data bulk data
 * asked for in Explicit VR Little Endian must be the transcoded object's frames. DCMTK's dcmdump
 * must read every object we send.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DecompressionTest {
  static final String ELE = "1.2.840.10008.1.2.1";
  static final Path S = TestServer.SAMPLES;

  Path dir;
  TestServer srv;
  /** name → {compressed file, DCMTK's decompression of it}. */
  final Map<String, Path[]> cases = new LinkedHashMap<>();
  /** 12-bit progressive JPEG, which linnea-imaging does not decode. */
  Path progressive12;

  @BeforeAll
  void start(@TempDir Path dir) throws Exception {
    this.dir = dir;
    assumeTrue(TestFiles.commandExists("dcmcjpeg") && TestFiles.commandExists("dcmcjpls"), "DCMTK is not installed (see .ci/run)");
    Path ct = S.resolve("CT_small.dcm");
    Path rgb2 = dir.resolve("rgb2.dcm");
    TestFiles.run("dcmdrle", S.resolve("SC_rgb_rle_2frame.dcm").toString(), rgb2.toString());
    add("CT JPEG lossless SV1", "dcmcjpeg", ct, "+e1");
    add("CT JPEG extended 12-bit (lossy)", "dcmcjpeg", ct, "+ee");
    add("RGB 2 frames JPEG baseline 4:2:2 (lossy)", "dcmcjpeg", rgb2, "+eb");
    add("RGB 2 frames JPEG lossless", "dcmcjpeg", rgb2, "+e1");
    add("CT JPEG-LS lossless", "dcmcjpls", ct, "+el");
    add("RGB 2 frames JPEG-LS lossless", "dcmcjpls", rgb2, "+el");
    add("CT RLE", "dcmcrle", ct);
    addSample("RGB 2 frames RLE (pydicom)", S.resolve("SC_rgb_rle_2frame.dcm"), "dcmdrle");
    addSample("RGB JPEG baseline YBR_FULL_422 (pydicom, dcmtk)", S.resolve("SC_rgb_dcmtk_+eb+cy+s2.dcm"), "dcmdjpeg");
    // No JPEG 2000 in DCMTK: the lossless file's values are those of the native original.
    cases.put("MR JPEG 2000 lossless (pydicom)", new Path[] {S.resolve("MR_small_jp2klossless.dcm"), S.resolve("MR_small.dcm")});
    progressive12 = dir.resolve("ct_prog12.dcm");
    TestFiles.run("dcmcjpeg", "+ua", "+ep", ct.toString(), progressive12.toString());
    srv = new TestServer(dir.resolve("server"), DicomWebSettings.DEFAULT);
    Path[] files = Stream.concat(cases.values().stream().map(c -> c[0]), Stream.of(progressive12)).toArray(Path[]::new);
    HttpResponse<byte[]> r = srv.stow("/studies", files);
    assertThat(r.statusCode()).as(new String(r.body())).isEqualTo(200);
  }

  @AfterAll
  void stop() throws Exception {
    if (srv != null) srv.close();
  }

  private void add(String name, String tool, Path in, String... options) throws Exception {
    Path out = dir.resolve(cases.size() + ".dcm");
    List<String> cmd = new ArrayList<>(List.of(tool, "+ua")); // a new SOP Instance UID for each variant
    cmd.addAll(List.of(options));
    cmd.addAll(List.of(in.toString(), out.toString()));
    TestFiles.run(cmd.toArray(String[]::new));
    addSample(name, out, tool.replace("dcmc", "dcmd"));
  }

  private void addSample(String name, Path compressed, String decompressor) throws Exception {
    Path ref = dir.resolve(cases.size() + ".ref.dcm");
    if (decompressor.equals("dcmdrle")) TestFiles.run(decompressor, compressed.toString(), ref.toString());
    else TestFiles.run(decompressor, "+px", compressed.toString(), ref.toString());
    cases.put(name, new Path[] {compressed, ref});
  }

  Stream<String> names() {
    return cases.keySet().stream();
  }

  static String instancePath(Dataset d) {
    return "/studies/" + d.getString(Tag.StudyInstanceUID).orElseThrow() + "/series/" + d.getString(Tag.SeriesInstanceUID).orElseThrow()
        + "/instances/" + d.getString(Tag.SOPInstanceUID).orElseThrow();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("names")
  void decompressedAsDcmtkDecompresses(String name) throws Exception {
    Path compressed = cases.get(name)[0];
    DicomFile stored = DicomReader.readFile(compressed);
    DicomFile ref = DicomReader.readFile(cases.get(name)[1]);
    String path = instancePath(stored.dataset());
    HttpResponse<byte[]> r = srv.get(path, "Accept", "multipart/related; type=\"application/dicom\"; transfer-syntax=" + ELE);
    assertThat(r.statusCode()).as(new String(r.body())).isEqualTo(200);
    byte[] part = TestServer.parts(r).get(0);
    Path sentFile = dir.resolve(compressed.getFileName() + ".sent.dcm");
    Files.write(sentFile, part);
    TestFiles.run("dcmdump", "-q", sentFile.toString()); // DCMTK reads what we send
    DicomFile sent = DicomReader.open(new ByteArrayInputStream(part)).readFile(ReadOptions.DEFAULT);
    assertThat(sent.transferSyntax().uid()).isEqualTo(ELE);
    assertThat(sent.fileMeta().getString(Tag.TransferSyntaxUID)).hasValue(ELE);
    Dataset s = sent.dataset();
    Dataset e = ref.dataset();
    assertThat(s.getString(Tag.SOPInstanceUID)).isEqualTo(stored.dataset().getString(Tag.SOPInstanceUID));
    assertThat(s.getString(Tag.PhotometricInterpretation)).isEqualTo(e.getString(Tag.PhotometricInterpretation));
    assertThat(s.contains(Tag.ExtendedOffsetTable)).isFalse();
    if (s.getInt(Tag.SamplesPerPixel).orElse(1) == 3) assertThat(s.getInt(Tag.PlanarConfiguration)).hasValue(0);
    boolean lossy = name.contains("lossy") || stored.dataset().getString(Tag.LossyImageCompression).orElse("00").equals("01");
    if (lossy) assertThat(s.getString(Tag.LossyImageCompression)).hasValue("01");
    PixelData sp = PixelData.of(s, sent.transferSyntax());
    PixelData ep = PixelData.of(e, ref.transferSyntax());
    assertThat(sp.frameCount()).isEqualTo(ep.frameCount());
    for (int k = 0; k < sp.frameCount(); k++) {
      DecodedFrame a = Decoders.decodeFrame(sp, k);
      DecodedFrame b = Decoders.decodeFrame(ep, k);
      assertThat(a.samples()).isEqualTo(b.samples());
      TestFiles.assertValuesEqual(a.values(), b.values(), name + " frame " + (k + 1));
    }
    if (e.getInt(Tag.PlanarConfiguration).orElse(0) == 0 && e.getInt(Tag.BitsStored).orElse(8) % 8 == 0) {
      assertThat(s.getBytes(Tag.PixelData).orElseThrow()).isEqualTo(e.getBytes(Tag.PixelData).orElseThrow());
    }

    // Frames and the Pixel Data bulk data in Explicit VR Little Endian are the sent object's frames.
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    for (int k = 0; k < sp.frameCount(); k++) {
      byte[] expected = sp.readNativeFrame(k).bytes();
      all.write(expected);
      HttpResponse<byte[]> fr = srv.get(path + "/frames/" + (k + 1), "Accept", "multipart/related; type=\"application/octet-stream\"; transfer-syntax=" + ELE);
      assertThat(fr.statusCode()).isEqualTo(200);
      assertThat(TestServer.parts(fr)).singleElement().satisfies(p -> assertThat(p).isEqualTo(expected));
      HttpResponse<byte[]> one = srv.get(path + "/frames/" + (k + 1), "Accept", "application/octet-stream; transfer-syntax=" + ELE);
      assertThat(one.headers().firstValue("Content-Type")).hasValue("application/octet-stream; transfer-syntax=" + ELE);
      assertThat(one.body()).isEqualTo(expected);
    }
    HttpResponse<byte[]> bulk = srv.get(path + "/bulkdata/7FE00010", "Accept", "multipart/related; type=\"application/octet-stream\"; transfer-syntax=" + ELE);
    assertThat(bulk.statusCode()).isEqualTo(200);
    assertThat(TestServer.parts(bulk)).singleElement().satisfies(p -> assertThat(p).isEqualTo(all.toByteArray()));

    // transfer-syntax=* is the stored object, byte for byte; no syntax asked is Explicit VR LE.
    HttpResponse<byte[]> asStored = srv.get(path, "Accept", "multipart/related; type=\"application/dicom\"; transfer-syntax=*");
    assertThat(TestServer.parts(asStored).get(0)).isEqualTo(Files.readAllBytes(compressed));
    HttpResponse<byte[]> byDefault = srv.get(path, "Accept", "application/dicom");
    assertThat(byDefault.headers().firstValue("Content-Type")).hasValue("application/dicom; transfer-syntax=" + ELE);
    assertThat(byDefault.body()).isEqualTo(part);
  }

  @Test
  void unsupportedSyntaxesAreNotAcceptableAndSaySo() throws Exception {
    Path jpeg = cases.get("CT JPEG lossless SV1")[0];
    String path = instancePath(DicomReader.readFile(jpeg).dataset());
    HttpResponse<byte[]> r = srv.get(path, "Accept", "multipart/related; type=\"application/dicom\"; transfer-syntax=1.2.840.10008.1.2.4.80");
    assertThat(r.statusCode()).isEqualTo(406);
    assertThat(new String(r.body())).contains("as stored or as Explicit VR Little Endian").contains("1.2.840.10008.1.2.4.80");
    HttpResponse<byte[]> frames = srv.get(path + "/frames/1", "Accept", "multipart/related; type=\"application/octet-stream\"; transfer-syntax=1.2.840.10008.1.2");
    assertThat(frames.statusCode()).isEqualTo(406);
    HttpResponse<byte[]> bulk = srv.get(path + "/bulkdata/7FE00010", "Accept", "application/octet-stream; transfer-syntax=1.2.840.10008.1.2.4.90");
    assertThat(bulk.statusCode()).isEqualTo(406);
    // No decoder for 12-bit progressive JPEG: asked for Explicit VR LE, 501 naming it; asked for
    // nothing in particular, the object as stored.
    DicomFile progFile = DicomReader.readFile(progressive12);
    String prog = instancePath(progFile.dataset());
    HttpResponse<byte[]> refused = srv.get(prog, "Accept", "application/dicom; transfer-syntax=" + ELE);
    assertThat(refused.statusCode()).isEqualTo(501);
    assertThat(new String(refused.body())).contains("SOF2");
    HttpResponse<byte[]> fallback = srv.get(prog, "Accept", "multipart/related; type=\"application/dicom\"");
    assertThat(fallback.statusCode()).isEqualTo(200);
    assertThat(new String(fallback.body(), java.nio.charset.StandardCharsets.ISO_8859_1)).contains("transfer-syntax=" + progFile.transferSyntax().uid());
    assertThat(TestServer.parts(fallback)).singleElement().satisfies(p -> assertThat(p).isEqualTo(Files.readAllBytes(progressive12)));
    // Frames as stored in their own media type, one frame as a single part.
    HttpResponse<byte[]> asJpeg = srv.get(path + "/frames/1", "Accept", "image/jpeg");
    assertThat(asJpeg.statusCode()).isEqualTo(200);
    assertThat(asJpeg.headers().firstValue("Content-Type").orElseThrow()).startsWith("image/jpeg; transfer-syntax=1.2.840.10008.1.2.4.70");
    assertThat(asJpeg.body()).startsWith((byte) 0xFF, (byte) 0xD8);
    assertThat(srv.get(path + "/frames/1", "Accept", "image/jp2").statusCode()).isEqualTo(406);
  }
}
