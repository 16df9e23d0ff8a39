package org.linnea.dicom.json;

import com.fasterxml.jackson.core.Base64Variants;
import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteConstraints;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.regex.Pattern;
import org.linnea.dicom.Tags;
import org.linnea.dicom.VR;
import org.linnea.dicom.data.BulkData;
import org.linnea.dicom.data.Dataset;
import org.linnea.dicom.data.Fragments;
import org.linnea.dicom.data.Sequence;
import org.linnea.dicom.data.Values;

/**
 * Writes datasets as the DICOM JSON Model of PS3.18 Annex F, streaming through a Jackson {@link
 * JsonGenerator}: no document tree is built, and values kept on disk are base64-encoded straight
 * from the file.
 *
 * <p>What is written, and the choices made where the standard leaves room:
 *
 * <ul>
 *   <li>Attributes in ascending tag order, keys {@code ggggeeee} in upper case (F.2.2); Group
 *       Length (gggg,0000) attributes are left out (F.2.2), and so is Data Set Trailing Padding
 *       (FFFC,FFFC), which PS3.10 7.2 gives no meaning. Private creators and private elements are
 *       included.
 *   <li>Text in {@code "Value"} arrays, decoded with the dataset's Specific Character Set (JSON is
 *       UTF-8); (0008,0005) itself is written as it is, since it describes the source encoding
 *       (F.2.2 note 3). Multi-valued text is split at backslashes (F.2.4).
 *   <li>An empty attribute has no {@code "Value"} (F.2.5); an empty value among several is {@code
 *       null} (F.2.5); an empty item is {@code {}}.
 *   <li>PN values are objects with the non-empty component groups among {@code "Alphabetic"},
 *       {@code "Ideographic"} and {@code "Phonetic"} (F.2.2), each the DICOM text of the group as it is (components
 *       separated by '^').
 *   <li>IS and DS (JSON "Number or String", Table F.2.3-1): a value that is a valid JSON number is
 *       written as that number, character for character (so "0.50" stays 0.50); a value that is a
 *       number in DICOM's syntax but not JSON's ("+5", ".5", "1.", "007") is written as the same
 *       number in JSON syntax (5, 0.5, 1, 7), exactly, without going through binary floating
 *       point; a value that is not a number of its VR (not a number at all, an IS with a fraction
 *       or beyond ±2<sup>31</sup>, a DS beyond the range of a double) is written as a JSON string,
 *       so the output stays valid JSON, nothing is lost, and {@link DicomJsonReader} reads it
 *       back (the note to Table F.2.3-1 allows strings).
 *   <li>SV and UV: JSON numbers when within ±(2<sup>53</sup>−1), where every JSON reader is
 *       exact, otherwise strings (note to Table F.2.3-1: "to avoid losing precision").
 *   <li>FL and FD: numbers; NaN and the infinities, which JSON (RFC 8259) cannot express and
 *       Annex F does not address, are written as the strings {@code "NaN"}, {@code "Infinity"}
 *       and {@code "-Infinity"} (as dcm4che does); {@link DicomJsonReader} reads them back.
 *   <li>AT as {@code ggggeeee} strings.
 *   <li>OB, OD, OF, OL, OV, OW and UN: {@code "InlineBinary"} (F.2.7, base64, little endian)
 *       when the value has at most {@link #inlineBinaryMaxLength(long)} bytes, otherwise {@code
 *       "BulkDataURI"} (F.2.6) made by the {@link BulkDataUris} function. Encapsulated pixel data
 *       ({@link Fragments}) is always a BulkDataURI. A {@link BulkData} value of another VR (read
 *       from JSON) is written as a BulkDataURI too.
 *   <li>VR UN of a public element (sent by a system that did not know it, PS3.5 6.2.2): with
 *       {@link #resolveUnknownVR(boolean)} on (the default), the element is written with the VR
 *       of the data dictionary and its decoded value ({@link Dataset#decodingVRAt(int)}), which
 *       is what a DICOMweb client can use. Keeping {@code "vr":"UN"} with a {@code "Value"} is
 *       not an option: F.2.2 allows only InlineBinary or BulkDataURI for UN. With the option off,
 *       and always for private elements, UN is written as InlineBinary/BulkDataURI of the bytes
 *       as they are (F.2.2 note 4: "the source byte encoding is preserved"); so are UN values left
 *       on disk ({@link BulkData}).
 * </ul>
 *
 * <p>A writer holds only its settings and may be shared between threads once configured.
 */
