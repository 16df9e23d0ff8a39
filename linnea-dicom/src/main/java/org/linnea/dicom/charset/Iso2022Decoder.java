package org.linnea.dicom.charset;

/**
 * Decodes text that may switch character sets with ISO/IEC 2022 escape sequences, as PS3.5 6.1.2.5
 * allows. Immutable: the G0/G1 state lives on the stack of {@link #decode}.
 *
 * <p>Lenient by design, because archives receive what modalities wrote, not what they should
 * have: every recognised escape sequence is obeyed even if its term is missing from (0008,0005),
 * bytes that mean nothing become U+FFFD, and nothing throws.
 */
final class Iso2022Decoder {
  private static final int ESC = 0x1B;
  private static final char REPLACEMENT = '\uFFFD';

  private final GraphicSet initialG0;
  private final GraphicSet initialG1;
  /** For GR bytes while nothing is designated to G1 (see {@link #decode}). */
  private final GraphicSet fallbackG1;

  Iso2022Decoder(GraphicSet initialG0, GraphicSet initialG1, GraphicSet fallbackG1) {
    this.initialG0 = initialG0;
    this.initialG1 = initialG1;
    this.fallbackG1 = fallbackG1;
  }

  String decode(byte[] b, int off, int len, boolean personName) {
    int end = off + len;
    if (initialG0 == GraphicSet.ASCII && isPlainAscii(b, off, end)) {
      return new String(b, off, len, java.nio.charset.StandardCharsets.ISO_8859_1);
    }
    StringBuilder out = new StringBuilder(len);
    GraphicSet g0 = initialG0;
    GraphicSet g1 = initialG1;
    // The default repertoire has no G1, so GR bytes there are an encoder's mistake. Most likely
    // it forgot to designate again after a delimiter (PS3.5 K.2: "there does need to be a new
    // invocation ... in each name component"), so the set it designated last is the best guess.
    GraphicSet lastG1 = fallbackG1;
    int i = off;
    while (i < end) {
      int c = b[i] & 0xFF;
      if (c == ESC) {
        int n = escapeLength(b, i, end);
        GraphicSet set = n > 0 ? designated(b, i, n) : null;
        if (set == null) {
          if (n == 0 || !ignorable(b, i, n)) {
            out.append(REPLACEMENT);
          }
          i += Math.max(n, 1);
          continue;
        }
        if (designatesG1(b[i + n - 2])) {
          g1 = lastG1 = set;
        } else {
          g0 = set;
        }
        i += n;
      } else if (c >= 0x80) {
        GraphicSet set = g1 != null ? g1 : lastG1;
        i += decodeGR(set, b, i, end, out);
      } else if (c <= 0x20 || c == 0x7F) {
        // Controls and SPACE mean the same in every set. PS3.5 6.1.2.5.3 wants the initial sets
        // back before CR, LF, FF and "any other Control Character other than ESC".
        if (c < 0x20) {
          g0 = initialG0;
          g1 = initialG1;
        }
        out.append((char) c);
        i++;
      } else if (g0.isDoubleByte()) {
        int next = i + 1 < end ? b[i + 1] & 0xFF : -1;
        if (next >= 0x21 && next <= 0x7E) {
          appendOrReplace(out, g0.pair(c | 0x80, next | 0x80));
          i += 2;
        } else {
          // A byte that cannot start a pair. If it is a delimiter, the encoder forgot to switch
          // back before it; inside a pair '^', '=' and '\' are ordinary bytes of JIS X 0208.
          if (isDelimiter(c, personName)) {
            g0 = initialG0;
            g1 = initialG1;
            out.append((char) c);
          } else {
            out.append(REPLACEMENT);
          }
          i++;
        }
      } else {
        if (isDelimiter(c, personName)) {
          g0 = initialG0;
          g1 = initialG1;
        }
        appendOrReplace(out, g0.gl(c));
        i++;
      }
    }
    return out.toString();
  }

  /** Decodes the character starting at GR byte b[i]; returns the number of bytes it took. */
  private static int decodeGR(GraphicSet set, byte[] b, int i, int end, StringBuilder out) {
    int c = b[i] & 0xFF;
    int next = i + 1 < end ? b[i + 1] & 0xFF : -1;
    if (set.isDoubleByte()) {
      int cp = next >= 0 ? set.pair(c, next) : GraphicSet.NONE;
      if (cp != GraphicSet.NONE) {
        out.appendCodePoint(cp);
        return 2;
      }
    } else {
      int cp = set.gr(c);
      if (cp != GraphicSet.NONE) {
        out.appendCodePoint(cp);
        return 1;
      }
    }
    int cp = next >= 0 ? set.lenientPair(c, next) : GraphicSet.NONE;
    if (cp != GraphicSet.NONE) {
      out.appendCodePoint(cp);
      return 2;
    }
    // Only the first byte is lost: the next may be the start of something valid.
    out.append(REPLACEMENT);
    return 1;
  }

