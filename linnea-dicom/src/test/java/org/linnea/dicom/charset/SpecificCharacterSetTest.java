package org.linnea.dicom.charset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.linnea.dicom.charset.Bytes.charset;
import static org.linnea.dicom.charset.Bytes.decode;
import static org.linnea.dicom.charset.Bytes.hex;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Terms, warnings and encoding; decoding behaviour is in {@link Iso2022DecodingTest}. */
class SpecificCharacterSetTest {

  @Test
  void absentOrEmptyIsTheAsciiConstant() {
    assertThat(SpecificCharacterSet.valueOf()).isSameAs(SpecificCharacterSet.ASCII);
    assertThat(SpecificCharacterSet.valueOf((String[]) null)).isSameAs(SpecificCharacterSet.ASCII);
    assertThat(SpecificCharacterSet.ASCII.definedTerms()).isEmpty();
    assertThat(SpecificCharacterSet.ASCII.isAscii()).isTrue();
    assertThat(SpecificCharacterSet.ASCII.warnings()).isEmpty();
  }

  @Test
  void commonTermsGiveTheConstants() {
    assertThat(SpecificCharacterSet.valueOf("ISO_IR 192")).isSameAs(SpecificCharacterSet.UTF_8);
    assertThat(SpecificCharacterSet.valueOf("ISO_IR 100")).isSameAs(SpecificCharacterSet.ISO_8859_1);
  }

