package org.linnea.dicom.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.linnea.dicom.io.DicomReader;
import org.linnea.dicom.io.SampleFiles;

/** Malformed and hostile JSON gives DicomJsonException, never another exception, an OutOfMemoryError or a StackOverflowError. */
class HostileJsonTest {

  static Stream<Arguments> hostile() {
    return Stream.of(
        Arguments.of("empty", "", "empty input"),
        Arguments.of("whitespace", "  \n ", "empty input"),
        Arguments.of("not JSON", "DICM", "malformed JSON"),
        Arguments.of("top-level string", "\"00100010\"", "expected a DICOM JSON object"),
        Arguments.of("array of arrays", "[[]]", "expected a DICOM JSON object in the array"),
        Arguments.of("trailing content", "{} {}", "unexpected content after"),
        Arguments.of("truncated object", "{\"00100010\": {\"vr\": \"PN\", \"Value\": [{\"Alphabetic\": \"A", "malformed JSON"),
        Arguments.of("truncated after key", "{\"00100010\":", "malformed JSON"),
        Arguments.of("truncated array", "[{}, {", "malformed JSON"),
        Arguments.of("unquoted key", "{00100010: {}}", "malformed JSON"),
        Arguments.of("NaN literal", "{\"00181063\": {\"vr\": \"FD\", \"Value\": [NaN]}}", "malformed JSON"),
        Arguments.of("deep arrays", "[".repeat(100_000), "JSON object in the array"),
        Arguments.of("deep arrays in a Value", "{\"00081115\":{\"vr\":\"SQ\",\"Value\":" + "[".repeat(100_000), "must be a JSON object"),
        Arguments.of("deep arrays before vr", "{\"00081115\":{\"Value\":" + "[".repeat(100_000), "malformed JSON"),
        Arguments.of("deep objects in an unknown member", "{\"00100010\":{\"x\":" + "{\"a\":".repeat(100_000), "malformed JSON"),
        Arguments.of("deep sequences", "{\"00081115\":{\"vr\":\"SQ\",\"Value\":[".repeat(5_000), ""),
        Arguments.of("bad key", "{\"0010001G\": {\"vr\": \"LO\"}}", "bad attribute key"),
        Arguments.of("short key", "{\"0010001\": {\"vr\": \"LO\"}}", "bad attribute key"),
        Arguments.of("keyword key", "{\"PatientName\": {\"vr\": \"PN\"}}", "bad attribute key"),
        Arguments.of("signed key", "{\"+0100010\": {\"vr\": \"PN\"}}", "bad attribute key"),
        Arguments.of("duplicate key", "{\"00100020\": {\"vr\": \"LO\"}, \"00100020\": {\"vr\": \"LO\"}}", "duplicate attribute"),
        Arguments.of("duplicate key out of order", "{\"00100020\": {\"vr\": \"LO\"}, \"00100010\": {\"vr\": \"PN\"}, \"00100020\": {\"vr\": \"LO\"}}", "duplicate attribute 00100020"),
        Arguments.of("attribute not an object", "{\"00100020\": \"42\"}", "expected an attribute object"),
        Arguments.of("unknown VR", "{\"00100020\": {\"vr\": \"XX\"}}", "unknown VR \"XX\""),
        Arguments.of("lower-case VR", "{\"00100020\": {\"vr\": \"lo\"}}", "unknown VR"),
        Arguments.of("VR not a string", "{\"00100020\": {\"vr\": 7}}", "\"vr\" must be a string"),
        Arguments.of("duplicate vr", "{\"00100020\": {\"vr\": \"LO\", \"vr\": \"SH\"}}", "duplicate \"vr\""),
        Arguments.of("private without vr", "{\"00091001\": {\"Value\": [\"x\"]}}", "attribute without \"vr\""),
        Arguments.of("Value not an array", "{\"00100020\": {\"vr\": \"LO\", \"Value\": \"42\"}}", "\"Value\" must be an array"),
        Arguments.of("Value and InlineBinary", "{\"00091001\": {\"vr\": \"OB\", \"Value\": [], \"InlineBinary\": \"AA==\"}}", "at most one"),
        Arguments.of("number for LO", "{\"00100020\": {\"vr\": \"LO\", \"Value\": [42]}}", "expected a string for VR LO"),
        Arguments.of("object for LO", "{\"00100020\": {\"vr\": \"LO\", \"Value\": [{}]}}", "expected a string for VR LO"),
        Arguments.of("boolean for CS", "{\"00100040\": {\"vr\": \"CS\", \"Value\": [true]}}", "found a boolean"),
        Arguments.of("string for US", "{\"00280010\": {\"vr\": \"US\", \"Value\": [\"512\"]}}", "expected a number for VR US"),
        Arguments.of("number for PN", "{\"00100010\": {\"vr\": \"PN\", \"Value\": [7]}}", "expected a string for VR PN"),
        Arguments.of("unknown PN group", "{\"00100010\": {\"vr\": \"PN\", \"Value\": [{\"Kanji\": \"x\"}]}}", "unknown person name component group"),
        Arguments.of("PN group not a string", "{\"00100010\": {\"vr\": \"PN\", \"Value\": [{\"Alphabetic\": []}]}}", "must be a string"),
        Arguments.of("number for AT", "{\"00280009\": {\"vr\": \"AT\", \"Value\": [1]}}", "AT values are strings"),
        Arguments.of("bad AT", "{\"00280009\": {\"vr\": \"AT\", \"Value\": [\"0018106\"]}}", "is not 8 hexadecimal digits"),
        Arguments.of("item not an object", "{\"00081115\": {\"vr\": \"SQ\", \"Value\": [null]}}", "must be a JSON object"),
        Arguments.of("Value for OB", "{\"00091001\": {\"vr\": \"OB\", \"Value\": [1, 2]}}", "InlineBinary or BulkDataURI"),
        Arguments.of("two values for LT", "{\"00204000\": {\"vr\": \"LT\", \"Value\": [\"a\", \"b\"]}}", "takes one value"),
        Arguments.of("CJK in CS", "{\"00100040\": {\"vr\": \"CS\", \"Value\": [\"\u5c71\"]}}", "default character repertoire"),
        Arguments.of("fraction for IS", "{\"00200013\": {\"vr\": \"IS\", \"Value\": [1.5]}}", "takes integers"),
        Arguments.of("huge IS", "{\"00200013\": {\"vr\": \"IS\", \"Value\": [1e400]}}", "out of range"),
        Arguments.of("IS above 2^31", "{\"00200013\": {\"vr\": \"IS\", \"Value\": [2147483648]}}", "out of range"),
        Arguments.of("huge exponent IS", "{\"00200013\": {\"vr\": \"IS\", \"Value\": [1e999999999]}}", "out of range"),
        Arguments.of("huge US", "{\"00280010\": {\"vr\": \"US\", \"Value\": [1e999999999]}}", "out of range"),
        Arguments.of("negative US", "{\"00280010\": {\"vr\": \"US\", \"Value\": [-1]}}", "out of range"),
        Arguments.of("UL above 2^32", "{\"00280010\": {\"vr\": \"UL\", \"Value\": [4294967296]}}", "out of range"),
        Arguments.of("UV above 2^64", "{\"00091001\": {\"vr\": \"UV\", \"Value\": [\"18446744073709551616\"]}}", "out of range"),
        Arguments.of("huge FD", "{\"00181063\": {\"vr\": \"FD\", \"Value\": [1e400]}}", "out of range"),
        Arguments.of("huge FL", "{\"00181063\": {\"vr\": \"FL\", \"Value\": [1e39]}}", "out of range"),
        Arguments.of("string for FD", "{\"00181063\": {\"vr\": \"FD\", \"Value\": [\"fast\"]}}", "only \"NaN\""),
        Arguments.of("exponent beyond int", "{\"00280030\": {\"vr\": \"DS\", \"Value\": [1e99999999999]}}", "out of range"),
        Arguments.of("DS beyond a double", "{\"00280030\": {\"vr\": \"DS\", \"Value\": [1e309]}}", "out of range"),
        Arguments.of("thousand-digit number", "{\"00280030\": {\"vr\": \"DS\", \"Value\": [" + "9".repeat(1000) + "]}}", "malformed JSON"),
        Arguments.of("invalid base64", "{\"00091001\": {\"vr\": \"OB\", \"InlineBinary\": \"!!!!\"}}", "invalid base64"),
        Arguments.of("truncated base64", "{\"00091001\": {\"vr\": \"OB\", \"InlineBinary\": \"QUJD=\"}}", "invalid base64"),
        Arguments.of("InlineBinary not a string", "{\"00091001\": {\"vr\": \"OB\", \"InlineBinary\": 7}}", "must be a base64 string"),
        Arguments.of("InlineBinary for LO", "{\"00100020\": {\"vr\": \"LO\", \"InlineBinary\": \"AQID\"}}", "InlineBinary is not allowed"),
        Arguments.of("BulkDataURI for SQ", "{\"00081115\": {\"vr\": \"SQ\", \"BulkDataURI\": \"x\"}}", "BulkDataURI is not allowed"),
        Arguments.of("BulkDataURI not a string", "{\"00091001\": {\"vr\": \"OB\", \"BulkDataURI\": [\"x\"]}}", "must be a string"),
        Arguments.of("invalid UTF-8", new String(new byte[] {'{', '"', (byte) 0xC3, '"', ':', '1', '}'}, StandardCharsets.ISO_8859_1), ""));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("hostile")
  void givesDicomJsonException(String what, String json, String message) {
    byte[] bytes = json.getBytes(what.equals("invalid UTF-8") ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
    assertThatThrownBy(() -> new DicomJsonReader().readAll(new ByteArrayInputStream(bytes)))
        .isInstanceOf(DicomJsonException.class)
        .hasMessageContaining(message);
    assertThatThrownBy(() -> new DicomJsonReader().readAll(json)).isInstanceOf(DicomJsonException.class);
  }

  @Test
  void errorsCarryALocation() {
    assertThatThrownBy(() -> new DicomJsonReader().read("{\n\"00100020\": {\"vr\": \"LO\", \"Value\": [42]}}"))
        .isInstanceOfSatisfying(DicomJsonException.class, e -> {
          assertThat(e.line()).isEqualTo(2);
          assertThat(e.column()).isGreaterThan(1);
          assertThat(e.tagPath()).isEqualTo("00100020");
        });
  }

  @Test
  void nestedValuesBeforeVrCannotMultiplyMemory() throws Exception {
    String item = "{\"00081115\":{\"Value\":[";
    String inner = "{\"00091001\":{\"vr\":\"LO\",\"Value\":[\"" + "x".repeat(1 << 20) + "\"]}}";
    String deep = item.repeat(60) + inner + "],\"vr\":\"SQ\"}}".repeat(60);
    assertThatThrownBy(() -> new DicomJsonReader().read(deep)).isInstanceOf(DicomJsonException.class)
        .hasMessageContaining("put \"vr\" first");
    // a few levels, as pydicom writes them (sorted keys), are fine
    String shallow = item.repeat(4) + inner + "],\"vr\":\"SQ\"}}".repeat(4);
    assertThat(new DicomJsonReader().read(shallow).size()).isEqualTo(1);
  }

  @Test
  void errorsAboutInlineBinaryPointAtIt() {
    assertThatThrownBy(() -> new DicomJsonReader().read("{\"00091001\": {\"InlineBinary\": \"!!\",\n \"vr\": \"OB\"}}"))
        .isInstanceOfSatisfying(DicomJsonException.class, e -> {
          assertThat(e.line()).isEqualTo(1);
          assertThat(e.column()).isEqualTo(15);
          assertThat(e.tagPath()).isEqualTo("00091001");
        });
  }

  /**
   * Seeded random mutations of DICOM files for a few seconds: whatever DicomReader makes of them,
   * the writer writes JSON that the reader takes back.
   */
  @Test
  void whateverIsReadFromDicomIsWrittenAsJsonTheReaderTakesBack() throws Exception {
    List<byte[]> seeds = new ArrayList<>();
    for (String name : List.of("test_files/rtplan.dcm", "test_files/nested_priv_SQ.dcm", "charset_files/chrX1.dcm",
        "test_files/ExplVR_BigEnd.dcm", "test_files/UN_sequence.dcm", "test_files/MR_small_implicit.dcm")) {
      seeds.add(Files.readAllBytes(SampleFiles.PYDICOM.resolve(name)));
    }
    DicomJsonWriter writer = new DicomJsonWriter();
    Random random = new Random(1129L);
    long deadline = System.nanoTime() + 3_000_000_000L;
    int read = 0;
    while (System.nanoTime() < deadline) {
      byte[] b = seeds.get(random.nextInt(seeds.size())).clone();
      for (int m = 1 + random.nextInt(8); m > 0; m--) {
        b[132 + random.nextInt(b.length - 132)] = (byte) (random.nextInt(4) == 0 ? 0xFF : random.nextInt(256));
      }
      org.linnea.dicom.data.Dataset ds;
      try (DicomReader r = DicomReader.open(new ByteArrayInputStream(b))) {
        ds = r.readFile(org.linnea.dicom.io.ReadOptions.DEFAULT.withMaxValueLength(1 << 24)).dataset();
      } catch (IOException | RuntimeException e) {
        continue; // DicomReader's business
      }
      read++;
      String json = writer.toJson(ds);
      try {
        new DicomJsonReader().read(json);
      } catch (DicomJsonException e) {
        fail("the reader refuses the writer's JSON: " + e.getMessage() + "\n" + json, e);
      }
    }
    assertThat(read).isGreaterThan(100);
  }

  /** Seeded random mutations of valid documents for a few seconds: only DicomJsonException may come out. */
  @Test
  void randomMutationsGiveOnlyDicomJsonException() throws Exception {
    List<String> seeds = new ArrayList<>();
    seeds.add(Files.readString(SampleFiles.PYDICOM.resolve("test_files/test1.json")));
    seeds.add(Files.readString(SampleFiles.PYDICOM.resolve("test_files/test_PN.json")));
    DicomJsonWriter writer = new DicomJsonWriter();
    for (String name : List.of("test_files/rtplan.dcm", "test_files/nested_priv_SQ.dcm", "charset_files/chrX1.dcm", "test_files/SC_rgb_small_odd.dcm")) {
      seeds.add(writer.toJson(DicomReader.readFile(SampleFiles.PYDICOM.resolve(name)).dataset()));
    }
    seeds.add("{\"00091001\":{\"vr\":\"FD\",\"Value\":[\"NaN\",1.5e300]},\"00091002\":{\"Value\":[\"18446744073709551615\"],\"vr\":\"UV\"},"
        + "\"00091003\":{\"vr\":\"AT\",\"Value\":[\"00100010\"]},\"00091004\":{\"vr\":\"OW\",\"InlineBinary\":\"AQIDBA==\"},"
        + "\"00091005\":{\"vr\":\"OB\",\"BulkDataURI\":\"bulk/x#offset=1&length=2\"},\"00091006\":{\"vr\":\"IS\",\"Value\":[1,\"2\",null]}}");
    String alphabet = "{}[]\":,\\0123456789-+.eEABCDEFnulltrue \n\u00e9\u5c71";
    Random random = new Random(20261129L);
    long deadline = System.nanoTime() + 4_000_000_000L;
    int runs = 0;
    int accepted = 0;
    while (System.nanoTime() < deadline && runs < 200_000) {
      String seed = seeds.get(random.nextInt(seeds.size()));
      StringBuilder sb = new StringBuilder(seed);
      int mutations = 1 + random.nextInt(4);
      for (int m = 0; m < mutations && sb.length() > 0; m++) {
        int at = random.nextInt(sb.length());
        switch (random.nextInt(6)) {
          case 0 -> sb.deleteCharAt(at);
          case 1 -> sb.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
          case 2 -> sb.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
          case 3 -> sb.setLength(at);
          case 4 -> {
            int len = Math.min(sb.length() - at, 1 + random.nextInt(40));
            sb.insert(random.nextInt(sb.length()), sb.substring(at, at + len));
          }
          default -> sb.delete(at, Math.min(sb.length(), at + 1 + random.nextInt(20)));
        }
      }
      String json = sb.toString();
      runs++;
      try {
        List<org.linnea.dicom.data.Dataset> out = new DicomJsonReader().readAll(json);
        accepted++;
        // whatever was accepted can be written out again and read back
        for (var ds : out) new DicomJsonReader().read(writer.toJson(ds));
      } catch (DicomJsonException expected) {
        // fine
      } catch (IOException | RuntimeException | Error e) {
        fail("run " + runs + ": " + e + " for input:\n" + json, e);
      }
    }
    assertThat(runs).isGreaterThan(1000);
    assertThat(accepted).isGreaterThan(0);
  }
}
