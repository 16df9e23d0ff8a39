package org.linnea.dicom.charset;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The character repertoire a data set's text is written in, as Specific Character Set (0008,0005)
 * declares it (PS3.3 C.12.1.1.2, PS3.5 6.1): decodes text of the text VRs (SH, LO, UC, ST, LT, UT,
 * PN) to Unicode, and encodes text for the repertoires Linnea writes.
 *
 * <p>Immutable and thread-safe. Reading is lenient, since an archive has to show what it was sent:
 * unknown or misspelt terms, stray escape sequences and malformed bytes never make it throw.
 */
public final class SpecificCharacterSet {

  /** The default repertoire, ISO-IR 6: (0008,0005) absent or empty. */
  public static final SpecificCharacterSet ASCII = new SpecificCharacterSet(new String[0]);

  /** ISO_IR 192: Unicode in UTF-8. */
  public static final SpecificCharacterSet UTF_8 = new SpecificCharacterSet(new String[] {"ISO_IR 192"});

  /** ISO_IR 100: ISO 8859-1, Latin alphabet No. 1. */
  public static final SpecificCharacterSet ISO_8859_1 = new SpecificCharacterSet(new String[] {"ISO_IR 100"});

  private static final char ESC = '\u001B';

  private final String[] definedTerms;
  private final List<String> warnings;
  private final boolean ascii;
  /** Set for ISO_IR 192, GB18030 and GBK, which are decoded by the JDK as a whole. */
  private final Charset standalone;
  private final Iso2022Decoder iso2022;
  /** What encode() writes, or null if this set cannot be written. */
  private final Writable writable;

  private enum Writable {
    ASCII("ISO_IR 6 (default repertoire)", 0x7F),
    LATIN_1("ISO_IR 100 (ISO 8859-1)", 0xFF),
    UTF_8("ISO_IR 192 (UTF-8)", Character.MAX_CODE_POINT);

    final String description;
    final int max;

    Writable(String description, int max) {
      this.description = description;
      this.max = max;
    }
  }

  private SpecificCharacterSet(String[] terms) {
    this.definedTerms = terms;
    List<String> warn = new ArrayList<>();
    Term[] parsed = parse(terms, warn);
    // An unknown value 1 is read as ISO 8859-1: every byte stays visible as some character.
    Term first = parsed.length == 0 ? Term.ISO_IR_6 : parsed[0] == null ? Term.ISO_IR_100 : parsed[0];

    Term standaloneTerm = standaloneTerm(parsed, warn);
    if (standaloneTerm != null) {
      this.standalone = Charset.isSupported(standaloneTerm.standalone)
          ? Charset.forName(standaloneTerm.standalone)
          : fallbackCharset(standaloneTerm, warn);
      this.iso2022 = null;
    } else {
      this.standalone = null;
      this.iso2022 = iso2022(first, parsed, warn);
    }
    boolean anyUnknown = Arrays.asList(parsed).contains(null);
    this.ascii = standaloneTerm == null && !anyUnknown && Arrays.stream(parsed)
        .allMatch(Term::isDefaultRepertoire);
    // Only exact Defined Terms are writable, so that what Linnea writes never spreads a misspelling.
    this.writable = !warn.isEmpty() || parsed.length > 1 ? null
        : standaloneTerm == Term.ISO_IR_192 ? Writable.UTF_8
        : standaloneTerm != null ? null
        : first.isDefaultRepertoire() ? Writable.ASCII
        : first == Term.ISO_IR_100 || first == Term.ISO_2022_IR_100 ? Writable.LATIN_1
        : null;
    this.warnings = List.copyOf(warn);
  }

