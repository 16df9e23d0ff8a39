package org.linnea.dicom.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.linnea.dicom.VR;
import org.linnea.dicom.data.Dataset;

/** The "Value" arrays of {@link DicomJsonReader}: text, person names, IS/DS and binary numbers. */
final class JsonValues {
  private JsonValues() {}

  private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);

  /** Text VRs, PN, IS and DS; the current token is the array's START_ARRAY. */
  static void strings(DicomJsonReader.Parse parse, Dataset ds, int tag, VR vr) throws IOException {
    JsonParser p = parse.parser();
    List<String> values = new ArrayList<>();
    JsonToken t;
    while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
      switch (t) {
        case VALUE_NULL -> values.add("");
        case VALUE_STRING -> {
          String s = p.getText();
          if (vr == VR.PN) parse.warn("PN value as a string, not an object of component groups (PS3.18 F.2.2)");
          values.add(vr == VR.IS || vr == VR.DS ? s.strip() : s);
        }
        case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
          if (vr == VR.IS) values.add(integerString(parse, p.getText()));
          else if (vr == VR.DS) values.add(decimalString(parse, p.getText()));
          else throw parse.error("expected a string for VR " + vr + ", found a number");
        }
        case START_OBJECT -> {
          if (vr != VR.PN) throw parse.error("expected a string for VR " + vr + ", found an object");
          values.add(personName(parse));
        }
        default -> throw parse.error("expected " + (vr == VR.PN ? "a person name object" : "a string")
            + " for VR " + vr + ", found " + DicomJsonReader.describe(t));
      }
    }
    if (values.size() > 1 && !vr.isMultiValued()) {
      throw parse.error("VR " + vr + " takes one value, found " + values.size());
    }
    String joined = values.size() == 1 ? values.get(0) : String.join("\\", values);
    byte[] bytes;
    if (vr.usesSpecificCharacterSet()) {
      for (int k = 0; k < joined.length(); k++) {
        if (joined.charAt(k) >= 0x80) {
          parse.sawNonAscii();
          break;
        }
      }
      bytes = joined.getBytes(StandardCharsets.UTF_8);
    } else {
      // Default repertoire only. Characters up to U+00FF (in values of other systems, or of
      // corrupt files, which Dataset reads as ISO 8859-1 and DicomJsonWriter writes as they
      // are) are kept as those bytes, with a warning; beyond, no byte can hold them.
      boolean warned = false;
      for (int k = 0; k < joined.length(); k++) {
        char c = joined.charAt(k);
        if (c > 0xFF) {
          throw parse.error("VR " + vr + " is restricted to the default character repertoire, found '" + c + "' (U+"
              + String.format("%04X", (int) c) + ")");
        }
        if (c >= 0x7F && !warned) {
          parse.warn("VR " + vr + " is restricted to the default character repertoire, found U+"
              + String.format("%04X", (int) c) + " (kept as the byte " + String.format("%02X", (int) c) + ")");
          warned = true;
        }
      }
      bytes = DicomJsonReader.ascii(joined);
    }
    ds.setBytes(tag, vr, bytes);
  }

  private static final String[] GROUPS = {"Alphabetic", "Ideographic", "Phonetic"};

  /** A PN object; the current token is its START_OBJECT. */
  private static String personName(DicomJsonReader.Parse parse) throws IOException {
    JsonParser p = parse.parser();
    String[] groups = {null, null, null};
    JsonToken t;
    while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      int k = Arrays.asList(GROUPS).indexOf(name);
      if (k < 0) {
        throw parse.error("unknown person name component group \"" + DicomJsonReader.abbreviate(name)
            + "\" (Alphabetic, Ideographic or Phonetic)");
      }
      if (groups[k] != null) throw parse.error("duplicate \"" + name + "\"");
      JsonToken v = p.nextToken();
      if (v == JsonToken.VALUE_STRING) groups[k] = p.getText();
      else if (v == JsonToken.VALUE_NULL) groups[k] = "";
      else throw parse.error("\"" + name + "\" must be a string, found " + DicomJsonReader.describe(v));
      if (groups[k].indexOf('=') >= 0) throw parse.error("'=' in the " + name + " component group of a person name");
    }
    if (t != JsonToken.END_OBJECT) throw parse.error("expected a component group name, found " + DicomJsonReader.describe(t));
    int n = 3;
    while (n > 1 && (groups[n - 1] == null || groups[n - 1].isEmpty())) n--;
    StringBuilder sb = new StringBuilder();
    for (int k = 0; k < n; k++) {
      if (k > 0) sb.append('=');
      if (groups[k] != null) sb.append(groups[k]);
    }
    return sb.toString();
  }

  /** An IS value from a JSON number: an integer in -2^31..2^31-1 (PS3.5 6.2). */
  static String integerString(DicomJsonReader.Parse parse, String text) throws DicomJsonException {
    BigInteger v = integral(parse, decimal(parse, text, VR.IS), text, VR.IS);
    if (v.bitLength() > 31) throw parse.error("IS value " + DicomJsonReader.abbreviate(text) + " is out of range (-2^31 to 2^31-1)");
    return v.toString();
  }

  /** A DS value from a JSON number: its own characters when they fit in 16, else rounded to fit; finite as a double. */
  static String decimalString(DicomJsonReader.Parse parse, String text) throws DicomJsonException {
    if (Double.isInfinite(Double.parseDouble(text))) {
      throw parse.error("number " + DicomJsonReader.abbreviate(text) + " is out of range for VR DS (beyond a double)");
    }
    if (text.length() <= 16) return text;
    BigDecimal d = decimal(parse, text, VR.DS);
    for (int precision = Math.min(16, d.precision()); precision >= 1; precision--) {
      String s = d.round(new MathContext(precision, RoundingMode.HALF_EVEN)).toString();
      if (s.length() <= 16) return s;
    }
    throw parse.error("DS value " + DicomJsonReader.abbreviate(text) + " cannot be written in 16 characters");
  }

  private static BigDecimal decimal(DicomJsonReader.Parse parse, String text, VR vr) throws DicomJsonException {
    try {
      return new BigDecimal(text);
    } catch (NumberFormatException e) {
      throw parse.error("number " + DicomJsonReader.abbreviate(text) + " is out of range for VR " + vr);
    }
  }

  /** The integer value of {@code d}, refusing fractions and magnitudes beyond 40 digits before any expansion. */
  private static BigInteger integral(DicomJsonReader.Parse parse, BigDecimal d, String text, VR vr) throws DicomJsonException {
    if (d.signum() == 0) return BigInteger.ZERO;
    if ((long) d.precision() - d.scale() > 40) {
      throw parse.error("number " + DicomJsonReader.abbreviate(text) + " is out of range for VR " + vr);
    }
    BigDecimal s = d.stripTrailingZeros();
    if (s.scale() > 0) throw parse.error("VR " + vr + " takes integers, not " + DicomJsonReader.abbreviate(text));
    return s.toBigIntegerExact();
  }

  /** AT, US, SS, UL, SL, SV, UV, FL and FD; the current token is the array's START_ARRAY. */
  static void numbers(DicomJsonReader.Parse parse, Dataset ds, int tag, VR vr) throws IOException {
    JsonParser p = parse.parser();
    boolean floating = vr == VR.FL || vr == VR.FD;
    long[] longs = new long[floating ? 0 : 8];
    double[] doubles = new double[floating ? 8 : 0];
    int n = 0;
    JsonToken t;
    while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
      if (floating && n == doubles.length) doubles = Arrays.copyOf(doubles, n * 2);
      if (!floating && n == longs.length) longs = Arrays.copyOf(longs, n * 2);
      switch (t) {
        case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
          String text = p.getText();
          if (floating) {
            double d = p.getDoubleValue();
            if (Double.isInfinite(d) || vr == VR.FL && Float.isInfinite((float) d)) {
              throw parse.error("number " + DicomJsonReader.abbreviate(text) + " is out of range for VR " + vr);
            }
            doubles[n++] = d;
          } else if (vr == VR.AT) {
            throw parse.error("AT values are strings of 8 hexadecimal digits, found a number");
          } else {
            longs[n++] = checkRange(parse, integral(parse, decimal(parse, text, vr), text, vr), text, vr);
          }
        }
        case VALUE_STRING -> {
          String s = p.getText().strip();
          if (floating) {
            doubles[n++] = switch (s) {
              case "NaN" -> Double.NaN;
              case "Infinity", "+Infinity", "inf" -> Double.POSITIVE_INFINITY;
              case "-Infinity", "-inf" -> Double.NEGATIVE_INFINITY;
              default -> throw parse.error("expected a number for VR " + vr + ", found the string \"" + DicomJsonReader.abbreviate(s)
                  + "\" (only \"NaN\", \"Infinity\" and \"-Infinity\" are accepted as strings)");
            };
          } else if (vr == VR.AT) {
            longs[n++] = attributeTag(parse, s);
          } else if ((vr == VR.SV || vr == VR.UV) && s.matches("[-+]?[0-9]{1,40}")) {
            longs[n++] = checkRange(parse, new BigInteger(s), s, vr);
          } else {
            throw parse.error("expected a number for VR " + vr + ", found a string");
          }
        }
        case VALUE_NULL -> parse.warn("null value dropped: VR " + vr + " cannot encode an empty value");
        default -> throw parse.error("expected " + (vr == VR.AT ? "a tag string" : "a number") + " for VR " + vr
            + ", found " + DicomJsonReader.describe(t));
      }
    }
    if (floating) ds.setDouble(tag, vr, Arrays.copyOf(doubles, n));
    else ds.setLong(tag, vr, Arrays.copyOf(longs, n));
  }

  private static long attributeTag(DicomJsonReader.Parse parse, String s) throws DicomJsonException {
    if (s.length() == 8) {
      long v = 0;
      int k = 0;
      for (; k < 8; k++) {
        int d = Character.digit(s.charAt(k), 16);
        if (d < 0 || s.charAt(k) > 'f') break;
        v = (v << 4) | d;
      }
      if (k == 8) return v;
    }
    throw parse.error("AT value \"" + DicomJsonReader.abbreviate(s) + "\" is not 8 hexadecimal digits (ggggeeee)");
  }

  private static long checkRange(DicomJsonReader.Parse parse, BigInteger v, String text, VR vr) throws DicomJsonException {
    long min;
    BigInteger max;
    switch (vr) {
      case US -> { min = 0; max = BigInteger.valueOf(0xFFFF); }
      case SS -> { min = Short.MIN_VALUE; max = BigInteger.valueOf(Short.MAX_VALUE); }
      case UL -> { min = 0; max = BigInteger.valueOf(0xFFFFFFFFL); }
      case SL -> { min = Integer.MIN_VALUE; max = BigInteger.valueOf(Integer.MAX_VALUE); }
      case SV -> { min = Long.MIN_VALUE; max = BigInteger.valueOf(Long.MAX_VALUE); }
      case UV -> { min = 0; max = TWO_64.subtract(BigInteger.ONE); }
      default -> throw new AssertionError(vr);
    }
    if (v.compareTo(BigInteger.valueOf(min)) < 0 || v.compareTo(max) > 0) {
      throw parse.error("value " + DicomJsonReader.abbreviate(text) + " is out of range for VR " + vr);
    }
    return v.longValue();
  }
}
