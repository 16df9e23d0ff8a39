package org.linnea.dicom.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.linnea.dicom.Tag;
import org.linnea.dicom.VR;
import org.linnea.dicom.data.BulkData;
import org.linnea.dicom.data.Dataset;
import org.linnea.dicom.data.PersonName;
import org.linnea.dicom.data.Sequence;
import org.linnea.dicom.io.SampleFiles;

class DicomJsonReaderTest {

  private static String pydicomJson(String name) throws Exception {
    return Files.readString(SampleFiles.PYDICOM.resolve("test_files").resolve(name), StandardCharsets.UTF_8);
  }

  /** pydicom's test_json.py TestPersonName.test_json_pn_from_file. */
  @Test
  void pydicomTestPN() throws Exception {
    Dataset ds = new DicomJsonReader().read(pydicomJson("test_PN.json"));
    assertThat(ds.vr(Tag.ReferringPhysicianName)).contains(VR.PN);
    assertThat(ds.getString(Tag.ReferringPhysicianName)).isEmpty();
    assertThat(ds.getPersonName(Tag.PatientName).map(PersonName::toString)).contains("Prostate^Volunteer");
    Dataset inner = ds.getSequence(0x04000561).get().get(0).getSequence(0x04000550).get().get(0);
    assertThat(inner.vr(Tag.PatientName)).contains(VR.PN);
    assertThat(inner.getString(Tag.PatientAge)).contains("051Y");
    assertThat(inner.getString(Tag.PatientSex)).contains("M");
    assertThat(inner.contains(Tag.PatientID)).isTrue();
    assertThat(inner.getString(Tag.PatientID)).isEmpty();
  }

  /** pydicom's test_json.py TestSequence.test_nested_sequences, and the values of test1.json. */
  @Test
  void pydicomTest1() throws Exception {
    DicomJsonReader reader = new DicomJsonReader();
    Dataset ds = reader.read(pydicomJson("test1.json"));
    // pydicom gives [128, 0, 0, 32, None]; a US value cannot hold an empty value, so the null is dropped with a warning
    assertThat(ds.getInts(Tag.AcquisitionMatrix)).containsExactly(128, 0, 0, 32);
    assertThat(reader.warnings()).anyMatch(w -> w.contains("null value dropped") && w.contains("00181310"));
    // "BulkDataURI": "" (pydicom warns: no bulk data handler)
    BulkData pixels = ds.getBulkData(Tag.PixelData).orElseThrow();
    assertThat(pixels.uri()).isEmpty();
    assertThat(pixels.length()).isEqualTo(DicomJsonReader.UNKNOWN_LENGTH);
    assertThat(ds.getString(Tag.ImagesInAcquisition)).contains("714");
    assertThat(ds.getDouble(Tag.PatientWeight).getAsDouble()).isEqualTo(87.09);
    assertThat(ds.getString(Tag.StationName)).contains("L1BAY3_GE3T");
    assertThat(ds.getString(0x00190010)).contains("GEMS_ACQU_01");
    Sequence codes = ds.getSequence(Tag.DeidentificationMethodCodeSequence).orElseThrow();
    assertThat(codes.get(0).getString(Tag.CodeValue)).contains("113100");
    assertThat(codes.get(1).isEmpty()).isTrue();
    // pydicom: ds == Dataset.from_json(ds.to_json())
    DicomJsonWriter writer = new DicomJsonWriter();
    String json1 = writer.toJson(ds);
    Dataset again = reader.read(json1);
    assertThat(writer.toJson(again)).isEqualTo(json1);
    assertThat(again).isEqualTo(ds);
  }

