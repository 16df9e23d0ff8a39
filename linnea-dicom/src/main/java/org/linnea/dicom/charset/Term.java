package org.linnea.dicom.charset;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The Defined Terms of Specific Character Set (0008,0005), PS3.3 Tables C.12-2 to C.12-5, and what
 * each puts into G0 and G1.
 */
enum Term {
  // C.12-2, single-byte without code extensions. ISO_IR 6 is not listed there (the default
  // repertoire has no Defined Term) but is written by enough software to be taken as it.
  ISO_IR_6("ISO_IR 6", GraphicSet.ASCII, null),
  ISO_IR_100("ISO_IR 100", GraphicSet.ASCII, GraphicSet.LATIN_1),
  ISO_IR_101("ISO_IR 101", GraphicSet.ASCII, GraphicSet.LATIN_2),
  ISO_IR_109("ISO_IR 109", GraphicSet.ASCII, GraphicSet.LATIN_3),
  ISO_IR_110("ISO_IR 110", GraphicSet.ASCII, GraphicSet.LATIN_4),
  ISO_IR_144("ISO_IR 144", GraphicSet.ASCII, GraphicSet.CYRILLIC),
  ISO_IR_127("ISO_IR 127", GraphicSet.ASCII, GraphicSet.ARABIC),
  ISO_IR_126("ISO_IR 126", GraphicSet.ASCII, GraphicSet.GREEK),
  ISO_IR_138("ISO_IR 138", GraphicSet.ASCII, GraphicSet.HEBREW),
  ISO_IR_148("ISO_IR 148", GraphicSet.ASCII, GraphicSet.LATIN_5),
  ISO_IR_203("ISO_IR 203", GraphicSet.ASCII, GraphicSet.LATIN_9),
  ISO_IR_13("ISO_IR 13", GraphicSet.JIS_X0201_ROMAN, GraphicSet.JIS_X0201_KATAKANA),
  ISO_IR_166("ISO_IR 166", GraphicSet.ASCII, GraphicSet.THAI),
  // C.12-3, single-byte with code extensions
  ISO_2022_IR_6("ISO 2022 IR 6", GraphicSet.ASCII, null),
  ISO_2022_IR_100("ISO 2022 IR 100", GraphicSet.ASCII, GraphicSet.LATIN_1),
  ISO_2022_IR_101("ISO 2022 IR 101", GraphicSet.ASCII, GraphicSet.LATIN_2),
  ISO_2022_IR_109("ISO 2022 IR 109", GraphicSet.ASCII, GraphicSet.LATIN_3),
  ISO_2022_IR_110("ISO 2022 IR 110", GraphicSet.ASCII, GraphicSet.LATIN_4),
  ISO_2022_IR_144("ISO 2022 IR 144", GraphicSet.ASCII, GraphicSet.CYRILLIC),
  ISO_2022_IR_127("ISO 2022 IR 127", GraphicSet.ASCII, GraphicSet.ARABIC),
  ISO_2022_IR_126("ISO 2022 IR 126", GraphicSet.ASCII, GraphicSet.GREEK),
  ISO_2022_IR_138("ISO 2022 IR 138", GraphicSet.ASCII, GraphicSet.HEBREW),
  ISO_2022_IR_148("ISO 2022 IR 148", GraphicSet.ASCII, GraphicSet.LATIN_5),
  ISO_2022_IR_203("ISO 2022 IR 203", GraphicSet.ASCII, GraphicSet.LATIN_9),
  ISO_2022_IR_13("ISO 2022 IR 13", GraphicSet.JIS_X0201_ROMAN, GraphicSet.JIS_X0201_KATAKANA),
  ISO_2022_IR_166("ISO 2022 IR 166", GraphicSet.ASCII, GraphicSet.THAI),
  // C.12-4, multi-byte with code extensions
  ISO_2022_IR_87("ISO 2022 IR 87", GraphicSet.JIS_X0208, null),
  ISO_2022_IR_159("ISO 2022 IR 159", GraphicSet.JIS_X0212, null),
  ISO_2022_IR_149("ISO 2022 IR 149", GraphicSet.ASCII, GraphicSet.KS_X1001),
  ISO_2022_IR_58("ISO 2022 IR 58", GraphicSet.ASCII, GraphicSet.GB2312),
  // C.12-5, multi-byte without code extensions: no ISO 2022, decoded by the JDK as a whole
  ISO_IR_192("ISO_IR 192", "UTF-8"),
  GB18030("GB18030", "GB18030"),
  GBK("GBK", "GBK");

  private static final Map<String, Term> BY_KEY = new HashMap<>();
  private static final Map<String, Term> ALIASES = new HashMap<>();

  static {
    for (Term t : values()) {
      BY_KEY.put(key(t.term), t);
    }
    // Spellings met in the wild or in drafts, each mapped to the term its writer meant.
    ALIASES.put("ISOIR87", ISO_2022_IR_87);
    ALIASES.put("ISOIR159", ISO_2022_IR_159);
    ALIASES.put("ISOIR149", ISO_2022_IR_149);
    ALIASES.put("ISOIR58", ISO_2022_IR_58);
    ALIASES.put("ISO202258", ISO_2022_IR_58); // CP 1234 draft, known to pydicom
    ALIASES.put("GB2312", ISO_2022_IR_58);
    ALIASES.put("ISO2022GBK", GBK); // CP 1234 draft, known to pydicom
    ALIASES.put("ISO2022IR192", ISO_IR_192);
    ALIASES.put("UTF8", ISO_IR_192);
    ALIASES.put("ISOIR192UTF8", ISO_IR_192);
    ALIASES.put("ISO88591", ISO_IR_100);
    ALIASES.put("LATIN1", ISO_IR_100);
  }

  final String term;
  /** What the term puts into G0 and G1 (null: nothing). */
  final GraphicSet g0;
  final GraphicSet g1;
  /** For the C.12-5 terms: the JDK charset that decodes a whole value; null for ISO 2022 terms. */
  final String standalone;

  Term(String term, GraphicSet g0, GraphicSet g1) {
    this.term = term;
    this.g0 = g0;
    this.g1 = g1;
    this.standalone = null;
  }

  Term(String term, String standalone) {
    this.term = term;
    this.g0 = GraphicSet.ASCII;
    this.g1 = null;
    this.standalone = standalone;
  }

  boolean codeExtensions() {
    return term.startsWith("ISO 2022");
  }

  boolean isDefaultRepertoire() {
    return this == ISO_IR_6 || this == ISO_2022_IR_6;
  }

  /** The ISO 2022 form of a C.12-2 term (ISO_IR 100 to ISO 2022 IR 100), or itself. */
  Term withCodeExtensions() {
    if (codeExtensions() || standalone != null) {
      return this;
    }
    Term t = BY_KEY.get(key(term.replace("ISO_IR", "ISO 2022 IR")));
    return t != null ? t : this;
  }

  /** The term exactly as PS3.3 spells it, or null. */
  static Term exact(String s) {
    Term t = BY_KEY.get(key(s));
    return t != null && t.term.equals(s) ? t : null;
  }

  /** The term a misspelt or aliased value most likely means, or null if there is none. */
  static Term lenient(String s) {
    String k = key(s);
    Term t = BY_KEY.get(k);
    return t != null ? t : ALIASES.get(k);
  }

  /** Letters and digits only, upper case: "iso-ir 100" and "ISO_IR100" both become ISOIR100. */
  private static String key(String s) {
    return s.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "");
  }
}
