package org.linnea.dicom;

/**
 * Operations on tags held as {@code int} (group in the high 16 bits, element in the low 16), the
 * representation used everywhere in Linnea: compact, fast to compare and sort (as unsigned).
 */
public final class Tags {
  private Tags() {}

  /** Item (FFFE,E000). */
  public static final int Item = 0xFFFEE000;
  /** Item Delimitation Item (FFFE,E00D). */
  public static final int ItemDelimitationItem = 0xFFFEE00D;
  /** Sequence Delimitation Item (FFFE,E0DD). */
  public static final int SequenceDelimitationItem = 0xFFFEE0DD;

  public static int of(int group, int element) {
    return (group << 16) | (element & 0xFFFF);
  }

  public static int group(int tag) {
    return tag >>> 16;
  }

  public static int element(int tag) {
    return tag & 0xFFFF;
  }

  /** "(gggg,eeee)" in upper-case hexadecimal, as DCMTK and the standard print it. */
  public static String toString(int tag) {
    char[] c = new char[11];
    c[0] = '(';
    hex(tag >>> 16, c, 1);
    c[5] = ',';
    hex(tag & 0xFFFF, c, 6);
    c[10] = ')';
    return new String(c);
  }

  /** "ggggeeee", as DICOM JSON keys and QIDO-RS parameters write a tag. */
  public static String toHex(int tag) {
    char[] c = new char[8];
    hex(tag >>> 16, c, 0);
    hex(tag & 0xFFFF, c, 4);
    return new String(c);
  }

  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private static void hex(int v, char[] c, int at) {
    c[at] = HEX[(v >>> 12) & 0xF];
    c[at + 1] = HEX[(v >>> 8) & 0xF];
    c[at + 2] = HEX[(v >>> 4) & 0xF];
    c[at + 3] = HEX[v & 0xF];
  }

  /** Parses "ggggeeee", "(gggg,eeee)" or "gggg,eeee"; throws IllegalArgumentException otherwise. */
  public static int parse(String s) {
    String t = s.trim();
    if (t.startsWith("(") && t.endsWith(")")) {
      t = t.substring(1, t.length() - 1);
    }
    t = t.replace(",", "");
    if (t.length() != 8) {
      throw new IllegalArgumentException("not a tag: \"" + s + "\" (expected ggggeeee or (gggg,eeee))");
    }
    try {
      return (int) Long.parseLong(t, 16);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a tag: \"" + s + "\" (expected hexadecimal digits)", e);
    }
  }

  /** Private tags live in odd groups above 0007 (PS3.5 7.8). */
  public static boolean isPrivate(int tag) {
    int g = tag >>> 16;
    return (g & 1) != 0 && g > 0x0007 && g != 0xFFFF;
  }

  /** (gggg,0010)-(gggg,00FF) in a private group: the element reserving a block for a creator. */
  public static boolean isPrivateCreator(int tag) {
    int e = tag & 0xFFFF;
    return isPrivate(tag) && e >= 0x0010 && e <= 0x00FF;
  }

  /** The private creator element that reserves the block holding a private data element. */
  public static int privateCreatorOf(int tag) {
    return (tag & 0xFFFF0000) | ((tag >>> 8) & 0xFF);
  }

  /** Group length (gggg,0000). */
  public static boolean isGroupLength(int tag) {
    return (tag & 0xFFFF) == 0;
  }

  /** Compares tags as unsigned numbers: (FFFE,E000) sorts after (7FE0,0010). */
  public static int compare(int a, int b) {
    return Integer.compareUnsigned(a, b);
  }
}
