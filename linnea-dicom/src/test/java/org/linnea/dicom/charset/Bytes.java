package org.linnea.dicom.charset;

import java.util.HexFormat;

/** Writes byte arrays in the notations the standard uses, so examples can be copied as printed. */
final class Bytes {
  private Bytes() {}

  /** "0x57 0x61 ..." (PS3.5 Annexes J, K) or plain hex digits, spaces ignored. */
  static byte[] hex(String s) {
    return HexFormat.of().parseHex(s.replace("0x", "").replace("0X", "").replaceAll("\\s", ""));
  }

  /** ISO 2022 column/row notation, "04/08 06/15 ..." (PS3.5 Annexes H, I): byte = column * 16 + row. */
  static byte[] columnRow(String s) {
    String[] cells = s.trim().split("\\s+");
    byte[] b = new byte[cells.length];
    for (int i = 0; i < cells.length; i++) {
      String[] cr = cells[i].split("/");
      b[i] = (byte) (Integer.parseInt(cr[0]) * 16 + Integer.parseInt(cr[1]));
    }
    return b;
  }

  static String decode(SpecificCharacterSet cs, byte[] b, boolean personName) {
    return cs.decode(b, 0, b.length, personName);
  }

  static SpecificCharacterSet charset(String value) {
    return SpecificCharacterSet.valueOf(value.split("\\\\", -1));
  }
}
