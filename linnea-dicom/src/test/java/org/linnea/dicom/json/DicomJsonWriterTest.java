package org.linnea.dicom.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.linnea.dicom.Tag;
import org.linnea.dicom.VR;
import org.linnea.dicom.data.BulkData;
import org.linnea.dicom.data.Dataset;
import org.linnea.dicom.data.Fragments;
import org.linnea.dicom.data.Sequence;
import org.linnea.dicom.io.DicomFile;
import org.linnea.dicom.io.DicomReader;
import org.linnea.dicom.io.ReadOptions;
import org.linnea.dicom.io.SampleFiles;

class DicomJsonWriterTest {

  private static Map<String, Object> json(Dataset ds) throws Exception {
    return JsonTree.object(new DicomJsonWriter().toJson(ds));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> attr(Map<String, Object> json, String key) {
    return (Map<String, Object>) json.get(key);
  }

  @SuppressWarnings("unchecked")
  private static List<Object> values(Map<String, Object> json, String key) {
    return (List<Object>) attr(json, key).get("Value");
  }

  @Test
  void keysInTagOrderWithoutGroupLengthsOrPaddingWithPrivateElements() throws Exception {
    Dataset ds = new Dataset();
    ds.setString(Tag.PatientID, VR.LO, "42");
    ds.setLong(0x00100000, VR.UL, 20);
    ds.setString(0x00090010, VR.LO, "ACME 1.0");
    ds.setString(0x00091001, VR.SH, "private");
    ds.setString(Tag.SOPInstanceUID, VR.UI, "1.2.3");
    ds.setBytes(0xFFFCFFFC, VR.OB, new byte[4]);
    String out = new DicomJsonWriter().toJson(ds);
    assertThat(out).isEqualTo("{\"00080018\":{\"vr\":\"UI\",\"Value\":[\"1.2.3\"]},"
        + "\"00090010\":{\"vr\":\"LO\",\"Value\":[\"ACME 1.0\"]},"
        + "\"00091001\":{\"vr\":\"SH\",\"Value\":[\"private\"]},"
        + "\"00100020\":{\"vr\":\"LO\",\"Value\":[\"42\"]}}");
  }

  @Test
  void emptyValuesHaveNoValueAndEmptyEntriesAreNull() throws Exception {
    Dataset ds = new Dataset();
    ds.setNull(Tag.PatientName, VR.PN);
    ds.setNull(Tag.ReferencedStudySequence, VR.SQ);
    ds.setString(Tag.ImageType, VR.CS, "ORIGINAL", "", "AXIAL");
    ds.setString(Tag.ImagePositionPatient, VR.DS, "1", "", "3");
    ds.newSequence(Tag.ReferencedSeriesSequence).addItem();
    Map<String, Object> j = json(ds);
    assertThat(attr(j, "00100010")).containsOnlyKeys("vr");
    assertThat(attr(j, "00081110")).containsOnlyKeys("vr");
    assertThat(values(j, "00080008")).containsExactly("ORIGINAL", null, "AXIAL");
    assertThat(values(j, "00200032")).containsExactly(BigDecimal.ONE, null, new BigDecimal(3));
    assertThat(values(j, "00081115")).containsExactly(Map.of());
  }

  @Test
  void decimalAndIntegerStringsAreNumbersWhenTheyAreNumbers() throws Exception {
    Dataset ds = new Dataset();
    ds.setString(Tag.PixelSpacing, VR.DS, "0.50", "+5", ".5", "1.", "-1e3", "abc");
    ds.setString(Tag.InstanceNumber, VR.IS, "007", "1.0", "1.5", "2147483648", "-2147483648");
    ds.setString(Tag.SliceThickness, VR.DS, "1e999");
    String out = new DicomJsonWriter().toJson(ds);
    // 0.50 keeps its characters; DICOM-only syntax becomes the same number in JSON syntax; not a number (of the VR) is a string
    assertThat(out).contains("\"Value\":[0.50,5,0.5,1,-1e3,\"abc\"]")
        .contains("\"Value\":[7,1.0,\"1.5\",\"2147483648\",-2147483648]").contains("\"Value\":[\"1e999\"]");
    Dataset back = new DicomJsonReader().read(out);
    assertThat(back.getStrings(Tag.InstanceNumber)).containsExactly("7", "1", "1.5", "2147483648", "-2147483648");
    assertThat(back.getStrings(Tag.SliceThickness)).containsExactly("1e999");
  }

  @Test
  void specialFloatsAreStringsAndComeBack() throws Exception {
    Dataset ds = new Dataset();
    ds.setDouble(0x00091001, VR.FD, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0.1, 1e300);
    ds.setDouble(0x00091002, VR.FL, Float.NaN, 3.14f, -2.5f);
    String out = new DicomJsonWriter().toJson(ds);
    assertThat(out).contains("[\"NaN\",\"Infinity\",\"-Infinity\",0.1,1.0E300]").contains("[\"NaN\",3.14,-2.5]");
    Dataset back = new DicomJsonReader().read(out);
    assertThat(back.getDoubles(0x00091001)).containsExactly(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0.1, 1e300);
    assertThat(back.getBytes(0x00091002).get()).isEqualTo(ds.getBytes(0x00091002).get());
  }

  @Test
  void veryLongsAreNumbersOnlyWhenExactInEveryJsonReader() throws Exception {
    Dataset ds = new Dataset();
    ds.setLong(0x00091001, VR.SV, 42, -(1L << 53) + 1, Long.MIN_VALUE);
    ds.setLong(0x00091002, VR.UV, -1L);
    ds.setLong(0x00091003, VR.US, 65535);
    ds.setLong(0x00091004, VR.SS, -2);
    ds.setLong(0x00091005, VR.UL, 0xFFFFFFFFL);
    String out = new DicomJsonWriter().toJson(ds);
    assertThat(out).contains("[42,-9007199254740991,\"-9223372036854775808\"]").contains("[\"18446744073709551615\"]")
        .contains("[65535]").contains("[-2]").contains("[4294967295]");
    Dataset back = new DicomJsonReader().read(out);
    for (int t = 0x00091001; t <= 0x00091005; t++) assertThat(back.getBytes(t).get()).isEqualTo(ds.getBytes(t).get());
  }

  @Test
  void attributeTagsAreHexStrings() throws Exception {
    Dataset ds = new Dataset();
    ds.setInt(Tag.FrameIncrementPointer, VR.AT, Tag.FrameTime, 0xFFFEE000);
    assertThat(values(json(ds), "00280009")).containsExactly("00181063", "FFFEE000");
  }

  @Test
  void personNamesAreComponentGroupObjects() throws Exception {
    // the example of PS3.18 F.2.8
    Dataset ds = new Dataset();
    ds.setString(Tag.SpecificCharacterSet, VR.CS, "ISO_IR 192");
    ds.setString(Tag.PatientName, VR.PN, "Yamada^Tarou=山田^太郎=やまだ^たろう");
    ds.setString(Tag.ReferringPhysicianName, VR.PN, "=山田^太郎", "Smith^John", "^^^^");
    Map<String, Object> j = json(ds);
    assertThat(values(j, "00100010")).containsExactly(
        Map.of("Alphabetic", "Yamada^Tarou", "Ideographic", "山田^太郎", "Phonetic", "やまだ^たろう"));
    assertThat(values(j, "00080090")).containsExactly(Map.of("Ideographic", "山田^太郎"), Map.of("Alphabetic", "Smith^John"), null);
  }

  @Test
  void textIsDecodedWithTheSpecificCharacterSet() throws Exception {
    Dataset ds = new Dataset();
    ds.setString(Tag.SpecificCharacterSet, VR.CS, "ISO_IR 100");
    ds.setBytes(Tag.PatientName, VR.PN, "Buc^J\u00e9r\u00f4me".getBytes(StandardCharsets.ISO_8859_1));
    assertThat(values(json(ds), "00100010")).containsExactly(Map.of("Alphabetic", "Buc^Jérôme"));
    assertThat(values(json(ds), "00080005")).containsExactly("ISO_IR 100");
  }

  @Test
  void publicUnknownVRIsResolvedPrivateIsNot() throws Exception {
    Dataset ds = new Dataset();
    ds.put(Tag.PatientName, VR.UN, "Doe^John".getBytes(StandardCharsets.US_ASCII));
    ds.put(Tag.Rows, VR.UN, new byte[] {0, 2});
    ds.put(Tag.Columns, VR.UN, new byte[] {1, 2, 3}); // not a US: stays UN
    ds.put(0x00091001, VR.UN, new byte[] {1, 2});
    Map<String, Object> j = json(ds);
    assertThat(attr(j, "00100010")).isEqualTo(Map.of("vr", "PN", "Value", List.of(Map.of("Alphabetic", "Doe^John"))));
    assertThat(attr(j, "00280010")).isEqualTo(Map.of("vr", "US", "Value", List.of(new BigDecimal(512))));
    assertThat(attr(j, "00280011")).isEqualTo(Map.of("vr", "UN", "InlineBinary", "AQID"));
    assertThat(attr(j, "00091001")).isEqualTo(Map.of("vr", "UN", "InlineBinary", "AQI="));
    Map<String, Object> kept = JsonTree.object(new DicomJsonWriter().resolveUnknownVR(false).toJson(ds));
    assertThat(attr(kept, "00100010")).isEqualTo(Map.of("vr", "UN", "InlineBinary", "RG9lXkpvaG4="));
  }

  @Test
  void binaryValuesInlineUpToTheLimitThenBulkDataUris() throws Exception {
    Dataset ds = new Dataset();
    ds.setBytes(0x00091010, VR.OB, new byte[] {1, 2, 3, 4});
    Sequence seq = ds.newSequence(Tag.ReferencedImageSequence);
    seq.addItem();
    seq.addItem().setBytes(Tag.PixelData, VR.OW, new byte[] {1, 2, 3, 4, 5, 6});
    List<String> seen = new ArrayList<>();
    DicomJsonWriter w = new DicomJsonWriter().inlineBinaryMaxLength(4).bulkDataUris((d, path, value) -> {
      seen.add(BulkDataUris.pathString(path) + " " + ((byte[]) value).length);
      return "https://pacs/bulk/" + BulkDataUris.pathString(path);
    });
    Map<String, Object> j = JsonTree.object(w.toJson(ds));
    assertThat(attr(j, "00091010")).isEqualTo(Map.of("vr", "OB", "InlineBinary", "AQIDBA=="));
    @SuppressWarnings("unchecked")
    Map<String, Object> item = (Map<String, Object>) values(j, "00081140").get(1);
    assertThat(item.get("7FE00010")).isEqualTo(Map.of("vr", "OW", "BulkDataURI", "https://pacs/bulk/00081140/1/7FE00010"));
    assertThat(seen).containsExactly("00081140/1/7FE00010 6");
    Map<String, Object> relative = JsonTree.object(new DicomJsonWriter().inlineBinaryMaxLength(0).toJson(ds));
    assertThat(attr(relative, "00091010")).isEqualTo(Map.of("vr", "OB", "BulkDataURI", "bulk/00091010"));
  }

  @Test
  void bigEndianBinaryIsInlinedLittleEndian() throws Exception {
    Dataset ds = new Dataset(true);
    ds.setBytes(Tag.PixelData, VR.OW, new byte[] {0x12, 0x34, 0x56, 0x78});
    assertThat(Base64.getDecoder().decode((String) attr(json(ds), "7FE00010").get("InlineBinary")))
        .containsExactly(0x34, 0x12, 0x78, 0x56);
  }

  @Test
  void encapsulatedPixelDataIsABulkDataUri() throws Exception {
    Dataset ds = new Dataset();
    Fragments f = new Fragments(VR.OB);
    f.add(new byte[0]);
    f.add(new byte[] {1, 2});
    ds.put(Tag.PixelData, VR.OB, f);
    assertThat(attr(json(ds), "7FE00010")).isEqualTo(Map.of("vr", "OB", "BulkDataURI", "bulk/7FE00010"));
  }

  @Test
  void deepSequencesAreWrittenAndReadBack() throws Exception {
    Dataset ds = new Dataset();
    Dataset d = ds;
    for (int i = 0; i < 1000; i++) d = d.newSequence(Tag.ReferencedSeriesSequence).addItem();
    d.setString(Tag.PatientID, VR.LO, "deep");
    String json = new DicomJsonWriter().toJson(ds);
    Dataset back = new DicomJsonReader().maxDepth(1000).read(json);
    assertThat(new DicomJsonWriter().toJson(back)).isEqualTo(json);
  }

  @Test
  void arraysOfDatasets() throws Exception {
    Dataset a = new Dataset().setString(Tag.PatientID, VR.LO, "A");
    Dataset b = new Dataset().setString(Tag.PatientID, VR.LO, "B");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new DicomJsonWriter().writeArray(out, List.of(a, b), true);
    List<Dataset> back = new DicomJsonReader().readAll(out.toString(StandardCharsets.UTF_8));
    assertThat(back).extracting(d -> d.getString(Tag.PatientID).get()).containsExactly("A", "B");
  }

  @Test
  void valuesLeftOnDiskBecomeFileRangesAndComeBackAsTheSameBulkData() throws Exception {
    for (String name : List.of("CT_small.dcm", "MR_small_jp2klossless.dcm", "MR_small_bigendian.dcm")) {
      Path file = SampleFiles.PYDICOM.resolve("test_files").resolve(name);
      DicomFile df = DicomReader.readFile(file, ReadOptions.DEFAULT.withBulkDataThreshold(1024));
      String json = new DicomJsonWriter().inlineBinaryMaxLength(1024).toJson(df.dataset());
      String uri = (String) attr(JsonTree.object(json), "7FE00010").get("BulkDataURI");
      assertThat(uri).as(name).startsWith(file.toUri() + "#offset=");
      Dataset back = new DicomJsonReader().bulkDataResolver(DicomJsonReader::fileRanges).read(json);
      BulkData pixels = back.getBulkData(Tag.PixelData).orElseThrow();
      assertThat(pixels.file()).isEqualTo(file);
      byte[] all = Files.readAllBytes(file);
      Object original = df.dataset().value(Tag.PixelData).orElseThrow();
      if (original instanceof BulkData o) {
        assertThat(pixels.offset()).isEqualTo(o.offset());
        assertThat(pixels.length()).isEqualTo(o.length());
      } else {
        // fragments: the range starts at the first fragment's Item tag (FFFE,E000)
        int at = (int) pixels.offset();
        assertThat(Arrays.copyOfRange(all, at, at + 4)).containsExactly(0xFE, 0xFF, 0x00, 0xE0);
        assertThat(pixels.offset() + pixels.length()).isLessThanOrEqualTo(all.length - 8);
      }
      List<String> diffs = new ArrayList<>();
      JsonRoundTripTest.compare(df.dataset(), back, "", diffs);
      assertThat(diffs).as(name).isEmpty();
    }
  }
}
