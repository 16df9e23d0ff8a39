package org.linnea.dicom.charset;

import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Specific Character Set (0008,0005): decodes and encodes the text VRs (SH, LO, ST, LT, PN, UC,
 * UT). This first version handles the single-byte sets ISO_IR 6, 100 and 192; the ISO 2022 code
 * extensions arrive with the full implementation.
 */
public final class SpecificCharacterSet {
  public static final SpecificCharacterSet ASCII = new SpecificCharacterSet(new String[0], StandardCharsets.US_ASCII);
  public static final SpecificCharacterSet UTF_8 = new SpecificCharacterSet(new String[] {"ISO_IR 192"}, StandardCharsets.UTF_8);
  public static final SpecificCharacterSet ISO_8859_1 = new SpecificCharacterSet(new String[] {"ISO_IR 100"}, StandardCharsets.ISO_8859_1);

  private final String[] terms;
  private final Charset charset;

  private SpecificCharacterSet(String[] terms, Charset charset) {
    this.terms = terms;
    this.charset = charset;
  }

  public static SpecificCharacterSet valueOf(String... definedTerms) {
    if (definedTerms == null || definedTerms.length == 0) return ASCII;
    return switch (definedTerms[0].trim()) {
      case "ISO_IR 192" -> UTF_8;
      case "ISO_IR 100" -> ISO_8859_1;
      case "", "ISO_IR 6" -> ASCII;
      default -> new SpecificCharacterSet(definedTerms.clone(), StandardCharsets.ISO_8859_1);
    };
  }

  public String[] definedTerms() {
    return terms.clone();
  }

  public boolean isAscii() {
    return charset == StandardCharsets.US_ASCII;
  }

  public List<String> warnings() {
    return List.of();
  }

  public String decode(byte[] bytes, int offset, int length, boolean personName) {
    return new String(bytes, offset, length, charset == StandardCharsets.US_ASCII ? StandardCharsets.ISO_8859_1 : charset);
  }

  public byte[] encode(String text) {
    CharsetEncoder enc = charset.newEncoder();
    for (int i = 0; i < text.length(); i++) {
      if (!enc.canEncode(text.charAt(i))) {
        throw new IllegalArgumentException("character '" + text.charAt(i) + "' cannot be encoded in " + charset);
      }
    }
    return text.getBytes(charset);
  }

  public boolean canEncode() {
    return true;
  }
}