  @Test
  void definedTermsAreTheInputAndACopy() {
    String[] input = {null, "ISO 2022 IR 87"};
    SpecificCharacterSet cs = SpecificCharacterSet.valueOf(input);
    input[1] = "changed";

    assertThat(cs.definedTerms()).containsExactly("", "ISO 2022 IR 87");
    cs.definedTerms()[0] = "changed";
    assertThat(cs.definedTerms()).containsExactly("", "ISO 2022 IR 87");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "ISO_IR 6", "ISO 2022 IR 6", "\\", "ISO 2022 IR 6\\ISO 2022 IR 6"})
  void defaultRepertoireIsAscii(String value) {
    SpecificCharacterSet cs = charset(value);
    assertThat(cs.isAscii()).isTrue();
    assertThat(cs.canEncode()).isEqualTo(!value.contains("\\"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"ISO_IR 100", "\\ISO 2022 IR 87", "ISO_IR 192", "GB18030", "nonsense", "\\nonsense"})
  void otherRepertoiresAreNotAscii(String value) {
    assertThat(charset(value).isAscii()).isFalse();
  }

  @Test
  void everyDefinedTermIsKnownWithoutWarning() {
    for (Term t : Term.values()) {
      boolean g0DoubleByte = t.g0.isDoubleByte(); // not allowed as value 1, tested below
      if (!g0DoubleByte) {
        assertThat(SpecificCharacterSet.valueOf(t.term).warnings()).as(t.term).isEmpty();
      }
      if (t.codeExtensions()) {
        assertThat(SpecificCharacterSet.valueOf("", t.term).warnings()).as(t.term).isEmpty();
      }
    }
  }

  @Test
  void unknownTermWarnsAndReadsLatin1() {
    SpecificCharacterSet cs = SpecificCharacterSet.valueOf("ISO_IR 999");

    assertThat(cs.warnings()).singleElement().asString()
        .contains("Unknown", "'ISO_IR 999'", "ISO 8859-1");
    assertThat(decode(cs, hex("41 E9 FF"), false)).isEqualTo("Aéÿ");
    assertThat(cs.canEncode()).isFalse();
  }

  @Test
  void unknownLaterTermIsIgnored() {
    SpecificCharacterSet cs = charset("\\ISO 2022 IR 999\\ISO 2022 IR 87");

    assertThat(cs.warnings()).singleElement().asString().contains("'ISO 2022 IR 999'", "ignored");
    assertThat(decode(cs, hex("1B 24 42 3B 33 45 44 1B 28 42"), true)).isEqualTo("山田");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "iso_ir 100      | ISO_IR 100",
      "ISO_IR100       | ISO_IR 100",
      "ISO-IR 100      | ISO_IR 100",
      "ISO IR 100      | ISO_IR 100",
      "ISO-8859-1      | ISO_IR 100",
      "UTF-8           | ISO_IR 192",
      "ISO 2022 IR 192 | ISO_IR 192",
      "gb18030         | GB18030",
      "ISO 2022 GBK    | GBK"})
  void misspeltTermsAreReadAsMeantWithAWarning(String written, String meant) {
    SpecificCharacterSet cs = SpecificCharacterSet.valueOf(written);

    assertThat(cs.warnings()).singleElement().asString().contains("'" + written + "'", "'" + meant + "'");
    assertThat(cs.definedTerms()).containsExactly(written);
    assertThat(cs.canEncode()).as("a misspelling is not written on").isFalse();
  }

  @Test
  void paddingAroundTermsIsTolerated() {
    assertThat(SpecificCharacterSet.valueOf(" ISO_IR 100 ").warnings()).isEmpty();
  }

  @Test
  void termsWithoutCodeExtensionsInSeveralValuesAreReadWithThem() {
    SpecificCharacterSet cs = charset("ISO_IR 100\\ISO_IR 87");

    assertThat(cs.warnings()).hasSize(2);
    assertThat(cs.warnings().get(0)).contains("'ISO_IR 100'", "'ISO 2022 IR 100'");
    assertThat(cs.warnings().get(1)).contains("'ISO_IR 87'", "'ISO 2022 IR 87'");
    assertThat(decode(cs, hex("E9 1B 24 42 3B 33 45 44 1B 28 42"), false)).isEqualTo("é山田");
  }

  @Test
  void unicodeWithCodeExtensionsIsReadAsUnicode() {
    SpecificCharacterSet cs = charset("ISO_IR 192\\ISO 2022 IR 87");

    assertThat(cs.warnings()).singleElement().asString().contains("cannot be combined");
    assertThat(decode(cs, "Müller".getBytes(StandardCharsets.UTF_8), true)).isEqualTo("Müller");
    assertThat(cs.canEncode()).isFalse();
  }

  @Test
  void unicodeAfterAnEmptyValue1IsReadAsUnicode() {
    SpecificCharacterSet cs = charset("\\ISO_IR 192");

    assertThat(cs.warnings()).isNotEmpty();
    assertThat(decode(cs, "Müller".getBytes(StandardCharsets.UTF_8), true)).isEqualTo("Müller");
  }

  @Test
  void unicodeAmongIso2022TermsIsIgnored() {
    SpecificCharacterSet cs = charset("ISO 2022 IR 100\\ISO_IR 192");

    assertThat(cs.warnings()).singleElement().asString().contains("ignored");
    assertThat(decode(cs, hex("E9"), true)).isEqualTo("é");
  }

  @Test
  void japaneseDoubleByteSetAsValue1StartsInAscii() {
    SpecificCharacterSet cs = SpecificCharacterSet.valueOf("ISO 2022 IR 87");

    assertThat(cs.warnings()).singleElement().asString().contains("cannot be value 1");
    assertThat(decode(cs, hex("41 1B 24 42 3B 33 45 44 1B 28 42"), true)).isEqualTo("A山田");
  }

  @Test
  void emptyLaterValueWarns() {
    assertThat(charset("ISO 2022 IR 100\\").warnings()).singleElement().asString().contains("Value 2");
  }

  @Test
  void warningsCannotBeModified() {
    assertThatThrownBy(() -> SpecificCharacterSet.valueOf("x").warnings().clear())
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void equalityIsByDefinedTerms() {
    assertThat(charset("\\ISO 2022 IR 87")).isEqualTo(charset("\\ISO 2022 IR 87"))
        .hasSameHashCodeAs(charset("\\ISO 2022 IR 87"))
        .isNotEqualTo(charset("ISO 2022 IR 6\\ISO 2022 IR 87"));
    assertThat(charset("\\ISO 2022 IR 87")).hasToString("SpecificCharacterSet[\\ISO 2022 IR 87]");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "ISO_IR 6        | Doe^John=Doe^John",
      "ISO 2022 IR 6   | 'Line 1\r\nLine 2\t~'",
      "ISO_IR 100      | Müller^Jürgen=Ærøskøbing ¿½ÿ",
      "ISO 2022 IR 100 | Façade^François",
      "ISO_IR 192      | Wang^XiaoDong=王^小東=Ωμέγα 𠀋 😀"})
  void encodeDecodeRoundTrip(String term, String text) {
    SpecificCharacterSet cs = SpecificCharacterSet.valueOf(term);

    byte[] bytes = cs.encode(text);

    assertThat(cs.canEncode()).isTrue();
    assertThat(decode(cs, bytes, true)).isEqualTo(text);
    assertThat(decode(cs, bytes, false)).isEqualTo(text);
  }

  @Test
  void encodeWritesTheExpectedBytes() {
    assertThat(SpecificCharacterSet.ASCII.encode("A^B")).containsExactly(hex("41 5E 42"));
    assertThat(SpecificCharacterSet.ISO_8859_1.encode("é")).containsExactly(hex("E9"));
    assertThat(SpecificCharacterSet.UTF_8.encode("é")).containsExactly(hex("C3 A9"));
  }

  @Test
  void unrepresentableCharacterIsNamed() {
    assertThatThrownBy(() -> SpecificCharacterSet.ASCII.encode("Müller"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'ü'").hasMessageContaining("U+00FC").hasMessageContaining("index 1")
        .hasMessageContaining("ISO_IR 6");
    assertThatThrownBy(() -> SpecificCharacterSet.ISO_8859_1.encode("5 €"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'€'").hasMessageContaining("U+20AC").hasMessageContaining("ISO_IR 100");
    assertThatThrownBy(() -> SpecificCharacterSet.ISO_8859_1.encode("𠀋"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("U+2000B");
  }

  @Test
  void unpairedSurrogateCannotBeEncodedEvenInUtf8() {
    assertThatThrownBy(() -> SpecificCharacterSet.UTF_8.encode("a\uD800b"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("U+D800").hasMessageContaining("index 1");
  }

  @Test
  void escIsRefusedWhereReadersWouldObeyIt() {
    assertThatThrownBy(() -> SpecificCharacterSet.ASCII.encode("a\u001B$Bb"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ESC");
    assertThat(SpecificCharacterSet.UTF_8.encode("\u001B")).containsExactly(0x1B);
  }

  @ParameterizedTest
  @ValueSource(strings = {"\\ISO 2022 IR 87", "ISO_IR 101", "GB18030", "GBK", "ISO_IR 13", "x", "ISO_IR 100\\"})
  void onlyAsciiLatin1AndUtf8AreWritable(String value) {
    SpecificCharacterSet cs = charset(value);

    assertThat(cs.canEncode()).isFalse();
    assertThatThrownBy(() -> cs.encode("a"))
        .isInstanceOf(UnsupportedOperationException.class)
        .hasMessageContaining("'" + value + "'")
        .hasMessageContaining("ISO_IR 192");
  }
}