  /**
   * From the values of (0008,0005) exactly as stored (may contain empty first value, padding
   * already trimmed, null or empty array = ASCII). Unknown terms: fall back leniently (treat as
   * ASCII/ISO-8859-1 for decoding) and remember a warning retrievable via warnings(). Never throws.
   */
  public static SpecificCharacterSet valueOf(String... definedTerms) {
    if (definedTerms == null || definedTerms.length == 0) {
      return ASCII;
    }
    String[] terms = new String[definedTerms.length];
    for (int i = 0; i < terms.length; i++) {
      terms[i] = definedTerms[i] == null ? "" : definedTerms[i];
    }
    if (terms.length == 1 && terms[0].equals("ISO_IR 192")) {
      return UTF_8;
    }
    if (terms.length == 1 && terms[0].equals("ISO_IR 100")) {
      return ISO_8859_1;
    }
    return new SpecificCharacterSet(terms);
  }

  /** The terms it was made from (null values as empty strings). */
  public String[] definedTerms() {
    return definedTerms.clone();
  }

  /** True when no non-default repertoire is involved: text is ISO 646 (ASCII) only. */
  public boolean isAscii() {
    return ascii;
  }

  /** What was wrong with the terms and how it was worked around; empty if nothing. */
  public List<String> warnings() {
    return warnings;
  }

  /**
   * Decodes a complete value (all values of a multi-valued element, with backslashes) of a text
   * VR. For PN, '^' and '=' (and '\\'), and for other text VRs CR, LF, TAB, FF and '\\', return
   * the code extensions to the initial state (PS3.5 6.1.2.5.3) even when the encoder forgot to
   * switch back.
   *
   * <p>Malformed bytes become U+FFFD; the content of the bytes never makes it throw.
   *
   * @throws IndexOutOfBoundsException if offset and length do not lie within bytes
   */
  public String decode(byte[] bytes, int offset, int length, boolean personName) {
    Objects.checkFromIndexSize(offset, length, bytes.length);
    if (standalone != null) {
      // These charsets cannot be switched (PS3.5 6.1.2.5.4 d), and a value is decoded whole
      // so that GBK's second bytes 0x5C are not mistaken for value delimiters.
      return new String(bytes, offset, length, standalone);
    }
    return iso2022.decode(bytes, offset, length, personName);
  }

