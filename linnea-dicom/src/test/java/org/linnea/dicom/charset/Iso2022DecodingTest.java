package org.linnea.dicom.charset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.linnea.dicom.charset.Bytes.charset;
import static org.linnea.dicom.charset.Bytes.decode;
import static org.linnea.dicom.charset.Bytes.hex;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Decoding: each repertoire, escape sequences, returning to the initial state, and leniency. */
class Iso2022DecodingTest {
  private static final String KANJI_YAMADA = "1B 24 42 3B 33 45 44"; // ESC $ B 山田
  private static final String KANJI_TAROU = "1B 24 42 42 40 4F 3A"; // ESC $ B 太郎
  private static final String TO_ASCII = "1B 28 42";

  /** One characteristic character of each single-byte repertoire, bare and by escape sequence. */
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "100 | A | E9 | é",
      "101 | B | A3 | Ł",
      "109 | C | A6 | Ĥ",
      "110 | D | A2 | ĸ",
      "144 | L | B6 | Ж",
      "127 | G | D9 | ع",
      "126 | F | D9 | Ω",
      "138 | H | E0 | א",
      "148 | M | F0 | ğ",
      "203 | b | A4 | €",
      "166 | T | A1 | ก"})
  void singleByteRepertoires(String ir, String escapeFinal, String code, String expected) {
    byte[] bare = hex("41 " + code);
    byte[] escaped = hex("41 1B 2D " + String.format("%02X ", (int) escapeFinal.charAt(0)) + code);

    assertThat(decode(SpecificCharacterSet.valueOf("ISO_IR " + ir), bare, false)).isEqualTo("A" + expected);
    assertThat(decode(SpecificCharacterSet.valueOf("ISO 2022 IR " + ir), bare, false)).isEqualTo("A" + expected);
    assertThat(decode(charset("\\ISO 2022 IR " + ir), escaped, false)).isEqualTo("A" + expected);
  }

  @Test
  void jisX0201KatakanaAndRomaji() {
    SpecificCharacterSet cs = SpecificCharacterSet.valueOf("ISO_IR 13");

    assertThat(decode(cs, hex("D4 CF C0 DE 5E C0 DB B3"), true)).isEqualTo("ﾔﾏﾀﾞ^ﾀﾛｳ");
    // PS3.5 H.1.1: 07/14 is an over-line; 05/12 is kept as the value delimiter (see GraphicSet).
    assertThat(decode(cs, hex("41 7E 42 5C 43"), false)).isEqualTo("A\u203EB\\C");
  }

  @Test
  void jisX0212() {
    assertThat(decode(charset("\\ISO 2022 IR 159"), hex("41 1B 24 28 44 30 21 1B 28 42 42"), false))
        .isEqualTo("A丂B");
  }

  @Test
  void jisX0208AndX0212InOneValue() {
    SpecificCharacterSet cs = charset("\\ISO 2022 IR 87\\ISO 2022 IR 159");

    assertThat(decode(cs, hex(KANJI_YAMADA + " 1B 24 28 44 30 21 " + TO_ASCII), true)).isEqualTo("山田丂");
  }

  @Test
  void switchingBetweenG1Sets() {
    SpecificCharacterSet cs = charset("ISO 2022 IR 100\\ISO 2022 IR 126\\ISO 2022 IR 144");

    assertThat(decode(cs, hex("E9 1B 2D 46 D9 1B 2D 4C B6 1B 2D 41 E9"), false)).isEqualTo("éΩЖé");
  }

  @Test
  void koreanAndAsciiMixWithoutEscapes() {
    // PS3.5 I.2 Note 1: KS X 1001 sits in GR, so ASCII needs no switching back.
    SpecificCharacterSet cs = charset("\\ISO 2022 IR 149");
    assertThat(decode(cs, hex("1B 24 29 43 B1 E8 41 C8 F1 20 C1 DF"), false)).isEqualTo("김A희 중");
  }

  @Test
  void doubleByteG0SetsCanBeAnnouncedTheOldWay() {
    // ESC $ @ (JIS C 6226-1978) and ESC & @ ESC $ B (1990 revision announcer), both seen in practice
    SpecificCharacterSet cs = charset("\\ISO 2022 IR 87");
    assertThat(decode(cs, hex("1B 24 40 3B 33 45 44 " + TO_ASCII), false)).isEqualTo("山田");
    assertThat(decode(cs, hex("1B 26 40 " + KANJI_YAMADA + " " + TO_ASCII), false)).isEqualTo("山田");
  }

  @Test
  void escapeSequencesAreObeyedEvenIfTheirTermIsMissing() {
    byte[] b = hex("E9 " + KANJI_YAMADA + " " + TO_ASCII + " 1B 2D 46 D9");
    assertThat(decode(SpecificCharacterSet.ISO_8859_1, b, false)).isEqualTo("é山田Ω");
  }

  @Test
  void personNameDelimitersResetWhenTheEncoderForgotToSwitchBack() {
    SpecificCharacterSet cs = charset("\\ISO 2022 IR 87");
    // 山田^太郎=やまだ with no ESC ( B before the delimiters: each is followed by ESC, so it
    // cannot be the first half of a kanji
    byte[] b = hex(KANJI_YAMADA + " 5E " + KANJI_TAROU + " 3D 1B 24 42 24 64 24 5E 24 40");

    assertThat(decode(cs, b, true)).isEqualTo("山田^太郎=やまだ");
  }

  @Test
  void aForgottenSwitchBeforeTextCannotBeSeen() {
    // '=' 'Y' is the kanji 0x3D59 as much as a delimiter and a letter; the bytes win, as they must
    // for conformant values (see the next test).
    SpecificCharacterSet cs = charset("\\ISO 2022 IR 87");
    assertThat(decode(cs, hex(KANJI_YAMADA + " 3D 59"), true)).isEqualTo("山田駿");
  }

  @Test
  void delimiterBytesInsideADoubleByteCharacterAreNotDelimiters() {
    // 0x3D21 is 宗, 0x245E is ま: their bytes include '=' and '^'
    SpecificCharacterSet cs = charset("\\ISO 2022 IR 87");
    assertThat(decode(cs, hex("1B 24 42 3D 21 24 5E " + TO_ASCII + " 5E 41"), true)).isEqualTo("宗ま^A");
  }

  @Test
  void g1ReturnsToItsInitialSetAtPersonNameDelimitersOnly() {
    SpecificCharacterSet cs = charset("ISO 2022 IR 100\\ISO 2022 IR 126");
    byte[] b = hex("1B 2D 46 D9 5E D9 3D D9");

    assertThat(decode(cs, b, true)).isEqualTo("Ω^Ù=Ù");
    assertThat(decode(cs, b, false)).isEqualTo("Ω^Ω=Ω");
  }

  @Test
  void controlCharactersAndBackslashResetInAnyText() {
    SpecificCharacterSet cs = charset("ISO 2022 IR 100\\ISO 2022 IR 126");

    assertThat(decode(cs, hex("1B 2D 46 D9 0D 0A D9 1B 2D 46 D9 09 D9 1B 2D 46 D9 0C D9"), false))
        .isEqualTo("Ω\r\nÙΩ\tÙΩ\fÙ");
    assertThat(decode(cs, hex("1B 2D 46 D9 5C D9"), false)).isEqualTo("Ω\\Ù");
    // in a double-byte G0 set a control character cannot be half of a pair
    assertThat(decode(charset("\\ISO 2022 IR 87"), hex(KANJI_YAMADA + " 0D 0A 41"), false))
        .isEqualTo("山田\r\nA");
  }

  @Test
  void multiValuedTextIsDecodedWhole() {
    SpecificCharacterSet cs = charset("\\ISO 2022 IR 87");
    byte[] b = hex(KANJI_YAMADA + " " + TO_ASCII + " 5C " + KANJI_TAROU + " " + TO_ASCII);

    assertThat(decode(cs, b, false)).isEqualTo("山田\\太郎");
    // GBK's second bytes may be 0x5C (乗 is 81 5C): only decoding whole keeps them
    assertThat(decode(SpecificCharacterSet.valueOf("GBK"), hex("81 5C 5C 41"), false)).isEqualTo("乗\\A");
  }

  @Test
  void koreanNotDesignatedAgainAfterADelimiterIsStillKorean() {
    // Against PS3.5 I.2/K.2, but common; G1 of the default repertoire is empty anyway.
    SpecificCharacterSet cs = charset("\\ISO 2022 IR 149");
    assertThat(decode(cs, hex("1B 24 29 43 B1 E8 5E C8 F1 C1 DF"), true)).isEqualTo("김^희중");
  }

  @Test
  void koreanWithoutAnyEscapeSequenceIsKorean() {
    assertThat(decode(charset("\\ISO 2022 IR 149"), hex("B1 E8 C8 F1 C1 DF"), true)).isEqualTo("김희중");
    SpecificCharacterSet single = SpecificCharacterSet.valueOf("ISO 2022 IR 149");
    assertThat(decode(single, hex("B1 E8 C8 F1 C1 DF"), true)).isEqualTo("김희중");
    assertThat(single.warnings()).isEmpty();
  }

  @Test
  void codePage949SyllablesUnderKsX1001() {
    // 똠 is 8C 63 in CP949 (Unified Hangul Code), not in KS X 1001
    assertThat(decode(charset("\\ISO 2022 IR 149"), hex("1B 24 29 43 8C 63 41"), false)).isEqualTo("똠A");
  }

  @Test
  void shiftJisKanjiUnderIsoIr13() {
    // 日本 is 93 FA 96 7B, ソ is 83 5C, ① is 87 40 (Windows-31J only) in Shift_JIS
    SpecificCharacterSet cs = SpecificCharacterSet.valueOf("ISO_IR 13");
    assertThat(decode(cs, hex("93 FA 96 7B B1 83 5C 87 40"), false)).isEqualTo("日本ｱソ①");
  }

  @Test
  void strayHighBytesInAsciiTextAreLatin1() {
    assertThat(decode(SpecificCharacterSet.ASCII, hex("4D FC 6C 6C 65 72"), true)).isEqualTo("Müller");
  }

  @Test
  void malformedInputBecomesReplacementCharacters() {
    SpecificCharacterSet jis = charset("\\ISO 2022 IR 87");
    SpecificCharacterSet korean = charset("\\ISO 2022 IR 149");
    SpecificCharacterSet latin3 = SpecificCharacterSet.valueOf("ISO_IR 109");

    assertThat(decode(jis, hex("41 1B"), false)).as("lone ESC at the end").isEqualTo("A\uFFFD");
    assertThat(decode(jis, hex("41 1B 24"), false)).as("truncated escape").isEqualTo("A\uFFFD$");
    assertThat(decode(jis, hex("41 1B 0D 42"), false)).as("ESC before a control").isEqualTo("A\uFFFD\rB");
    assertThat(decode(jis, hex("41 1B 28 5A 42"), false)).as("unknown escape").isEqualTo("A\uFFFDB");
    assertThat(decode(jis, hex("1B 24 42 3B"), false)).as("half a kanji").isEqualTo("\uFFFD");
    assertThat(decode(jis, hex("1B 24 42 22 2F"), false)).as("unassigned kanji").isEqualTo("\uFFFD");
    assertThat(decode(korean, hex("1B 24 29 43 B1"), false)).as("half a hangul").isEqualTo("\uFFFD");
    assertThat(decode(korean, hex("1B 24 29 43 B1 5E"), true)).as("half before ^").isEqualTo("\uFFFD^");
    assertThat(decode(latin3, hex("41 A5 42"), false)).as("unassigned in 8859-3").isEqualTo("A\uFFFDB");
    assertThat(decode(SpecificCharacterSet.UTF_8, hex("41 C3 42 E2 82"), false)).isEqualTo("A\uFFFDB\uFFFD");
  }

  @Test
  void supplementaryCharactersOfGb18030() {
    // U+20000 is 95 32 82 36 in GB18030
    assertThat(decode(SpecificCharacterSet.valueOf("GB18030"), hex("41 95 32 82 36"), false))
        .isEqualTo("A\uD840\uDC00");
  }

  @Test
  void decodesTheGivenRangeOnly() {
    byte[] b = hex("FF FF " + KANJI_YAMADA + " FF");
    assertThat(charset("\\ISO 2022 IR 87").decode(b, 2, 7, false)).isEqualTo("山田");
    assertThat(SpecificCharacterSet.UTF_8.decode(b, 2, 0, false)).isEmpty();
  }

  @Test
  void rangeOutsideTheArrayIsAProgrammingError() {
    assertThatThrownBy(() -> SpecificCharacterSet.ASCII.decode(new byte[2], 1, 2, false))
        .isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void decodingIsThreadSafeWhileTablesAreBuilt() {
    // The tables are built lazily; whichever thread comes first, all must see the same result.
    SpecificCharacterSet cs = charset("\\ISO 2022 IR 87\\ISO 2022 IR 149\\ISO 2022 IR 58\\ISO 2022 IR 159");
    byte[] b = hex(KANJI_YAMADA + " 1B 24 28 44 30 21 " + TO_ASCII + " 1B 24 29 43 B1 E8 1B 24 29 41 D5 C5");
    List<String> results = IntStream.range(0, 64).parallel().mapToObj(i -> decode(cs, b, false)).toList();
    assertThat(results).containsOnly("山田丂김张");
  }
}
