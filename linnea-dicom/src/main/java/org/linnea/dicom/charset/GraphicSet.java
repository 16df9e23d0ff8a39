package org.linnea.dicom.charset;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;

/**
 * The graphic character sets that ISO/IEC 2022 code extensions in DICOM can designate into G0 or
 * G1 (PS3.3 Tables C.12-3 and C.12-4), with their mapping to Unicode.
 *
 * <p>Mappings come from the JDK's charsets where they exist, so that Linnea agrees with the rest
 * of the Java world on the well-known ambiguities (WAVE DASH and friends). Tables are built on
 * first use: most deployments never meet Korean or JIS X 0212 text.
 */
enum GraphicSet {
  /** ISO-IR 6, ISO 646 US: G0 only. */
  ASCII(Shape.SINGLE_94, null),
  /** ISO-IR 14, JIS X 0201 romaji: G0 only. */
  JIS_X0201_ROMAN(Shape.SINGLE_94, null),
  /** ISO-IR 13, JIS X 0201 katakana: G1, or G0 if an encoder insists (ESC ( I). */
  JIS_X0201_KATAKANA(Shape.SINGLE_94, null),
  LATIN_1(Shape.SINGLE_96, "ISO-8859-1"),
  LATIN_2(Shape.SINGLE_96, "ISO-8859-2"),
  LATIN_3(Shape.SINGLE_96, "ISO-8859-3"),
  LATIN_4(Shape.SINGLE_96, "ISO-8859-4"),
  CYRILLIC(Shape.SINGLE_96, "ISO-8859-5"),
  ARABIC(Shape.SINGLE_96, "ISO-8859-6"),
  GREEK(Shape.SINGLE_96, "ISO-8859-7"),
  HEBREW(Shape.SINGLE_96, "ISO-8859-8"),
  LATIN_5(Shape.SINGLE_96, "ISO-8859-9"),
  LATIN_9(Shape.SINGLE_96, "ISO-8859-15"),
  THAI(Shape.SINGLE_96, "TIS-620"),
  /** ISO-IR 87, JIS X 0208: read through EUC-JP, whose code set 1 is exactly this set. */
  JIS_X0208(Shape.DOUBLE_94, "EUC-JP"),
  /** ISO-IR 159, JIS X 0212: the JDK has no public charset for it alone, but EUC-JP's code set 3 is it. */
  JIS_X0212(Shape.DOUBLE_94, "EUC-JP"),
  /** ISO-IR 149, KS X 1001: EUC-KR is this set in GR. */
  KS_X1001(Shape.DOUBLE_94, "EUC-KR"),
  /** ISO-IR 58, GB 2312: the JDK's GB2312 is EUC-CN, this set in GR. */
  GB2312(Shape.DOUBLE_94, "GB2312");

  enum Shape {
    SINGLE_94,
    SINGLE_96,
    DOUBLE_94
  }

  static final int NONE = -1;

  private final Shape shape;
  private final String charsetName;
  private volatile int[] table;
  private volatile int[] lenient;

  GraphicSet(Shape shape, String charsetName) {
    this.shape = shape;
    this.charsetName = charsetName;
  }

  boolean isDoubleByte() {
    return shape == Shape.DOUBLE_94;
  }

  /** The JDK charset the mapping is taken from, or null if it is built in. */
  String charsetName() {
    return charsetName;
  }

  /** A single-byte set invoked into GL: the character for byte 0x21..0x7E, or NONE. */
  int gl(int b) {
    switch (this) {
      case ASCII:
        return b;
      case JIS_X0201_ROMAN:
        // PS3.5 H.1.1: 07/14 is an over-line. 05/12 is the yen sign, but it stays a backslash
        // here because PS3.5 uses it as the value delimiter of multi-valued text (H.1.1 Note 3),
        // and the callers of decode() split values on '\'.
        return b == 0x7E ? '\u203E' : b;
      case JIS_X0201_KATAKANA:
        return b <= 0x5F ? 0xFF61 + (b - 0x21) : NONE;
      default:
        return NONE;
    }
  }

  /** A single-byte set invoked into GR: the character for byte 0x80..0xFF, or NONE. */
  int gr(int b) {
    if (this == JIS_X0201_KATAKANA) {
      return b >= 0xA1 && b <= 0xDF ? 0xFF61 + (b - 0xA1) : NONE;
    }
    if (shape != Shape.SINGLE_96) {
      return NONE;
    }
    int[] t = table;
    if (t == null) {
      table = t = buildUpperHalf();
    }
    return t[b - 0x80];
  }