  /**
   * Encodes text for writing. Only writable: ASCII, ISO_IR 192 (UTF-8) and ISO_IR 100 (Latin-1);
   * for others throws UnsupportedOperationException with a clear message. Characters not
   * representable throw IllegalArgumentException naming the character.
   */
  public byte[] encode(String text) {
    Objects.requireNonNull(text, "text");
    if (writable == null) {
      throw new UnsupportedOperationException("Cannot write text in Specific Character Set '"
          + String.join("\\", definedTerms) + "': only the default repertoire (ISO_IR 6), "
          + "ISO_IR 100 and ISO_IR 192, single-valued and spelt as PS3.3 defines them, are writable");
    }
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      if (Character.isSurrogate((char) cp)) {
        throw new IllegalArgumentException(String.format(
            "Unpaired surrogate U+%04X at index %d is not a character and cannot be encoded in %s",
            cp, i, writable.description));
      }
      if (cp > writable.max || (cp == ESC && writable != Writable.UTF_8)) {
        throw new IllegalArgumentException(String.format(
            "Character '%s' (U+%04X) at index %d cannot be encoded in %s%s",
            new String(Character.toChars(cp)), cp, i, writable.description,
            cp == ESC ? ": ESC is reserved for ISO 2022 code extensions, which a reader would obey"
                : ""));
      }
      i += Character.charCount(cp);
    }
    return text.getBytes(switch (writable) {
      case ASCII -> StandardCharsets.US_ASCII;
      case LATIN_1 -> StandardCharsets.ISO_8859_1;
      case UTF_8 -> StandardCharsets.UTF_8;
    });
  }

  /** True if this set can encode text with encode(). */
  public boolean canEncode() {
    return writable != null;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SpecificCharacterSet other && Arrays.equals(definedTerms, other.definedTerms);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(definedTerms);
  }

  @Override
  public String toString() {
    return "SpecificCharacterSet[" + String.join("\\", definedTerms) + "]";
  }

  /** The term each value stands for, null where unknown. */
  private static Term[] parse(String[] terms, List<String> warn) {
    Term[] parsed = new Term[terms.length];
    for (int i = 0; i < terms.length; i++) {
      String s = terms[i].strip();
      if (s.isEmpty()) {
        // An empty value 1 is the default repertoire (PS3.3 C.12.1.1.2); elsewhere it says nothing.
        parsed[i] = Term.ISO_2022_IR_6;
        if (i > 0) {
          warn.add("Value " + (i + 1) + " of Specific Character Set is empty; ignored");
        }
        continue;
      }
      Term t = Term.exact(s);
      if (t == null) {
        t = Term.lenient(s);
        if (t != null) {
          warn.add("'" + s + "' is not a Defined Term of Specific Character Set; read as '" + t.term + "'");
        } else {
          warn.add("Unknown Specific Character Set '" + s + "'"
              + (i == 0 ? "; text read as ISO 8859-1" : "; ignored"));
        }
      }
      if (t != null && terms.length > 1 && !t.codeExtensions() && t.standalone == null) {
        Term extended = t.withCodeExtensions();
        if (extended != t) {
          warn.add("'" + t.term + "' used with several values, where code extensions need '"
              + extended.term + "'; read as that");
          t = extended;
        }
      }
      parsed[i] = t;
    }
    return parsed;
  }

  /** The UTF-8/GB18030/GBK term to decode with, or null if the set is an ISO 2022 one. */
  private static Term standaloneTerm(Term[] parsed, List<String> warn) {
    Term found = null;
    int at = -1;
    for (int i = 0; i < parsed.length && found == null; i++) {
      if (parsed[i] != null && parsed[i].standalone != null) {
        found = parsed[i];
        at = i;
      }
    }
    if (found == null) {
      return null;
    }
    boolean othersDefault = true;
    for (int i = 0; i < parsed.length; i++) {
      othersDefault &= i == at || (parsed[i] != null && parsed[i].isDefaultRepertoire());
    }
    if (parsed.length > 1 && (at == 0 || othersDefault)) {
      warn.add("'" + found.term + "' cannot be combined with other values (PS3.3 C.12.1.1.2); "
          + "text read as " + found.term + " only");
      return found;
    }
    if (parsed.length > 1) {
      warn.add("'" + found.term + "' cannot be used with ISO 2022 code extensions "
          + "(PS3.3 C.12.1.1.2); value " + (at + 1) + " ignored");
      parsed[at] = Term.ISO_2022_IR_6;
      return null;
    }
    return found;
  }

  private static Iso2022Decoder iso2022(Term first, Term[] parsed, List<String> warn) {
    GraphicSet g0 = first.g0;
    GraphicSet g1 = first.g1;
    if (g0.isDoubleByte()) {
      // Delimiters must be in value 1's set (PS3.5 6.1.2.5.3), which JIS X 0208/0212 cannot do.
      warn.add("'" + first.term + "' cannot be value 1 of Specific Character Set; "
          + "text starts in ISO 646 and switches to it by escape sequence");
      g0 = GraphicSet.ASCII;
    }
    GraphicSet fallback = g1;
    for (int i = 1; i < parsed.length && fallback == null; i++) {
      if (parsed[i] != null && parsed[i].g1 != null) {
        fallback = parsed[i].g1;
      }
    }
    if (fallback == null) {
      fallback = GraphicSet.LATIN_1; // what a stray high byte in "ASCII" text most often is
    }
    for (Term t : parsed) {
      for (GraphicSet set : t == null ? new GraphicSet[0] : new GraphicSet[] {t.g0, t.g1}) {
        if (set != null && !set.available()) {
          warn.add("This Java runtime has no charset " + set.charsetName() + " (module jdk.charsets);"
              + " characters of '" + t.term + "' are read as U+FFFD");
        }
      }
    }
    return new Iso2022Decoder(g0, g1, fallback);
  }

  private static Charset fallbackCharset(Term term, List<String> warn) {
    warn.add("This Java runtime has no charset " + term.standalone + " (module jdk.charsets); '"
        + term.term + "' text is read as ISO 8859-1");
    return StandardCharsets.ISO_8859_1;
  }
}