public final class DicomJsonWriter {
  /** Deep enough for the 1000 levels of sequences that {@code ReadOptions} allows at most (4 JSON levels each). */
  private static final JsonFactory FACTORY = JsonFactory.builder()
      .streamWriteConstraints(StreamWriteConstraints.builder().maxNestingDepth(4 * 1000 + 16).build())
      .build();
  /** RFC 8259 number syntax. */
  private static final Pattern JSON_NUMBER = Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][-+]?[0-9]+)?");
  private static final BigInteger MAX_SAFE = BigInteger.valueOf((1L << 53) - 1);
  /** (FFFC,FFFC), padding at the end of a Part 10 file (PS3.10 7.2) with no meaning of its own. */
  private static final int DATA_SET_TRAILING_PADDING = 0xFFFCFFFC;
  private static final String[] PN_GROUPS = {"Alphabetic", "Ideographic", "Phonetic"};

  private long inlineBinaryMaxLength = Long.MAX_VALUE;
  private BulkDataUris bulkDataUris = BulkDataUris.fileRangesOrRelative();
  private boolean resolveUnknownVR = true;

  /**
   * Binary values longer than this many bytes are written as BulkDataURI instead of
   * InlineBinary; the default inlines everything. 0 makes every non-empty binary value a URI.
   */
  public DicomJsonWriter inlineBinaryMaxLength(long bytes) {
    if (bytes < 0) throw new IllegalArgumentException("negative length " + bytes);
    this.inlineBinaryMaxLength = bytes;
    return this;
  }

  /** The function making BulkDataURIs; the default is {@link BulkDataUris#fileRangesOrRelative()}. */
  public DicomJsonWriter bulkDataUris(BulkDataUris uris) {
    this.bulkDataUris = java.util.Objects.requireNonNull(uris);
    return this;
  }

  /** Whether VR UN of public elements is replaced by the dictionary's VR (default true); see the class comment. */
  public DicomJsonWriter resolveUnknownVR(boolean resolve) {
    this.resolveUnknownVR = resolve;
    return this;
  }

  // ---- entry points -----------------------------------------------------------------------------

  /** One dataset as one JSON object, UTF-8, to the stream (left open). */
  public void write(OutputStream out, Dataset ds, boolean pretty) throws IOException {
    try (JsonGenerator g = generator(FACTORY.createGenerator(out, JsonEncoding.UTF8), pretty)) {
      write(g, ds);
    }
  }

  /** Datasets as a JSON array of objects, as QIDO-RS and WADO-RS metadata answer, to the stream (left open). */
  public void writeArray(OutputStream out, Iterable<Dataset> datasets, boolean pretty) throws IOException {
    try (JsonGenerator g = generator(FACTORY.createGenerator(out, JsonEncoding.UTF8), pretty)) {
      writeArray(g, datasets);
    }
  }

  /** One dataset to a character stream (left open). */
  public void write(Writer out, Dataset ds, boolean pretty) throws IOException {
    try (JsonGenerator g = generator(FACTORY.createGenerator(out), pretty)) {
      write(g, ds);
    }
  }

  /** The dataset as a compact JSON string. */
  public String toJson(Dataset ds) throws IOException {
    StringWriter w = new StringWriter();
    write(w, ds, false);
    return w.toString();
  }

  /**
   * A generator suited to DICOM JSON (deep nesting allowed), UTF-8, that leaves {@code out} open
   * when closed; for writing several datasets or mixing them with other JSON.
   */
  public static JsonGenerator createGenerator(OutputStream out, boolean pretty) throws IOException {
    return generator(FACTORY.createGenerator(out, JsonEncoding.UTF8), pretty);
  }

  /** Like {@link #createGenerator(OutputStream, boolean)}, to a character stream. */
  public static JsonGenerator createGenerator(Writer out, boolean pretty) throws IOException {
    return generator(FACTORY.createGenerator(out), pretty);
  }

  private static JsonGenerator generator(JsonGenerator g, boolean pretty) {
    g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    return pretty ? g.useDefaultPrettyPrinter() : g;
  }

  /** Writes {@code [ {...}, {...} ]}. To stream datasets as they come, write the array brackets yourself and call {@link #write(JsonGenerator, Dataset)} for each. */
  public void writeArray(JsonGenerator g, Iterable<Dataset> datasets) throws IOException {
    g.writeStartArray();
    for (Dataset ds : datasets) write(g, ds);
    g.writeEndArray();
  }

  /** Writes the dataset as one JSON object (the DICOM JSON Model object of F.2.2). */
  public void write(JsonGenerator g, Dataset ds) throws IOException {
    writeDataset(g, ds, new int[0]);
  }

  // ---- datasets and attributes ------------------------------------------------------------------

  private void writeDataset(JsonGenerator g, Dataset ds, int[] parentPath) throws IOException {
    g.writeStartObject();
    for (int i = 0, n = ds.size(); i < n; i++) {
      int tag = ds.tagAt(i);
      if (Tags.isGroupLength(tag) || tag == DATA_SET_TRAILING_PADDING) continue;
      int[] path = Arrays.copyOf(parentPath, parentPath.length + 1);
      path[parentPath.length] = tag;
      g.writeFieldName(Tags.toHex(tag));
      g.writeStartObject();
      writeAttribute(g, ds, i, path);
      g.writeEndObject();
    }
    g.writeEndObject();
  }

  private void writeAttribute(JsonGenerator g, Dataset ds, int i, int[] path) throws IOException {
    int tag = ds.tagAt(i);
    VR vr = ds.vrAt(i);
    Object value = ds.valueAt(i);
    if (vr == VR.UN && value instanceof byte[] b && resolveUnknownVR) {
      VR real = ds.decodingVRAt(i);
      // Fixed-size binary values whose length does not fit the VR stay UN rather than lose bytes.
      boolean fits = real.kind() != VR.Kind.BINARY || b.length % (real == VR.AT ? 4 : real.unitSize()) == 0;
      if (real != VR.UN && fits) vr = real;
    }
    g.writeStringField("vr", vr.name());
    switch (value) {
      case Sequence s -> {
        if (s.isEmpty()) return;
        g.writeArrayFieldStart("Value");
        for (int k = 0; k < s.size(); k++) {
          int[] itemPath = Arrays.copyOf(path, path.length + 1);
          itemPath[path.length] = k;
          writeDataset(g, s.get(k), itemPath);
        }
        g.writeEndArray();
      }
      case Fragments f -> g.writeStringField("BulkDataURI", bulkDataUris.uriFor(ds, path, f));
      case BulkData b -> {
        if (isBinary(vr) && b.isFile() && b.length() != DicomJsonReader.UNKNOWN_LENGTH && b.length() <= inlineBinaryMaxLength && b.length() <= Integer.MAX_VALUE - 16) {
          if (b.length() == 0) return;
          g.writeFieldName("InlineBinary");
          if (b.bigEndian() && vr.unitSize() > 1) {
            byte[] bytes = b.readAllBytes();
            g.writeBinary(Base64Variants.MIME_NO_LINEFEEDS, Values.swap(bytes, vr), 0, bytes.length);
          } else {
            try (InputStream in = b.openStream()) {
              g.writeBinary(Base64Variants.MIME_NO_LINEFEEDS, in, (int) b.length());
            }
          }
        } else {
          g.writeStringField("BulkDataURI", bulkDataUris.uriFor(ds, path, b));
        }
      }
      case byte[] bytes -> {
        if (bytes.length == 0) return;
        if (isBinary(vr)) {
          if (bytes.length <= inlineBinaryMaxLength) {
            byte[] le = ds.isBigEndian() && vr.unitSize() > 1 ? Values.swap(bytes, vr) : bytes;
            g.writeFieldName("InlineBinary");
            g.writeBinary(Base64Variants.MIME_NO_LINEFEEDS, le, 0, le.length);
          } else {
            g.writeStringField("BulkDataURI", bulkDataUris.uriFor(ds, path, bytes));
          }
        } else {
          writeValues(g, ds, tag, vr);
        }
      }
      default -> throw new IllegalStateException("unexpected value type " + value.getClass().getName());
    }
  }

  /** The VRs whose value is InlineBinary or a BulkDataURI, never a "Value" (F.2.2). */
  private static boolean isBinary(VR vr) {
    return switch (vr) {
      case OB, OD, OF, OL, OV, OW, UN -> true;
      default -> false;
    };
  }

  private static void writeValues(JsonGenerator g, Dataset ds, int tag, VR vr) throws IOException {
    String[] values = ds.getStrings(tag);
    if (vr == VR.PN) {
      // "==" or "^^" is a name with no non-empty component group: an empty value
      for (int k = 0; k < values.length; k++) {
        if (values[k].replace("=", "").replace("^", "").isBlank()) values[k] = "";
      }
    }
    if (values.length == 0 || values.length == 1 && values[0].isEmpty()) return;
    g.writeArrayFieldStart("Value");
    for (String v : values) {
      if (v.isEmpty() && vr != VR.AT && vr.kind() != VR.Kind.BINARY) {
        g.writeNull();
        continue;
      }
      switch (vr) {
        case PN -> writePersonName(g, v);
        case IS, DS -> writeDecimal(g, v, vr);
        case US, SS, UL, SL -> g.writeNumber(v);
        case SV, UV -> {
          if (new BigInteger(v).abs().compareTo(MAX_SAFE) <= 0) g.writeNumber(v);
          else g.writeString(v);
        }
        case FL, FD -> {
          if (v.equals("NaN") || v.equals("Infinity") || v.equals("-Infinity")) g.writeString(v);
          else g.writeNumber(v);
        }
        default -> g.writeString(v);
      }
    }
    g.writeEndArray();
  }

  private static void writePersonName(JsonGenerator g, String v) throws IOException {
    String[] groups = v.split("=", 3);
    g.writeStartObject();
    for (int k = 0; k < groups.length; k++) {
      String group = groups[k].strip();
      // a group of empty components ("^^") is an empty group
      if (!group.replace("^", "").isBlank()) g.writeStringField(PN_GROUPS[k], group);
    }
    g.writeEndObject();
  }

  /** IS and DS: see the class comment. */
  static void writeDecimal(JsonGenerator g, String v, VR vr) throws IOException {
    String n = jsonNumber(v, vr);
    if (n != null) g.writeNumber(n);
    else g.writeString(v);
  }

  /**
   * The JSON number text for an IS or DS value, or null when it is not a number of the VR: an IS
   * must be an integer in -2^31..2^31-1, a DS finite as a double (PS3.5 6.2).
   */
  static String jsonNumber(String v, VR vr) {
    if (v.isEmpty() || v.length() > 64) return null;
    for (int k = 0; k < v.length(); k++) {
      char c = v.charAt(k);
      // BigDecimal also accepts non-ASCII digits, which DICOM does not
      if (!(c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.' || c == 'e' || c == 'E')) return null;
    }
    BigDecimal d;
    try {
      d = new BigDecimal(v);
    } catch (NumberFormatException e) {
      return null;
    }
    if (vr == VR.IS) {
      if (d.signum() != 0 && (d.precision() - d.scale() > 10 || d.stripTrailingZeros().scale() > 0)) return null;
      if (d.signum() != 0 && d.toBigIntegerExact().bitLength() > 31) return null;
    } else if (Double.isInfinite(d.doubleValue())) {
      return null;
    }
    if (JSON_NUMBER.matcher(v).matches()) return v;
    String s = d.toString();
    return JSON_NUMBER.matcher(s).matches() ? s : null;
  }
}
