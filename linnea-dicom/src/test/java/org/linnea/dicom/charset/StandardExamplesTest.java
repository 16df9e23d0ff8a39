package org.linnea.dicom.charset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.linnea.dicom.charset.Bytes.charset;
import static org.linnea.dicom.charset.Bytes.columnRow;
import static org.linnea.dicom.charset.Bytes.decode;
import static org.linnea.dicom.charset.Bytes.hex;

import org.junit.jupiter.api.Test;

/**
 * The informative examples of PS3.5 Annexes H to K, bytes as the standard prints them (column/row
 * in H and I, hex in J and K). These are the cases every implementation is checked against, so
 * they must decode exactly.
 */
class StandardExamplesTest {

  @Test
  void annexH31JapaneseWithIso2022Ir6AsValue1() {
    // Example H.3-1; the listing is the one of pydicom's chrH31.dcm, which carries this example.
    byte[] b = columnRow("""
        05/09 06/01 06/13 06/01 06/04 06/01 05/14 05/04 06/01 07/02 06/15 07/05 03/13 01/11 02/04
        04/02 03/11 03/03 04/05 04/04 01/11 02/08 04/02 05/14 01/11 02/04 04/02 04/02 04/00 04/15
        03/10 01/11 02/08 04/02 03/13 01/11 02/04 04/02 02/04 06/04 02/04 05/14 02/04 04/00 01/11
        02/08 04/02 05/14 01/11 02/04 04/02 02/04 03/15 02/04 06/13 02/04 02/06 01/11 02/08 04/02""");
    SpecificCharacterSet cs = charset("\\ISO 2022 IR 87");

    assertThat(decode(cs, b, true)).isEqualTo("Yamada^Tarou=山田^太郎=やまだ^たろう");
    assertThat(cs.warnings()).isEmpty();
    assertThat(cs.isAscii()).isFalse();
  }

  @Test
  void annexH32JapaneseWithIso2022Ir13AsValue1() {
    byte[] b = columnRow("""
        13/04 12/15 12/00 13/14 05/14 12/00 13/11 11/03 03/13 01/11 02/04 04/02 03/11 03/03 04/05
        04/04 01/11 02/08 04/10 05/14 01/11 02/04 04/02 04/02 04/00 04/15 03/10 01/11 02/08 04/10
        03/13 01/11 02/04 04/02 02/04 06/04 02/04 05/14 02/04 04/00 01/11 02/08 04/10 05/14 01/11
        02/04 04/02 02/04 03/15 02/04 06/13 02/04 02/06 01/11 02/08 04/10""");
    SpecificCharacterSet cs = charset("ISO 2022 IR 13\\ISO 2022 IR 87");

    assertThat(decode(cs, b, true)).isEqualTo("ﾔﾏﾀﾞ^ﾀﾛｳ=山田^太郎=やまだ^たろう");
    assertThat(cs.warnings()).isEmpty();
  }

  @Test
  void annexI2KoreanPersonName() {
    byte[] b = columnRow("""
        04/08 06/15 06/14 06/07 05/14 04/07 06/09 06/12 06/04 06/15 06/14 06/07 03/13 01/11 02/04
        02/09 04/03 15/11 15/03 05/14 01/11 02/04 02/09 04/03 13/01 12/14 13/04 13/07 03/13 01/11
        02/04 02/09 04/03 12/08 10/11 05/14 01/11 02/04 02/09 04/03 11/01 14/06 11/05 11/15""");

    assertThat(decode(charset("\\ISO 2022 IR 149"), b, true)).isEqualTo("Hong^Gildong=洪^吉洞=홍^길동");
  }

  @Test
  void annexI3KoreanLongTextDesignatesAgainAfterEachLine() {
    // Example I.3-1 gives the string symbolically; 한글 is C7D1 B1DB in KS X 1001 (EUC-KR).
    byte[] b = hex("""
        1B 24 29 43 54 68 65 20 66 69 72 73 74 20 6C 69 6E 65 20 69 6E 63 6C 75 64 65 73 20
        C7 D1 B1 DB 2E 0D 0A
        1B 24 29 43 54 68 65 20 73 65 63 6F 6E 64 20 6C 69 6E 65 20 69 6E 63 6C 75 64 65 73 20
        C7 D1 B1 DB 2C 20 74 6F 6F 2E 0D 0A
        54 68 65 20 74 68 69 72 64 20 6C 69 6E 65""");

    assertThat(decode(charset("\\ISO 2022 IR 149"), b, false)).isEqualTo(
        "The first line includes 한글.\r\nThe second line includes 한글, too.\r\nThe third line");
  }

  @Test
  void annexJ1UnicodePersonName() {
    // Example J.1-1, traditional script (東), also pydicom's chrX1.dcm
    byte[] b = hex("""
        0x57 0x61 0x6e 0x67 0x5e 0x58 0x69 0x61 0x6f 0x44 0x6f 0x6e 0x67 0x3d 0xe7 0x8e 0x8b 0x5e
        0xe5 0xb0 0x8f 0xe6 0x9d 0xb1 0x3d""");

    assertThat(decode(charset("ISO_IR 192"), b, true)).isEqualTo("Wang^XiaoDong=王^小東=");
    assertThat(charset("ISO_IR 192")).isSameAs(SpecificCharacterSet.UTF_8);
  }