  /** A double-byte set: the character for the pair, both bytes in 0xA1..0xFE (GR form), or NONE. */
  int pair(int first, int second) {
    if (shape != Shape.DOUBLE_94 || first < 0xA1 || first > 0xFE || second < 0xA1 || second > 0xFE) {
      return NONE;
    }
    int[] t = table;
    if (t == null) {
      table = t = buildPairs();
    }
    return t[(first - 0xA1) * 94 + second - 0xA1];
  }

  /**
   * Two bytes that are not valid in this set as G1, but are in the vendor superset that encoders
   * mistakenly write under its name: code page 949 (Unified Hangul Code) for KS X 1001, and
   * Shift_JIS for JIS X 0201 (ISO_IR 13 files with kanji in Shift_JIS are common). Neither
   * superset's second bytes include a delimiter that a conformant value could put there, so taking
   * them costs conformant data nothing. Returns NONE when the pair means nothing there either.
   */
  int lenientPair(int first, int second) {
    if ((this != KS_X1001 && this != JIS_X0201_KATAKANA)
        || first < 0x81 || first > 0xFE || second < 0x40 || second > 0xFE) {
      return NONE;
    }
    int[] t = lenient;
    if (t == null) {
      lenient = t = buildLenientPairs();
    }
    return t[(first - 0x81) * 191 + second - 0x40];
  }

  private int[] buildUpperHalf() {
    int[] t = new int[128];
    CharsetDecoder decoder = decoder(charsetName);
    byte[] one = new byte[1];
    for (int b = 0x80; b <= 0xFF; b++) {
      one[0] = (byte) b;
      t[b - 0x80] = decodeOne(decoder, one);
    }
    return t;
  }

  private int[] buildPairs() {
    int[] t = new int[94 * 94];
    CharsetDecoder decoder = decoder(charsetName);
    boolean threeByte = this == JIS_X0212;
    byte[] bytes = new byte[threeByte ? 3 : 2];
    bytes[0] = (byte) 0x8F; // EUC-JP's single shift 3, selecting code set 3 (JIS X 0212)
    for (int first = 0xA1; first <= 0xFE; first++) {
      for (int second = 0xA1; second <= 0xFE; second++) {
        bytes[bytes.length - 2] = (byte) first;
        bytes[bytes.length - 1] = (byte) second;
        t[(first - 0xA1) * 94 + second - 0xA1] = decodeOne(decoder, bytes);
      }
    }
    return t;
  }

  private int[] buildLenientPairs() {
    int[] t = new int[126 * 191];
    java.util.Arrays.fill(t, NONE);
    // For Shift_JIS the JIS X 0208 mapping comes first so that the lenient path agrees with
    // ISO 2022 IR 87 (U+301C for WAVE DASH); Windows-31J then adds the NEC and IBM rows.
    String[] names = this == KS_X1001
        ? new String[] {"x-windows-949"}
        : new String[] {"Shift_JIS", "windows-31j"};
    byte[] bytes = new byte[2];
    for (String name : names) {
      CharsetDecoder decoder = decoder(name);
      for (int first = 0x81; first <= 0xFE; first++) {
        for (int second = 0x40; second <= 0xFE; second++) {
          int index = (first - 0x81) * 191 + second - 0x40;
          if (t[index] == NONE) {
            bytes[0] = (byte) first;
            bytes[1] = (byte) second;
            t[index] = decodeOne(decoder, bytes);
          }
        }
      }
    }
    return t;
  }

  /** Whether the JDK running us has the charset the mapping needs (module jdk.charsets). */
  boolean available() {
    return charsetName == null || Charset.isSupported(charsetName);
  }

  private static CharsetDecoder decoder(String name) {
    if (name == null || !Charset.isSupported(name)) {
      return null;
    }
    return Charset.forName(name)
        .newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
  }

  /** The single code point the bytes decode to as a whole, or NONE. */
  private static int decodeOne(CharsetDecoder decoder, byte[] bytes) {
    if (decoder == null) {
      return NONE;
    }
    try {
      CharBuffer chars = decoder.reset().decode(ByteBuffer.wrap(bytes));
      if (chars.length() == 0) {
        return NONE;
      }
      int cp = Character.codePointAt(chars, 0);
      return Character.charCount(cp) == chars.length() && cp != 0xFFFD ? cp : NONE;
    } catch (CharacterCodingException e) {
      return NONE;
    }
  }
}