  /** pydicom's test_json.py TestPersonName.test_pn_components_from_json. */
  @Test
  void pydicomPersonNameComponents() throws Exception {
    String json = "{\"00100010\": {\"vr\": \"PN\", \"Value\": [{\"Alphabetic\": \"Yamada^Tarou\", \"Ideographic\": \"山田^太郎\", "
        + "\"Phonetic\": \"やまだ^たろう\"}]}, "
        + "\"00091001\": {\"vr\": \"PN\", \"Value\": [{\"Alphabetic\": \"Yamada^Tarou\"}]}, "
        + "\"00091002\": {\"vr\": \"PN\", \"Value\": [{\"Alphabetic\": \"Yamada^Tarou\", \"Ideographic\": \"\", \"Phonetic\": \"\"}]}, "
        + "\"00091003\": {\"vr\": \"PN\", \"Value\": [{\"Ideographic\": \"山田^太郎\", \"Phonetic\": \"やまだ^たろう\"}]}, "
        + "\"00091004\": {\"vr\": \"PN\", \"Value\": [{\"Alphabetic\": \"Yamada^Tarou\", \"Phonetic\": \"やまだ^たろう\"}]}, "
        + "\"00091005\": {\"vr\": \"PN\", \"Value\": [{\"Phonetic\": \"やまだ^たろう\"}]}, "
        + "\"00091006\": {\"vr\": \"PN\", \"Value\": [{\"Ideographic\": \"山田^太郎\"}]}, "
        + "\"00091007\": {\"vr\": \"PN\", \"Value\": [{\"Alphabetic\": \"Yamada^Tarou\", \"Ideographic\": \"山田^太郎\"}]}}";
    Dataset ds = new DicomJsonReader().read(json);
    assertThat(ds.getString(Tag.PatientName)).contains("Yamada^Tarou=山田^太郎=やまだ^たろう");
    assertThat(ds.getString(0x00091001)).contains("Yamada^Tarou");
    assertThat(ds.getString(0x00091002)).contains("Yamada^Tarou");
    assertThat(ds.getString(0x00091003)).contains("=山田^太郎=やまだ^たろう");
    assertThat(ds.getString(0x00091004)).contains("Yamada^Tarou==やまだ^たろう");
    assertThat(ds.getString(0x00091005)).contains("==やまだ^たろう");
    assertThat(ds.getString(0x00091006)).contains("=山田^太郎");
    assertThat(ds.getString(0x00091007)).contains("Yamada^Tarou=山田^太郎");
    assertThat(ds.getString(Tag.SpecificCharacterSet)).contains("ISO_IR 192");
  }

  /** The person name example of PS3.18 F.2.8, both ways, and the bytes stored (UTF-8). */
  @Test
  void ps3_18_F_2_8_personName() throws Exception {
    String json = "{\"00100010\":{\"vr\":\"PN\",\"Value\":[{\"Alphabetic\":\"Yamada^Tarou\",\"Ideographic\":\"山田^太郎\","
        + "\"Phonetic\":\"やまだ^たろう\"}]}}";
    Dataset ds = new DicomJsonReader().read(json);
    PersonName pn = ds.getPersonName(Tag.PatientName).orElseThrow();
    assertThat(pn.alphabetic().family()).isEqualTo("Yamada");
    assertThat(pn.ideographic().given()).isEqualTo("太郎");
    assertThat(pn.phonetic().family()).isEqualTo("やまだ");
    byte[] utf8 = "Yamada^Tarou=山田^太郎=やまだ^たろう".getBytes(StandardCharsets.UTF_8);
    assertThat(ds.getBytes(Tag.PatientName).get()).startsWith(utf8).hasSize(utf8.length + (utf8.length & 1));
    assertThat(new DicomJsonWriter().toJson(ds))
        .isEqualTo("{\"00080005\":{\"vr\":\"CS\",\"Value\":[\"ISO_IR 192\"]}," + json.substring(1));
  }