  private static void appendOrReplace(StringBuilder out, int cp) {
    if (cp == GraphicSet.NONE) {
      out.append(REPLACEMENT);
    } else {
      out.appendCodePoint(cp);
    }
  }

  private static boolean isDelimiter(int c, boolean personName) {
    return c == '\\' || (personName && (c == '^' || c == '='));
  }

  private static boolean isPlainAscii(byte[] b, int off, int end) {
    for (int i = off; i < end; i++) {
      if (b[i] < 0 || b[i] == ESC) {
        return false;
      }
    }
    return true;
  }

  /**
   * The length of the escape sequence at b[i] (ISO/IEC 2022 clause 13: ESC, intermediate bytes
   * 02/00..02/15, one final byte 03/00..07/14), or 0 if there is none: a lone or truncated ESC.
   */
  private static int escapeLength(byte[] b, int i, int end) {
    int j = i + 1;
    while (j < end && (b[j] & 0xFF) >= 0x20 && (b[j] & 0xFF) <= 0x2F) {
      j++;
    }
    if (j >= end || (b[j] & 0xFF) < 0x30 || (b[j] & 0xFF) > 0x7E) {
      return 0;
    }
    return j - i + 1;
  }

  private static boolean designatesG1(byte lastIntermediate) {
    // ESC ) F, ESC - F and ESC $ ) F designate G1; ESC ( F, ESC $ F and ESC $ ( F designate G0.
    return lastIntermediate == ')' || lastIntermediate == '-';
  }

  /** The set an escape sequence of length n at b[i] designates, or null if not one we know. */
  private static GraphicSet designated(byte[] b, int i, int n) {
    char final0 = (char) b[i + n - 1];
    String intermediates = new String(b, i + 1, n - 2, java.nio.charset.StandardCharsets.ISO_8859_1);
    switch (intermediates) {
      case "(":
        return switch (final0) {
          case 'B' -> GraphicSet.ASCII;
          case 'J' -> GraphicSet.JIS_X0201_ROMAN;
          case 'I' -> GraphicSet.JIS_X0201_KATAKANA;
          default -> null;
        };
      case ")":
        return final0 == 'I' ? GraphicSet.JIS_X0201_KATAKANA : null;
      case "-":
        return switch (final0) {
          case 'A' -> GraphicSet.LATIN_1;
          case 'B' -> GraphicSet.LATIN_2;
          case 'C' -> GraphicSet.LATIN_3;
          case 'D' -> GraphicSet.LATIN_4;
          case 'F' -> GraphicSet.GREEK;
          case 'G' -> GraphicSet.ARABIC;
          case 'H' -> GraphicSet.HEBREW;
          case 'L' -> GraphicSet.CYRILLIC;
          case 'M' -> GraphicSet.LATIN_5;
          case 'T' -> GraphicSet.THAI;
          case 'b' -> GraphicSet.LATIN_9;
          default -> null;
        };
      case "$":
        // The short form ESC $ F exists only for F = @, A, B (ISO/IEC 2022 clause 14.3.2);
        // '@' is JIS C 6226-1978, which old Japanese encoders still announce, read as JIS X 0208.
        return switch (final0) {
          case '@', 'B' -> GraphicSet.JIS_X0208;
          case 'A' -> GraphicSet.GB2312;
          default -> null;
        };
      case "$(", "$)":
        return switch (final0) {
          case '@', 'B' -> GraphicSet.JIS_X0208;
          case 'A' -> GraphicSet.GB2312;
          case 'C' -> GraphicSet.KS_X1001;
          case 'D' -> GraphicSet.JIS_X0212;
          default -> null;
        };
      default:
        return null;
    }
  }

  /**
   * ESC &amp; @ announces the 1990 revision of JIS X 0208 before ESC $ B (ISO-2022-JP practice);
   * it changes nothing for us, so it is dropped without a replacement character.
   */
  private static boolean ignorable(byte[] b, int i, int n) {
    return n == 3 && b[i + 1] == '&' && b[i + 2] == '@';
  }
}
