package org.linnea.dicom;

/**
 * The value representations of PS3.5 section 6.2, each carrying the rules the codec needs: how its
 * header is encoded in explicit VR, how values are padded, how bytes are swapped between little
 * and big endian, and whether its text is affected by Specific Character Set.
 */
public enum VR {
  AE(Kind.STRING, 0x20, 1, false, true, 16),
  AS(Kind.STRING, 0x20, 1, false, true, 4),
  AT(Kind.BINARY, 0, 2, false, false, 4),
  CS(Kind.STRING, 0x20, 1, false, true, 16),
  DA(Kind.STRING, 0x20, 1, false, true, 18),
  DS(Kind.STRING, 0x20, 1, false, true, 16),
  DT(Kind.STRING, 0x20, 1, false, true, 54),
  FD(Kind.BINARY, 0, 8, false, false, 8),
  FL(Kind.BINARY, 0, 4, false, false, 4),
  IS(Kind.STRING, 0x20, 1, false, true, 12),
  LO(Kind.TEXT, 0x20, 1, false, true, 64),
  LT(Kind.TEXT, 0x20, 1, false, false, 10240),
  OB(Kind.BINARY, 0, 1, true, false, -1),
  OD(Kind.BINARY, 0, 8, true, false, -1),
  OF(Kind.BINARY, 0, 4, true, false, -1),
  OL(Kind.BINARY, 0, 4, true, false, -1),
  OV(Kind.BINARY, 0, 8, true, false, -1),
  OW(Kind.BINARY, 0, 2, true, false, -1),
  PN(Kind.TEXT, 0x20, 1, false, true, 64 * 5),
  SH(Kind.TEXT, 0x20, 1, false, true, 16),
  SL(Kind.BINARY, 0, 4, false, false, 4),
  SQ(Kind.SEQUENCE, 0, 1, true, false, -1),
  SS(Kind.BINARY, 0, 2, false, false, 2),
  ST(Kind.TEXT, 0x20, 1, false, false, 1024),
  SV(Kind.BINARY, 0, 8, true, false, 8),
  TM(Kind.STRING, 0x20, 1, false, true, 28),
  UC(Kind.TEXT, 0x20, 1, true, true, -1),
  UI(Kind.STRING, 0x00, 1, false, true, 64),
  UL(Kind.BINARY, 0, 4, false, false, 4),
  UN(Kind.BINARY, 0, 1, true, false, -1),
  UR(Kind.STRING, 0x20, 1, true, false, -1),
  US(Kind.BINARY, 0, 2, false, false, 2),
  UT(Kind.TEXT, 0x20, 1, true, false, -1),
  UV(Kind.BINARY, 0, 8, true, false, 8);

  /** How a VR's value bytes are interpreted. */
  public enum Kind {
    /** Text restricted to the default repertoire (ISO 646); Specific Character Set does not apply. */
    STRING,
    /** Text whose bytes are decoded with the dataset's Specific Character Set. */
    TEXT,
    /** Fixed-size binary numbers or raw bytes; byte order matters. */
    BINARY,
    /** A sequence of items. */
    SEQUENCE
  }

  private static final VR[] BY_CODE = new VR[1 << 16];

  static {
    for (VR vr : values()) {
      BY_CODE[vr.code] = vr;
    }
  }

  private final Kind kind;
  private final int paddingByte;
  private final int unitSize;
  private final boolean longHeader;
  private final boolean multiValued;
  private final int maxLengthPerValue;
  /** The two ASCII characters, as a big-endian 16-bit number ('O' 'B' is 0x4F42). */
  public final int code;

  VR(Kind kind, int paddingByte, int unitSize, boolean longHeader, boolean multiValued, int maxLength) {
    this.kind = kind;
    this.paddingByte = paddingByte;
    this.unitSize = unitSize;
    this.longHeader = longHeader;
    this.multiValued = multiValued || kind == Kind.BINARY && unitSize > 1 && !longHeader;
    this.maxLengthPerValue = maxLength;
    this.code = (name().charAt(0) << 8) | name().charAt(1);
  }

  /** The VR with the two-character code, or {@code null} if the code names no VR. */
  public static VR ofCode(int code) {
    return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
  }

  /** Like {@link #ofCode(int)} for the two ASCII characters {@code b0 b1}. */
  public static VR ofBytes(int b0, int b1) {
    return BY_CODE[((b0 & 0xff) << 8) | (b1 & 0xff)];
  }

  public Kind kind() {
    return kind;
  }

  /** True for VRs whose values are text (decoded with or without the Specific Character Set). */
  public boolean isString() {
    return kind == Kind.STRING || kind == Kind.TEXT;
  }

  /** True when Specific Character Set (0008,0005) governs the value's bytes. */
  public boolean usesSpecificCharacterSet() {
    return kind == Kind.TEXT;
  }

  /** True for OB, OW, OF, OD, OL, OV and UN: raw binary data that may be bulk data. */
  public boolean isBulkCandidate() {
    return kind == Kind.BINARY && longHeader && this != SV && this != UV;
  }

  /**
   * The byte that pads odd-length values to even length: space for text, NUL for UI and binary.
   */
  public int paddingByte() {
    return paddingByte;
  }

  /** Size in bytes of one binary unit, for byte swapping; 1 when byte order does not matter. */
  public int unitSize() {
    return unitSize;
  }

  /**
   * True when explicit VR encoding uses a 2-byte reserved field and a 4-byte length (PS3.5 Table
   * 7.1-1), false for the short 2-byte length form.
   */
  public boolean hasLongHeader() {
    return longHeader;
  }

  /** True when a backslash (for text) or repetition of units (for binary) separates values. */
  public boolean isMultiValued() {
    return multiValued;
  }

  /** The longest value the standard allows, in characters or bytes; -1 when unbounded. */
  public int maxLength() {
    return maxLengthPerValue;
  }
}