  @Test
  void textOutsideAsciiMakesTheCharacterSetUtf8() throws Exception {
    String json = "{\"00080005\":{\"vr\":\"CS\",\"Value\":[\"ISO_IR 100\"]},"
        + "\"00081115\":{\"vr\":\"SQ\",\"Value\":[{\"00080005\":{\"vr\":\"CS\",\"Value\":[\"ISO_IR 100\"]},"
        + "\"00100010\":{\"vr\":\"PN\",\"Value\":[{\"Alphabetic\":\"Buc^Jérôme\"}]}}]}}";
    Dataset ds = new DicomJsonReader().read(json);
    assertThat(ds.getString(Tag.SpecificCharacterSet)).contains("ISO_IR 192");
    Dataset item = ds.getSequence(Tag.ReferencedSeriesSequence).get().get(0);
    assertThat(item.getString(Tag.SpecificCharacterSet)).contains("ISO_IR 192");
    assertThat(item.getString(Tag.PatientName)).contains("Buc^Jérôme");
    Dataset ascii = new DicomJsonReader().read(json.replace("Jérôme", "Jerome"));
    assertThat(ascii.getString(Tag.SpecificCharacterSet)).contains("ISO_IR 100");
    Dataset none = new DicomJsonReader().read("{\"00100010\":{\"vr\":\"PN\",\"Value\":[{\"Alphabetic\":\"Jerome\"}]}}");
    assertThat(none.contains(Tag.SpecificCharacterSet)).isFalse();
  }

  @Test
  void membersInAnyOrderAndLenientCases() throws Exception {
    DicomJsonReader reader = new DicomJsonReader();
    Dataset ds = reader.read("{\"00081115\":{\"Value\":[{\"00200013\":{\"Value\":[\"12\", 13.0],\"vr\":\"IS\"}}],\"vr\":\"SQ\"},"
        + "\"00100010\":{\"Value\":[\"Doe^John\"],\"vr\":\"PN\"},"
        + "\"00100020\":{\"Value\":[\"42\"],\"keyword\":\"PatientID\"},"
        + "\"00091001\":{\"vr\":\"OB\",\"InlineBinary\":[\"AQID\"]}}");
    assertThat(ds.getSequence(Tag.ReferencedSeriesSequence).get().get(0).getStrings(Tag.InstanceNumber)).containsExactly("12", "13");
    assertThat(ds.getString(Tag.PatientName)).contains("Doe^John");
    assertThat(ds.getString(Tag.PatientID)).contains("42");
    assertThat(ds.vr(Tag.PatientID)).contains(VR.LO);
    assertThat(ds.getBytes(0x00091001).get()).containsExactly(1, 2, 3, 0);
    assertThat(reader.warnings()).hasSize(3).anyMatch(w -> w.contains("\"keyword\" ignored"))
        .anyMatch(w -> w.contains("PN value as a string")).anyMatch(w -> w.contains("LO from the data dictionary"));
  }

  @Test
  void attributesOutOfOrderAreSortedQuickly() throws Exception {
    StringBuilder sb = new StringBuilder("{");
    for (int i = 0xFFFF; i >= 0x10; i--) {
      sb.append(String.format("\"0011%04X\":{\"vr\":\"UL\",\"Value\":[%d]},", i, i));
    }
    sb.append("\"00110000\":{\"vr\":\"UL\",\"Value\":[1]}}");
    long start = System.nanoTime();
    Dataset ds = new DicomJsonReader().read(sb.toString());
    assertThat((System.nanoTime() - start) / 1_000_000).as("milliseconds").isLessThan(5_000);
    assertThat(ds.size()).isEqualTo(0xFFFF - 0x10 + 1);
    for (int i = 0; i < ds.size(); i++) assertThat(ds.tagAt(i)).isEqualTo(0x00110010 + i);
    assertThat(ds.getLong(0x0011ABCD).getAsLong()).isEqualTo(0xABCD);
  }

  @Test
  void latin1InDefaultRepertoireVRsIsKeptWithAWarning() throws Exception {
    DicomJsonReader reader = new DicomJsonReader();
    Dataset ds = reader.read("{\"0020000D\":{\"vr\":\"UI\",\"Value\":[\"1.2.\u00ff\"]}}");
    assertThat(ds.getBytes(Tag.StudyInstanceUID).get()).containsExactly('1', '.', '2', '.', 0xFF, 0);
    assertThat(ds.getString(Tag.StudyInstanceUID)).contains("1.2.\u00ff");
    assertThat(reader.warnings()).singleElement().asString().contains("U+00FF");
    assertThat(ds.contains(Tag.SpecificCharacterSet)).isFalse();
  }

