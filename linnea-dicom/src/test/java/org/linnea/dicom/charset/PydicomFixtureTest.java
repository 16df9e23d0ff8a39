package org.linnea.dicom.charset;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Decodes the text elements of pydicom's character set test files (chr*.dcm, real files carrying
 * the PS3.5 examples and a few more), and a few constructed values, and compares with what pydicom
 * decodes. The fixture is made by tools/extract-charset-fixture.py.
 */
class PydicomFixtureTest {
  private static final String FIXTURE = "pydicom-charsets.tsv";

  /**
   * Rows where pydicom 2.3.1 is wrong, keyed "file element", with the correct value. All are
   * constructed values: every row of the real files decodes the same in both.
   */
  private static final Map<String, String> PYDICOM_IS_WRONG = Map.of(
      // pydicom hands "ESC $ ) A ..." to Python's GB2312 codec, which keeps the escape sequence.
      "constructed K.2-1", "Zhang^XiaoDong=张^小东=",
      // pydicom splits PN component groups on the byte 0x3D before decoding; here that byte is the
      // first half of the JIS X 0208 character 0x3D21.
      "constructed JIS X 0208 row 29", "宗^Taro",
      // pydicom splits values on the byte 0x5C before decoding; in GBK it can be a second byte.
      "constructed GBK trail 5C", "乗",
      // PS3.5 H.1.1: in ISO-IR 14 (G0 of ISO_IR 13) 07/14 is an over-line; pydicom decodes with
      // Python's shift_jis, which reads that half as ASCII.
      "constructed ISO-IR 14 07/14", "1\u203E3");

  record Row(String file, String element, String vr, String charset, byte[] value, String pydicom) {
    @Override
    public String toString() {
      return file + " " + element + " " + vr;
    }
  }

  static Stream<Arguments> rows() {
    return load().stream().map(Arguments::of);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void decodesAsPydicomDoes(Row row) {
    SpecificCharacterSet cs = SpecificCharacterSet.valueOf(row.charset().split("\\\\", -1));
    String expected = PYDICOM_IS_WRONG.getOrDefault(row.file() + " " + row.element(), row.pydicom());

    String decoded = cs.decode(row.value(), 0, row.value().length, row.vr().equals("PN"));

    assertThat(decoded).isEqualTo(expected);
    assertThat(decoded).doesNotContain("\uFFFD");
    assertThat(cs.warnings()).isEmpty();
  }

  @Test
  void fixtureCoversEveryFileAndTheCodeExtensions() {
    List<Row> rows = load();
    assertThat(rows).extracting(Row::file).contains(
        "chrArab.dcm", "chrFren.dcm", "chrFrenMulti.dcm", "chrGerm.dcm", "chrGreek.dcm", "chrH31.dcm",
        "chrH32.dcm", "chrHbrw.dcm", "chrI2.dcm", "chrJapMulti.dcm", "chrJapMultiExplicitIR6.dcm",
        "chrKoreanMulti.dcm", "chrRuss.dcm", "chrSQEncoding.dcm", "chrSQEncoding1.dcm", "chrX1.dcm",
        "chrX2.dcm");
    assertThat(rows).extracting(Row::charset).contains(
        "ISO 2022 IR 13\\ISO 2022 IR 87", "\\ISO 2022 IR 149", "GB18030", "ISO_IR 192");
    // the sequence item whose own (0008,0005) differs from the data set's
    assertThat(rows).anyMatch(r -> r.file().equals("chrSQEncoding.dcm")
        && r.element().contains("[0]") && r.charset().startsWith("ISO 2022 IR 13"));
  }

  private static List<Row> load() {
    List<Row> rows = new ArrayList<>();
    try (InputStream in = PydicomFixtureTest.class.getResourceAsStream(FIXTURE)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource " + FIXTURE);
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line; (line = reader.readLine()) != null; ) {
        if (line.startsWith("#") || line.isBlank()) {
          continue;
        }
        String[] f = line.split("\t", -1);
        rows.add(new Row(f[0], f[1], f[2], new String(Bytes.hex(f[3]), StandardCharsets.US_ASCII),
            Bytes.hex(f[4]), unescape(f[5])));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return rows;
  }

  /** Reverses the script's %XX escaping of '%' and control characters. */
  private static String unescape(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '%') {
        out.append((char) Integer.parseInt(s.substring(i + 1, i + 3), 16));
        i += 2;
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