  @Test
  void annexJ2UnicodeLongText() {
    byte[] b = hex("""
        0x54 0x68 0x65 0x20 0x66 0x69 0x72 0x73 0x74 0x20 0x6c 0x69 0x6e 0x65 0x20 0x69 0x6e 0x63
        0x6c 0x75 0x64 0x65 0x73 0xe4 0xb8 0xad 0xe6 0x96 0x87 0x2e 0x0d 0x0a 0x54 0x68 0x65 0x20
        0x73 0x65 0x63 0x6f 0x6e 0x64 0x20 0x6c 0x69 0x6e 0x65 0x20 0x69 0x6e 0x63 0x6c 0x75 0x64
        0x65 0x73 0xe4 0xb8 0xad 0xe6 0x96 0x87 0x2c 0x20 0x74 0x6f 0x6f 0x2e 0x0d 0x0a 0x54 0x68
        0x65 0x20 0x74 0x68 0x69 0x72 0x64 0x20 0x6c 0x69 0x6e 0x65 0x2e 0x0d 0x0a""");

    assertThat(decode(SpecificCharacterSet.UTF_8, b, false)).isEqualTo(
        "The first line includes中文.\r\nThe second line includes中文, too.\r\nThe third line.\r\n");
  }

  @Test
  void annexJ3Gb18030PersonName() {
    byte[] b = hex("""
        0x57 0x61 0x6e 0x67 0x5e 0x58 0x69 0x61 0x6f 0x44 0x6f 0x6e 0x67 0x3d 0xcd 0xf5 0x5e 0xd0
        0xa1 0xb6 0xab 0x3d""");

    assertThat(decode(charset("GB18030"), b, true)).isEqualTo("Wang^XiaoDong=王^小东=");
    // Annex J: the examples hold for GBK as well, all characters being in the common area.
    assertThat(decode(charset("GBK"), b, true)).isEqualTo("Wang^XiaoDong=王^小东=");
  }

  @Test
  void annexJ4Gb18030LongText() {
    byte[] b = hex("""
        0x54 0x68 0x65 0x20 0x66 0x69 0x72 0x73 0x74 0x20 0x6c 0x69 0x6e 0x65 0x20 0x69 0x6e 0x63
        0x6c 0x75 0x64 0x65 0x73 0xd6 0xd0 0xce 0xc4 0x2e 0x0d 0x0a 0x54 0x68 0x65 0x20 0x73 0x65
        0x63 0x6f 0x6e 0x64 0x20 0x6c 0x69 0x6e 0x65 0x20 0x69 0x6e 0x63 0x6c 0x75 0x64 0x65 0x73
        0xd6 0xd0 0xce 0xc4 0x2c 0x20 0x74 0x6f 0x6f 0x2e 0x0d 0x0a 0x54 0x68 0x65 0x20 0x74 0x68
        0x69 0x72 0x64 0x20 0x6c 0x69 0x6e 0x65 0x2e 0x0d 0x0a""");

    assertThat(decode(charset("GB18030"), b, false)).isEqualTo(
        "The first line includes中文.\r\nThe second line includes中文, too.\r\nThe third line.\r\n");
  }

  @Test
  void annexK2ChinesePersonNameWithGb2312InG1() {
    byte[] b = hex("""
        0x5A 0x68 0x61 0x6E 0x67 0x5E 0x58 0x69 0x61 0x6F 0x44 0x6F 0x6E 0x67 0x3D 0x1B 0x24 0x29
        0x41 0xD5 0xC5 0x5E 0x1B 0x24 0x29 0x41 0xD0 0xA1 0xB6 0xAB 0x3D 0x20""");

    // The trailing 0x20 is the padding to even length, which the caller would normally trim.
    assertThat(decode(charset("\\ISO 2022 IR 58"), b, true)).isEqualTo("Zhang^XiaoDong=张^小东= ");
  }

  @Test
  void annexK3ChineseLongTextWithGb2312InG1() {
    byte[] b = hex("""
        0x31 0x2e 0x1B 0x24 0x29 0x41 0xB5 0xDA 0xD2 0xBB 0xD0 0xD0 0xCE 0xC4 0xD7 0xD6 0xA1 0xA3 0x0D 0x0A
        0x32 0x2e 0x1B 0x24 0x29 0x41 0xB5 0xDA 0xB6 0xFE 0xD0 0xD0 0xCE 0xC4 0xD7 0xD6 0xA1 0xA3 0x0D 0x0A
        0x33 0x2e 0x1B 0x24 0x29 0x41 0xB5 0xDA 0xC8 0xFD 0xD0 0xD0 0xCE 0xC4 0xD7 0xD6 0xA1 0xA3 0x0D 0x0A""");

    assertThat(decode(charset("\\ISO 2022 IR 58"), b, false))
        .isEqualTo("1.第一行文字。\r\n2.第二行文字。\r\n3.第三行文字。\r\n");
  }

  @Test
  void annexK3AsPrintedBefore2017EndsEachLineInAscii() {
    // Earlier editions (e.g. 2015c) switched G0 back with ESC ( B before CR LF.
    byte[] b = hex("""
        0x31 0x2e 0x1B 0x24 0x29 0x41 0xB5 0xDA 0xD2 0xBB 0xD0 0xD0 0xCE 0xC4 0xD7 0xD6 0xA1 0xA3
        0x1B 0x28 0x42 0x0D 0x0A 0x20""");

    assertThat(decode(charset("\\ISO 2022 IR 58"), b, false)).isEqualTo("1.第一行文字。\r\n ");
  }
}