  @Test
  void binaryOfAnOddLengthIsKeptWithAWarning() throws Exception {
    DicomJsonReader reader = new DicomJsonReader();
    Dataset ds = reader.read("{\"7FE00008\": {\"vr\": \"OF\", \"InlineBinary\": \"AQID\"}}");
    assertThat(ds.getBytes(Tag.FloatPixelData).get()).containsExactly(1, 2, 3);
    assertThat(reader.warnings()).singleElement().asString().contains("not a multiple of 4");
  }

  @Test
  void numbersBecomeDicomStrings() throws Exception {
    Dataset ds = new DicomJsonReader().read("{\"00280030\":{\"vr\":\"DS\",\"Value\":[0.5, 1e-3, 3.14159265358979323846, -12345678901234567890]},"
        + "\"00200013\":{\"vr\":\"IS\",\"Value\":[2147483647, -2147483648, 1E2]},"
        + "\"00181310\":{\"vr\":\"US\",\"Value\":[65535, 0, 1.0]},"
        + "\"00280009\":{\"vr\":\"AT\",\"Value\":[\"00181063\", \"fffee000\"]},"
        + "\"00091001\":{\"vr\":\"UV\",\"Value\":[\"18446744073709551615\", 7]}}");
    String[] ds16 = ds.getStrings(Tag.PixelSpacing);
    assertThat(ds16).containsExactly("0.5", "1e-3", "3.14159265358979", "-1.234567890E+19");
    for (String s : ds16) assertThat(s.length()).isLessThanOrEqualTo(16);
    assertThat(ds.getStrings(Tag.InstanceNumber)).containsExactly("2147483647", "-2147483648", "100");
    assertThat(ds.getInts(Tag.AcquisitionMatrix)).containsExactly(65535, 0, 1);
    assertThat(ds.getStrings(Tag.FrameIncrementPointer)).containsExactly("00181063", "FFFEE000");
    assertThat(ds.getStrings(0x00091001)).containsExactly("18446744073709551615", "7");
  }

  @Test
  void arraysAndSingleObjects() throws Exception {
    DicomJsonReader reader = new DicomJsonReader();
    assertThat(reader.readAll("[]")).isEmpty();
    assertThat(reader.readAll("[{}, {\"00100020\":{\"vr\":\"LO\"}}]")).hasSize(2);
    assertThat(reader.readAll("{}")).hasSize(1);
    assertThat(reader.read("[{}]").isEmpty()).isTrue();
    assertThatThrownBy(() -> reader.read("[{}, {}]")).isInstanceOf(DicomJsonException.class).hasMessageContaining("found an array of 2");
  }

  @Test
  void bulkDataUrisAreKeptAsTheyAreByDefault() throws Exception {
    String json = "{\"7FE00010\":{\"vr\":\"OW\",\"BulkDataURI\":\"file:///tmp/x.dcm#offset=10&length=20&endian=big\"},"
        + "\"00091001\":{\"vr\":\"OB\",\"BulkDataURI\":\"https://pacs/studies/1/bulk/00091001\"},"
        + "\"00091002\":{\"vr\":\"UT\",\"BulkDataURI\":\"bulk/00091002\"},"
        + "\"00091003\":{\"vr\":\"OB\",\"BulkDataURI\":\"file:///etc/passwd\"}}";
    Dataset ds = new DicomJsonReader().read(json);
    // a local file named by a document from elsewhere is never opened
    assertThat(ds.getBulkData(Tag.PixelData)).contains(
        new BulkData("file:///tmp/x.dcm#offset=10&length=20&endian=big", 0, DicomJsonReader.UNKNOWN_LENGTH, false));
    assertThat(ds.getBulkData(0x00091003)).contains(new BulkData("file:///etc/passwd", 0, DicomJsonReader.UNKNOWN_LENGTH, false));
    assertThat(ds.getBulkData(0x00091001)).contains(new BulkData("https://pacs/studies/1/bulk/00091001", 0, DicomJsonReader.UNKNOWN_LENGTH, false));
    assertThat(ds.vr(0x00091002)).contains(VR.UT);
    // and written back as they came, even with inlining of everything
    String out = new DicomJsonWriter().toJson(ds);
    assertThat(out).contains("\"https://pacs/studies/1/bulk/00091001\"").contains("\"bulk/00091002\"")
        .contains("\"file:///tmp/x.dcm#offset=10&length=20&endian=big\"").contains("\"file:///etc/passwd\"");
  }

