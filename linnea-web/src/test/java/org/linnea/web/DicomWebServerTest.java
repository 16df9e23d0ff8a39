package org.linnea.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.linnea.dicom.Tag;
import org.linnea.dicom.data.Dataset;
import org.linnea.dicom.io.DicomFile;
import org.linnea.dicom.io.DicomReader;
import org.linnea.imaging.pixel.PixelData;

/** DICOMweb over HTTP against a real server with pydicom's sample files. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DicomWebServerTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final Path S = TestServer.SAMPLES;
  static final Path CT = S.resolve("CT_small.dcm");
  static final Path MR = S.resolve("MR_small.dcm");
  static final Path J2K = S.resolve("JPEG2000.dcm");
  static final Path RLE = S.resolve("SC_rgb_rle.dcm");
  static final Path JPEG = S.resolve("SC_rgb_jpeg_dcmtk.dcm");
  static final Path DOSE = S.resolve("rtdose.dcm");
  static final Path JAPANESE = S.getParent().resolve("charset_files/chrH31.dcm");
  static final long LIMIT = 3L << 20;

  Path dir;
  TestServer srv;

  @BeforeAll
  void start(@TempDir Path dir) throws Exception {
    this.dir = dir;
    srv = new TestServer(dir, DicomWebSettings.DEFAULT.withMaxUploadBytes(LIMIT).withCorsAllowedOrigins(List.of("http://viewer.test:3000")));
    HttpResponse<byte[]> r = srv.stow("/studies", CT, MR, J2K, RLE, JPEG, DOSE, JAPANESE);
    assertThat(r.statusCode()).as(new String(r.body())).isEqualTo(200);
    JsonNode j = JSON.readTree(r.body());
    assertThat(j.path("00081199").path("Value")).hasSize(7);
    assertThat(j.has("00081198")).isFalse();
  }

  @AfterAll
  void stop() throws Exception {
    srv.close();
  }

  static Dataset header(Path f) throws Exception {
    return DicomReader.readFile(f).dataset();
  }

  static String uid(Path f, int tag) throws Exception {
    return header(f).getString(tag).orElseThrow();
  }

  static String instancePath(Path f) throws Exception {
    Dataset d = header(f);
    return "/studies/" + d.getString(Tag.StudyInstanceUID).orElseThrow() + "/series/" + d.getString(Tag.SeriesInstanceUID).orElseThrow()
        + "/instances/" + d.getString(Tag.SOPInstanceUID).orElseThrow();
  }

  JsonNode json(String path) throws Exception {
    HttpResponse<byte[]> r = srv.get(path, "Accept", "application/dicom+json");
    assertThat(r.statusCode()).as(path + ": " + new String(r.body())).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/dicom+json");
    return JSON.readTree(r.body());
  }

  static List<String> values(JsonNode answers, String tag) {
    List<String> out = new ArrayList<>();
    for (JsonNode a : answers) {
      JsonNode v = a.path(tag).path("Value").path(0);
      out.add(v.isObject() ? v.path("Alphabetic").asText() : v.asText());
    }
    return out;
  }

  // ---- QIDO-RS --------------------------------------------------------------------------------

  @Test
  void searchForStudiesMatching() throws Exception {
    String ct = uid(CT, Tag.StudyInstanceUID);
    String mr = uid(MR, Tag.StudyInstanceUID);
    assertThat(json("/studies")).hasSize(6);
    String nm = uid(J2K, Tag.StudyInstanceUID);
    assertThat(values(json("/studies?PatientName=CompressedSamples%5ECT1"), "0020000D")).containsExactly(ct);
    assertThat(values(json("/studies?PatientName=compressedsamples*"), "0020000D")).containsExactlyInAnyOrder(ct, mr, nm);
    assertThat(values(json("/studies?PatientName=Compressed%3Famples%5EMR1"), "0020000D")).containsExactly(mr);
    assertThat(values(json("/studies?StudyDate=20040101-20040630"), "0020000D")).containsExactly(ct);
    assertThat(values(json("/studies?StudyDate=20040801-"), "0020000D")).contains(mr).doesNotContain(ct);
    assertThat(values(json("/studies?StudyInstanceUID=" + ct + "," + mr), "0020000D")).containsExactlyInAnyOrder(ct, mr);
    assertThat(values(json("/studies?0020000D=" + ct + "%5C" + mr), "0020000D")).containsExactlyInAnyOrder(ct, mr);
    assertThat(values(json("/studies?ModalitiesInStudy=NM"), "0020000D")).containsExactly(nm);
    assertThat(values(json("/studies?ModalitiesInStudy=OT"), "0020000D")).containsExactlyInAnyOrder(uid(RLE, Tag.StudyInstanceUID), uid(JAPANESE, Tag.StudyInstanceUID));
    assertThat(values(json("/studies?PatientID=1CT1"), "0020000D")).containsExactly(ct);
    // fuzzymatching: person names by prefix
    assertThat(json("/studies?PatientName=compressedsamples&fuzzymatching=true")).hasSize(3);
    assertThat(json("/studies?PatientName=compressedsamples&fuzzymatching=false")).isEmpty();
    // limit and offset page through a stable order
    List<String> all = values(json("/studies?limit=6&offset=0"), "0020000D");
    List<String> paged = new ArrayList<>(values(json("/studies?limit=2&offset=0"), "0020000D"));
    paged.addAll(values(json("/studies?limit=2&offset=2"), "0020000D"));
    paged.addAll(values(json("/studies?limit=2&offset=4"), "0020000D"));
    assertThat(paged).containsExactlyInAnyOrderElementsOf(all).hasSize(6);
  }

  @Test
  void studyAnswersCarryComputedAttributesAndPersonNameGroups() throws Exception {
    String mr = uid(RLE, Tag.StudyInstanceUID);
    JsonNode a = json("/studies?StudyInstanceUID=" + mr + "&includefield=all").get(0);
    assertThat(a.path("00201206").path("Value").get(0).asInt()).isEqualTo(1); // series
    assertThat(a.path("00201208").path("Value").get(0).asInt()).isEqualTo(2); // instances
    assertThat(a.path("00201208").path("vr").asText()).isEqualTo("IS");
    assertThat(a.path("00080061").path("Value")).extracting(JsonNode::asText).containsExactly("OT");
    assertThat(a.path("00080062").path("Value")).hasSize(1);
    assertThat(a.path("00080061").path("vr").asText()).isEqualTo("CS");
    assertThat(a.path("00081190").path("Value").get(0).asText()).isEqualTo(srv.base + "/studies/" + mr);
    assertThat(a.path("00080056").path("Value").get(0).asText()).isEqualTo("ONLINE");
    assertThat(a.has("00080052")).isFalse();
    JsonNode jp = json("/studies?PatientID=" + header(JAPANESE).getString(Tag.PatientID).orElseThrow()).get(0).path("00100010");
    assertThat(jp.path("vr").asText()).isEqualTo("PN");
    JsonNode pn = jp.path("Value").get(0);
    assertThat(pn.path("Alphabetic").asText()).isEqualTo("Yamada^Tarou");
    assertThat(pn.path("Ideographic").asText()).isEqualTo("山田^太郎");
    assertThat(pn.path("Phonetic").asText()).isEqualTo("やまだ^たろう");
  }

  @Test
  void searchForSeriesAndInstances() throws Exception {
    String mrStudy = uid(MR, Tag.StudyInstanceUID);
    String mrSeries = uid(MR, Tag.SeriesInstanceUID);
    assertThat(values(json("/studies/" + mrStudy + "/series"), "0020000E")).containsExactly(mrSeries);
    assertThat(values(json("/studies/" + uid(RLE, Tag.StudyInstanceUID) + "/instances"), "00080018")).hasSize(2);
    assertThat(values(json("/studies/" + mrStudy + "/series?Modality=MR"), "0020000E")).containsExactly(mrSeries);
    assertThat(values(json("/series?Modality=RTDOSE"), "0020000E")).containsExactly(uid(DOSE, Tag.SeriesInstanceUID));
    JsonNode inst = json("/studies/" + mrStudy + "/series/" + mrSeries + "/instances");
    assertThat(values(inst, "00080018")).containsExactly(uid(MR, Tag.SOPInstanceUID));
    assertThat(inst.get(0).path("00081190").path("Value").get(0).asText()).isEqualTo(srv.base + instancePath(MR));
    assertThat(values(json("/studies/" + mrStudy + "/instances"), "00080018")).hasSize(1);
    assertThat(values(json("/instances?SOPClassUID=1.2.840.10008.5.1.4.1.1.2"), "00080018")).containsExactly(uid(CT, Tag.SOPInstanceUID));
    assertThat(values(json("/instances?SOPInstanceUID=" + uid(J2K, Tag.SOPInstanceUID) + "&includefield=00083002"), "00083002"))
        .containsExactly("1.2.840.10008.1.2.4.91");
  }

  // ---- WADO-RS --------------------------------------------------------------------------------

  @Test
  void retrieveStudyIsByteForByteAsStored() throws Exception {
    for (Path f : List.of(MR, RLE)) {
      HttpResponse<byte[]> r = srv.get("/studies/" + uid(f, Tag.StudyInstanceUID), "Accept", "multipart/related; type=\"application/dicom\"; transfer-syntax=*");
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("multipart/related; type=\"application/dicom\"");
      List<byte[]> parts = TestServer.parts(r);
      assertThat(parts).hasSize(f == MR ? 1 : 2);
      assertThat(parts).anySatisfy(p -> assertThat(p).isEqualTo(Files.readAllBytes(f)));
    }
    HttpResponse<byte[]> one = srv.get(instancePath(J2K), "Accept", "multipart/related; type=\"application/dicom\"; transfer-syntax=1.2.840.10008.1.2.4.91");
    assertThat(TestServer.parts(one)).singleElement().satisfies(p -> assertThat(p).isEqualTo(Files.readAllBytes(J2K)));
    HttpResponse<byte[]> series = srv.get(instancePath(CT).replaceAll("/instances/.*", ""));
    assertThat(TestServer.parts(series)).singleElement().satisfies(p -> assertThat(p).isEqualTo(Files.readAllBytes(CT)));
  }

  @Test
  void nativeObjectsStoredImplicitAreSentAsExplicitVrLittleEndianByDefault() throws Exception {
    HttpResponse<byte[]> r = srv.get(instancePath(DOSE), "Accept", "multipart/related; type=\"application/dicom\"");
    byte[] part = TestServer.parts(r).get(0);
    DicomFile sent = DicomReader.open(new ByteArrayInputStream(part)).readFile(org.linnea.dicom.io.ReadOptions.DEFAULT);
    DicomFile stored = DicomReader.readFile(DOSE);
    assertThat(sent.transferSyntax().uid()).isEqualTo("1.2.840.10008.1.2.1");
    assertThat(sent.dataset().getBytes(Tag.PixelData).orElseThrow()).isEqualTo(stored.dataset().getBytes(Tag.PixelData).orElseThrow());
    assertThat(sent.dataset().getString(Tag.SOPInstanceUID)).isEqualTo(stored.dataset().getString(Tag.SOPInstanceUID));
    // A compressed object comes decompressed (DecompressionTest checks the values), not recompressed: 406.
    assertThat(srv.get(instancePath(J2K), "Accept", "multipart/related; type=\"application/dicom\"; transfer-syntax=1.2.840.10008.1.2.1").statusCode()).isEqualTo(200);
    assertThat(srv.get(instancePath(J2K), "Accept", "multipart/related; type=\"application/dicom\"; transfer-syntax=1.2.840.10008.1.2.4.80").statusCode()).isEqualTo(406);
  }

  @Test
  void metadataWithBulkDataUris() throws Exception {
    JsonNode md = json("/studies/" + uid(RLE, Tag.StudyInstanceUID) + "/metadata");
    assertThat(md).hasSize(2);
    JsonNode ct = json(instancePath(CT) + "/metadata").get(0);
    assertThat(ct.path("00100010").path("Value").get(0).path("Alphabetic").asText()).isEqualTo("CompressedSamples^CT1");
    assertThat(ct.path("00280010").path("Value").get(0).asInt()).isEqualTo(128);
    String uri = ct.path("7FE00010").path("BulkDataURI").asText();
    assertThat(uri).isEqualTo(srv.base + instancePath(CT) + "/bulkdata/7FE00010");
    assertThat(ct.path("7FE00010").path("vr").asText()).isEqualTo("OW");
    HttpResponse<byte[]> bulk = srv.get(uri);
    assertThat(bulk.statusCode()).isEqualTo(200);
    assertThat(TestServer.parts(bulk).get(0)).isEqualTo(DicomReader.readFile(CT).dataset().getBytes(Tag.PixelData).orElseThrow());
  }

  @Test
  void framesNativeAndCompressed() throws Exception {
    HttpResponse<byte[]> r = srv.get(instancePath(CT) + "/frames/1", "Accept", "multipart/related; type=\"application/octet-stream\"");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(TestServer.parts(r)).singleElement().satisfies(p -> assertThat(p).hasSize(128 * 128 * 2));
    // rtdose: 15 frames; frames 2 and 15
    DicomFile dose = DicomReader.readFile(DOSE);
    PixelData px = PixelData.of(dose.dataset(), dose.transferSyntax());
    List<byte[]> two = TestServer.parts(srv.get(instancePath(DOSE) + "/frames/2,15"));
    assertThat(two).hasSize(2);
    assertThat(two.get(0)).isEqualTo(px.readNativeFrame(1).bytes());
    assertThat(two.get(1)).isEqualTo(px.readNativeFrame(14).bytes());
    // compressed: as stored with transfer-syntax=*, decompressed otherwise
    DicomFile rle = DicomReader.readFile(RLE);
    PixelData rpx = PixelData.of(rle.dataset(), rle.transferSyntax());
    HttpResponse<byte[]> asStored = srv.get(instancePath(RLE) + "/frames/1", "Accept", "multipart/related; type=\"application/octet-stream\"; transfer-syntax=*");
    assertThat(TestServer.parts(asStored).get(0)).isEqualTo(rpx.readEncapsulatedFrame(0));
    HttpResponse<byte[]> decoded = srv.get(instancePath(RLE) + "/frames/1", "Accept", "multipart/related; type=\"application/octet-stream\"");
    assertThat(TestServer.parts(decoded).get(0)).hasSize(rpx.description().rows() * rpx.description().columns() * 3);
  }

  @Test
  void renderedPngHasTheWindowedValues() throws Exception {
    double c = 40;
    double w = 400;
    HttpResponse<byte[]> r = srv.get(instancePath(CT) + "/rendered?window=40,400", "Accept", "image/png");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("image/png");
    BufferedImage img = ImageIO.read(new ByteArrayInputStream(r.body()));
    assertThat(img.getWidth()).isEqualTo(128);
    Dataset ds = DicomReader.readFile(CT).dataset();
    byte[] pixels = ds.getBytes(Tag.PixelData).orElseThrow();
    double slope = ds.getDouble(Tag.RescaleSlope).orElse(1);
    double intercept = ds.getDouble(Tag.RescaleIntercept).orElse(0);
    int checked = 0;
    for (int y = 0; y < 128; y += 9) {
      for (int x = 0; x < 128; x += 7) {
        int i = (y * 128 + x) * 2;
        short raw = (short) ((pixels[i] & 0xFF) | (pixels[i + 1] << 8));
        double v = raw * slope + intercept;
        double expected;
        if (v <= c - 0.5 - (w - 1) / 2) expected = 0;
        else if (v > c - 0.5 + (w - 1) / 2) expected = 255;
        else expected = ((v - (c - 0.5)) / (w - 1) + 0.5) * 255;
        int got = img.getRaster().getSample(x, y, 0);
        assertThat((double) got).as("pixel %d,%d value %f", x, y, v).isCloseTo(expected, org.assertj.core.data.Offset.offset(1.0));
        checked++;
      }
    }
    assertThat(checked).isGreaterThan(200);
    // viewport and JPEG
    HttpResponse<byte[]> small = srv.get(instancePath(CT) + "/rendered?viewport=64,64&quality=80");
    assertThat(small.headers().firstValue("Content-Type")).hasValue("image/jpeg");
    assertThat(ImageIO.read(new ByteArrayInputStream(small.body())).getWidth()).isEqualTo(64);
    // compressed objects render too: JPEG 2000, RLE, JPEG baseline; frames of a multi-frame object
    for (Path f : List.of(J2K, RLE, JPEG)) {
      HttpResponse<byte[]> rr = srv.get(instancePath(f) + "/rendered", "Accept", "image/png");
      assertThat(rr.statusCode()).as(f.toString()).isEqualTo(200);
      assertThat(ImageIO.read(new ByteArrayInputStream(rr.body()))).isNotNull();
    }
    assertThat(srv.get(instancePath(DOSE) + "/frames/7/rendered").statusCode()).isEqualTo(200);
  }

  @Test
  void renderedSourceRegionIsCutFlippedAndScaled() throws Exception {
    BufferedImage full = png(instancePath(CT) + "/rendered?window=40,400");
    BufferedImage crop = png(instancePath(CT) + "/rendered?window=40,400&viewport=30,40,10,20,30,40");
    assertThat(crop.getWidth()).isEqualTo(30);
    assertThat(crop.getHeight()).isEqualTo(40);
    BufferedImage mirrored = png(instancePath(CT) + "/rendered?window=40,400&viewport=30,40,10,20,-30,-40");
    for (int y = 0; y < 40; y++) {
      for (int x = 0; x < 30; x++) {
        int expected = full.getRaster().getSample(10 + x, 20 + y, 0);
        assertThat(crop.getRaster().getSample(x, y, 0)).as("%d,%d", x, y).isEqualTo(expected);
        assertThat(mirrored.getRaster().getSample(29 - x, 39 - y, 0)).as("flipped %d,%d", x, y).isEqualTo(expected);
      }
    }
    // blank values: from the offset to the image's edge; then fitted into the viewport
    BufferedImage edge = png(instancePath(CT) + "/rendered?viewport=59,59,10,10,,");
    assertThat(edge.getWidth()).isEqualTo(59);
    BufferedImage scaled = png(instancePath(CT) + "/rendered?viewport=60,200,10,20,30,40");
    assertThat(scaled.getWidth()).isEqualTo(60);
    assertThat(scaled.getHeight()).isEqualTo(80);
    // annotation and ICC profiles are not applied, and the response says so
    HttpResponse<byte[]> warned = srv.get(instancePath(CT) + "/rendered?annotation=patient&iccprofile=srgb");
    assertThat(warned.statusCode()).isEqualTo(200);
    assertThat(warned.headers().allValues("Warning")).hasSize(2).allSatisfy(w -> assertThat(w).contains("not supported"));
    assertThat(srv.get(instancePath(CT) + "/rendered?iccprofile=no").headers().allValues("Warning")).isEmpty();
  }

  @Test
  void renderedStudyAndSeriesHaveEveryFrame() throws Exception {
    // A study of two colour instances (RLE, JPEG), one frame each.
    HttpResponse<byte[]> study = srv.get("/studies/" + uid(RLE, Tag.StudyInstanceUID) + "/rendered", "Accept", "multipart/related; type=\"image/png\"");
    assertThat(study.statusCode()).as(new String(study.body())).isEqualTo(200);
    assertThat(study.headers().firstValue("Content-Type").orElseThrow()).startsWith("multipart/related; type=\"image/png\"");
    List<byte[]> parts = TestServer.parts(study);
    assertThat(parts).hasSize(2);
    assertThat(parts).anySatisfy(p -> assertThat(p).isEqualTo(srv.get(instancePath(RLE) + "/rendered", "Accept", "image/png").body()));
    assertThat(new String(study.body(), java.nio.charset.StandardCharsets.ISO_8859_1)).contains("Content-Location: " + srv.base + instancePath(RLE) + "/rendered");
    // A series of one 15-frame dose: a part per frame, each that frame's rendered resource, with the parameters applied.
    String series = instancePath(DOSE).replaceAll("/instances/.*", "");
    List<byte[]> frames = TestServer.parts(srv.get(series + "/rendered?viewport=20,20", "Accept", "multipart/related; type=\"image/png\""));
    assertThat(frames).hasSize(15);
    assertThat(frames.get(6)).isEqualTo(srv.get(instancePath(DOSE) + "/frames/7/rendered?viewport=20,20", "Accept", "image/png").body());
    assertThat(ImageIO.read(new ByteArrayInputStream(frames.get(0))).getWidth()).isLessThanOrEqualTo(20);
    // JPEG by default
    assertThat(srv.get(series + "/rendered").headers().firstValue("Content-Type").orElseThrow()).startsWith("multipart/related; type=\"image/jpeg\"");
    assertThat(srv.get("/studies/9.9.9/rendered").statusCode()).isEqualTo(404);
  }

  BufferedImage png(String path) throws Exception {
    HttpResponse<byte[]> r = srv.get(path, "Accept", "image/png");
    assertThat(r.statusCode()).as(path + ": " + new String(r.body())).isEqualTo(200);
    return ImageIO.read(new ByteArrayInputStream(r.body()));
  }

  @Test
  void thumbnailsAreSmallAndCached() throws Exception {
    HttpResponse<byte[]> a = srv.get(instancePath(CT) + "/thumbnail?viewport=32,32");
    assertThat(a.statusCode()).isEqualTo(200);
    BufferedImage img = ImageIO.read(new ByteArrayInputStream(a.body()));
    assertThat(Math.max(img.getWidth(), img.getHeight())).isEqualTo(32);
    assertThat(srv.get(instancePath(CT) + "/thumbnail?viewport=32,32").body()).isEqualTo(a.body());
    assertThat(srv.get("/studies/" + uid(MR, Tag.StudyInstanceUID) + "/thumbnail").statusCode()).isEqualTo(200);
    assertThat(srv.get(instancePath(MR).replaceAll("/instances/.*", "") + "/thumbnail", "Accept", "image/png").headers().firstValue("Content-Type"))
        .hasValue("image/png");
  }

  @Test
  void wadoUri() throws Exception {
    Dataset d = header(CT);
    String q = "/wado?requestType=WADO&studyUID=" + d.getString(Tag.StudyInstanceUID).orElseThrow() + "&seriesUID="
        + d.getString(Tag.SeriesInstanceUID).orElseThrow() + "&objectUID=" + d.getString(Tag.SOPInstanceUID).orElseThrow();
    HttpResponse<byte[]> dcm = srv.get(q + "&contentType=application/dicom");
    assertThat(dcm.statusCode()).isEqualTo(200);
    assertThat(dcm.body()).isEqualTo(Files.readAllBytes(CT));
    HttpResponse<byte[]> jpeg = srv.get(q + "&rows=50&windowCenter=40&windowWidth=400");
    assertThat(jpeg.headers().firstValue("Content-Type")).hasValue("image/jpeg");
    assertThat(ImageIO.read(new ByteArrayInputStream(jpeg.body())).getHeight()).isEqualTo(50);
    assertThat(srv.get(q.replace("requestType=WADO", "requestType=XYZ")).statusCode()).isEqualTo(400);
    assertThat(srv.get(q + "&contentType=text/html").statusCode()).isEqualTo(406);
  }

  // ---- STOW-RS ----------------------------------------------------------------------------------

  @Test
  void stowReportsStoredAndFailedParts() throws Exception {
    // A part cut short and one that is fine (already stored, identical: accepted again).
    byte[] mr = Files.readAllBytes(MR);
    byte[] cut = java.util.Arrays.copyOf(mr, mr.length - 1000);
    String ct = "multipart/related; type=\"application/dicom\"; boundary=b0undary";
    HttpResponse<byte[]> r = srv.post("/studies", ct, TestServer.multipart("b0undary", "application/dicom", List.of(cut, Files.readAllBytes(CT))));
    assertThat(r.statusCode()).as(new String(r.body())).isEqualTo(202);
    JsonNode j = JSON.readTree(r.body());
    assertThat(j.path("00081198").path("Value")).hasSize(1);
    assertThat(j.path("00081198").path("Value").get(0).path("00081197").path("Value").get(0).asInt()).isEqualTo(0xC000);
    assertThat(j.path("00081199").path("Value")).hasSize(1);
    assertThat(r.headers().allValues("Warning")).anySatisfy(w -> assertThat(w).contains("not a complete DICOM file"));
    // Only failures: 409.
    HttpResponse<byte[]> none = srv.post("/studies", ct, TestServer.multipart("b0undary", "application/dicom", List.of(cut)));
    assertThat(none.statusCode()).isEqualTo(409);
    // An instance of another study than the URL names: refused with 0xA900.
    HttpResponse<byte[]> wrong = srv.stow("/studies/1.2.3.4", CT);
    assertThat(wrong.statusCode()).isEqualTo(409);
    assertThat(JSON.readTree(wrong.body()).path("00081198").path("Value").get(0).path("00081197").path("Value").get(0).asInt()).isEqualTo(0xA900);
    // The stored MR is untouched.
    HttpResponse<byte[]> back = srv.get(instancePath(MR), "Accept", "multipart/related; type=\"application/dicom\"; transfer-syntax=*");
    assertThat(TestServer.parts(back).get(0)).isEqualTo(mr);
  }

  // ---- CORS -------------------------------------------------------------------------------------

  @Test
  void corsForTheAllowedOriginOnly() throws Exception {
    var http = srv.http;
    var pre = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(srv.base + "/studies"))
        .method("OPTIONS", java.net.http.HttpRequest.BodyPublishers.noBody())
        .header("Origin", "http://viewer.test:3000").header("Access-Control-Request-Method", "GET")
        .header("Access-Control-Request-Headers", "accept").build(), HttpResponse.BodyHandlers.ofByteArray());
    assertThat(pre.statusCode()).isEqualTo(204);
    assertThat(pre.headers().firstValue("Access-Control-Allow-Origin")).hasValue("http://viewer.test:3000");
    assertThat(pre.headers().firstValue("Access-Control-Allow-Methods").orElseThrow()).contains("GET").contains("POST");
    assertThat(pre.headers().firstValue("Access-Control-Allow-Headers")).hasValue("accept");
    HttpResponse<byte[]> get = srv.get("/studies", "Origin", "http://viewer.test:3000");
    assertThat(get.headers().firstValue("Access-Control-Allow-Origin")).hasValue("http://viewer.test:3000");
    HttpResponse<byte[]> missing = srv.get("/studies/9.9.9", "Origin", "http://viewer.test:3000");
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(missing.headers().firstValue("Access-Control-Allow-Origin")).hasValue("http://viewer.test:3000");
    HttpResponse<byte[]> other = srv.get("/studies", "Origin", "http://evil.test");
    assertThat(other.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    var badPre = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(srv.base + "/studies"))
        .method("OPTIONS", java.net.http.HttpRequest.BodyPublishers.noBody())
        .header("Origin", "http://evil.test").header("Access-Control-Request-Method", "GET").build(), HttpResponse.BodyHandlers.ofByteArray());
    assertThat(badPre.statusCode()).isEqualTo(403);
  }
}