  @Test
  void fileRangesForTrustedDocuments() throws Exception {
    Dataset ds = new DicomJsonReader().bulkDataResolver(DicomJsonReader::fileRanges).read(
        "{\"7FE00010\":{\"vr\":\"OW\",\"BulkDataURI\":\"file:///tmp/x.dcm#offset=10&length=20&endian=big\"},"
        + "\"00091001\":{\"vr\":\"OB\",\"BulkDataURI\":\"https://pacs/studies/1/bulk/00091001\"}}");
    assertThat(ds.getBulkData(Tag.PixelData)).contains(new BulkData("file:///tmp/x.dcm", 10, 20, true));
    assertThat(ds.getBulkData(0x00091001)).contains(new BulkData("https://pacs/studies/1/bulk/00091001", 0, DicomJsonReader.UNKNOWN_LENGTH, false));
    String out = new DicomJsonWriter().inlineBinaryMaxLength(0).toJson(ds);
    assertThat(out).contains("\"file:///tmp/x.dcm#offset=10&length=20&endian=big\"");
    for (String odd : List.of("file:///x#offset=a&length=2", "file:///x#length=2", "file:#offset=0&length=2", "file:x y#offset=0&length=2")) {
      assertThat(DicomJsonReader.fileRanges(odd, 0, VR.OB)).isEqualTo(new BulkData(odd, 0, DicomJsonReader.UNKNOWN_LENGTH, false));
    }
  }

  @Test
  void aResolverCanFetchTheBytes() throws Exception {
    Dataset fetched = new DicomJsonReader().bulkDataResolver((uri, tag, vr) -> new byte[] {7, 7, 7}).read(
        "{\"00091001\":{\"vr\":\"OB\",\"BulkDataURI\":\"x\"}}");
    assertThat(fetched.getBytes(0x00091001).get()).containsExactly(7, 7, 7, 0);
  }

  @Test
  void errorsNameLineColumnAndTag() {
    String json = "{\n  \"00081115\": {\"vr\": \"SQ\", \"Value\": [\n    {\"00280010\": {\"vr\": \"US\", \"Value\": [\"512\"]}}]}}";
    assertThatThrownBy(() -> new DicomJsonReader().read(json))
        .isInstanceOfSatisfying(DicomJsonException.class, e -> {
          assertThat(e.line()).isEqualTo(3);
          assertThat(e.column()).isEqualTo(41);
          assertThat(e.tagPath()).isEqualTo("00081115[0]/00280010");
        })
        .hasMessage("expected a number for VR US, found a string at line 3, column 41, in 00081115[0]/00280010");
  }

  @Test
  void valueBeforeVrReportsTheValueLocation() {
    String json = "{\"00280010\": {\"Value\": [\"512\"], \"vr\": \"US\"}}";
    assertThatThrownBy(() -> new DicomJsonReader().read(json))
        .isInstanceOfSatisfying(DicomJsonException.class, e -> {
          assertThat(e.line()).isEqualTo(1);
          assertThat(e.column()).isEqualTo(15);
          assertThat(e.tagPath()).isEqualTo("00280010");
        });
  }

  @Test
  void nestingIsBounded() throws Exception {
    String item = "{\"00081115\":{\"vr\":\"SQ\",\"Value\":[";
    String end = "]}}";
    String ok = item.repeat(10) + "{}" + end.repeat(10);
    new DicomJsonReader().maxDepth(10).read(ok);
    String deep = item.repeat(11) + "{}" + end.repeat(11);
    assertThatThrownBy(() -> new DicomJsonReader().maxDepth(10).read(deep)).isInstanceOf(DicomJsonException.class);
  }
}
