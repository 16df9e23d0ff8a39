package org.linnea.dicom.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.linnea.dicom.ElementDictionary;
import org.linnea.dicom.Tag;
import org.linnea.dicom.Tags;
import org.linnea.dicom.VR;
import org.linnea.dicom.data.BulkData;
import org.linnea.dicom.data.Dataset;
import org.linnea.dicom.data.Sequence;

/**
 * Reads the DICOM JSON Model of PS3.18 Annex F — one object, or an array of objects as QIDO-RS
 * and WADO-RS metadata return — into little-endian {@link Dataset}s, streaming with Jackson's
 * {@link JsonParser}.
 *
 * <ul>
 *   <li>Text is stored UTF-8 encoded. When any text value has a character outside ASCII, Specific
 *       Character Set (0008,0005) is set to {@code ISO_IR 192} in the top-level dataset (and
 *       replaced in any item that has its own), since the JSON's (0008,0005) describes the
 *       source encoding, not the JSON's (F.2.2 note 3). Otherwise (0008,0005) is kept as given.
 *       VRs of the default repertoire (AE, AS, CS, DA, DS, DT, IS, TM, UI, UR) take ASCII;
 *       characters up to U+00FF (from damaged files: {@link Dataset} reads those bytes as ISO
 *       8859-1) are kept as those bytes with a warning, characters beyond are an error.
 *   <li>IS and DS accept JSON numbers and strings (Table F.2.3-1). A number is stored with the
 *       characters it has in the JSON when they fit the VR (16 characters for DS), otherwise
 *       rounded to fit; an IS number must be an integer in the IS range. Strings are kept as
 *       they are (the standard uses them to preserve the original format).
 *   <li>PN objects become {@code Alphabetic=Ideographic=Phonetic}, trailing empty groups left
 *       out. A PN value given as a plain string (a common non-conformance) is accepted with a
 *       warning.
 *   <li>FL and FD accept the strings {@code "NaN"}, {@code "Infinity"} and {@code "-Infinity"}
 *       that {@link DicomJsonWriter} writes for values JSON numbers cannot express; SV and UV
 *       accept numbers and decimal strings. {@code null} entries in arrays of binary numbers,
 *       which PS3.5 cannot encode, are dropped with a {@linkplain #warnings() warning}.
 *   <li>InlineBinary (also as a one-element array, as pydicom accepts) is decoded from base64
 *       (a length that is not a multiple of the VR's unit is kept, with a warning);
 *       BulkDataURI goes through the {@link BulkDataResolver}. The default, {@link #opaque},
 *       keeps every URI as {@code BulkData(uri, 0, UNKNOWN_LENGTH)}: {@link #UNKNOWN_LENGTH} is
 *       0xFFFFFFFF, PS3.5's "undefined length", which no real value has. Fetch such values
 *       through their URI before writing the dataset. {@link #fileRanges} turns the {@code
 *       file:...#offset=N&length=M} URIs that {@link BulkDataUris} writes back into file ranges,
 *       for trusted documents only.
 *   <li>Attribute members may come in any order ({@code "Value"} before {@code "vr"} is
 *       buffered). Unknown members are skipped with a warning; a missing {@code "vr"} is taken
 *       from the data dictionary with a warning when the dictionary gives a single VR.
 *       Attributes out of ascending order are sorted; Group Length attributes, which F.2.2
 *       excludes, are ignored with a warning.
 * </ul>
 *
 * <p>Hostile input: malformed JSON, wrong types, bad keys, duplicate keys, unknown VRs, invalid
 * base64, numbers out of range all raise {@link DicomJsonException} with line, column and tag
 * path. Nesting is bounded ({@link #maxDepth(int)} sequence levels; the JSON parser refuses
 * deeper documents before any recursion), so no StackOverflowError; memory is proportional to
 * the input (copies of {@code "Value"} arrays met before their {@code "vr"} are bounded to 32
 * times the input read, plus 16 MiB); numbers are never expanded from their exponent.
 *
 * <p>Not thread-safe: {@link #warnings()} belongs to the last read.
 */
public final class DicomJsonReader {
  /** Length of a {@link BulkData} whose length the BulkDataURI does not tell: 0xFFFFFFFF, PS3.5's undefined length. */
  public static final long UNKNOWN_LENGTH = 0xFFFFFFFFL;

  private static final ElementDictionary DICT = ElementDictionary.standard();
  private static final Set<VR> INLINE_VRS = EnumSet.of(VR.OB, VR.OD, VR.OF, VR.OL, VR.OV, VR.OW, VR.UN);
  private static final Set<VR> BULK_VRS = EnumSet.of(VR.DS, VR.FL, VR.FD, VR.IS, VR.LT, VR.OB, VR.OD, VR.OF, VR.OL,
      VR.OV, VR.OW, VR.SL, VR.SS, VR.ST, VR.SV, VR.UC, VR.UL, VR.UN, VR.US, VR.UT, VR.UV);

  /**
   * Turns a BulkDataURI into the value to hold: a {@link BulkData} or the {@code byte[]} itself.
   * Its IOExceptions (a failed fetch) reach the caller of the read as they are.
   */
  @FunctionalInterface
  public interface BulkDataResolver {
    Object resolve(String uri, int tag, VR vr) throws IOException;
  }

  private int maxDepth = 64;
  private BulkDataResolver resolver = DicomJsonReader::opaque;
  private JsonFactory factory = factory(64);
  private List<String> warnings = List.of();

  /** Deepest nesting of sequences accepted (default 64, as {@code ReadOptions.DEFAULT}). */
  public DicomJsonReader maxDepth(int depth) {
    if (depth < 1 || depth > 1000) throw new IllegalArgumentException("maxDepth must be between 1 and 1000, not " + depth);
    this.maxDepth = depth;
    this.factory = factory(depth);
    return this;
  }

  public DicomJsonReader bulkDataResolver(BulkDataResolver resolver) {
    this.resolver = java.util.Objects.requireNonNull(resolver);
    return this;
  }

  private static JsonFactory factory(int depth) {
    // An attribute in an item of a sequence is 4 JSON levels below the attribute holding it.
    StreamReadConstraints c = StreamReadConstraints.builder()
        .maxNestingDepth(4 * depth + 8)
        .maxStringLength(Integer.MAX_VALUE - 64)
        .maxNumberLength(400)
        .build();
    return JsonFactory.builder().streamReadConstraints(c).disable(JsonFactory.Feature.INTERN_FIELD_NAMES).build();
  }

  /** Problems that did not stop the last read (ignored members, dropped nulls, ...). */
  public List<String> warnings() {
    return warnings;
  }

  /** One DICOM JSON object (an array of exactly one object is accepted too). The stream is left open. */
  public Dataset read(InputStream in) throws IOException {
    return single(readAll(in));
  }

  public Dataset read(Reader in) throws IOException {
    return single(readAll(in));
  }

  public Dataset read(String json) throws IOException {
    return single(readAll(json));
  }

  /** An array of DICOM JSON objects, or a single object (a list of one). The stream is left open. */
  public List<Dataset> readAll(InputStream in) throws IOException {
    try (JsonParser p = factory.createParser(in)) {
      return parse(p);
    } catch (java.io.CharConversionException e) {
      // Jackson detects UTF-8/16/32 from the first bytes; bytes that are none of them fail here.
      throw new DicomJsonException("malformed JSON: the bytes are not UTF-8, UTF-16 or UTF-32 text (" + e.getMessage() + ")", -1, -1, "", e);
    }
  }

  public List<Dataset> readAll(Reader in) throws IOException {
    try (JsonParser p = factory.createParser(in)) {
      return parse(p);
    }
  }

  public List<Dataset> readAll(String json) throws IOException {
    try (JsonParser p = factory.createParser(json)) {
      return parse(p);
    }
  }

  private static Dataset single(List<Dataset> all) throws DicomJsonException {
    if (all.size() != 1) {
      throw new DicomJsonException("expected one DICOM JSON object, found an array of " + all.size(), -1, -1, "");
    }
    return all.get(0);
  }

  private List<Dataset> parse(JsonParser p) throws IOException {
    p.disable(JsonParser.Feature.AUTO_CLOSE_SOURCE);
    Parse parse = new Parse(p);
    try {
      return parse.document();
    } finally {
      warnings = List.copyOf(parse.warnings);
    }
  }

  /**
   * The default {@link BulkDataResolver}: every URI is kept as it is, as {@code BulkData(uri, 0,
   * UNKNOWN_LENGTH, false)}, never opened. Local files named by a document from elsewhere are not
   * trusted: a STOW-RS body saying {@code file:///etc/passwd} must not make the archive read that
   * file into its WADO-RS answers.
   */
  public static Object opaque(String uri, int tag, VR vr) {
    return new BulkData(uri, 0, UNKNOWN_LENGTH, false);
  }

  /**
   * A {@link BulkDataResolver} for JSON made by Linnea itself (for example by {@code linnea
   * json}): {@code file:...#offset=N&length=M} is that range of the file, of big endian words
   * when {@code &endian=big} follows, as {@link BulkDataUris#fileRangesOrRelative()} writes it;
   * any other URI is {@linkplain #opaque kept as it is}. Use it only for documents you trust.
   */
  public static Object fileRanges(String uri, int tag, VR vr) {
    int hash = uri.indexOf('#');
    if (uri.startsWith("file:") && hash > 0) {
      long offset = -1;
      long length = -1;
      boolean bigEndian = false;
      for (String kv : uri.substring(hash + 1).split("&")) {
        try {
          if (kv.startsWith("offset=")) offset = Long.parseLong(kv.substring(7));
          else if (kv.startsWith("length=")) length = Long.parseLong(kv.substring(7));
          else if (kv.equals("endian=big")) bigEndian = vr.unitSize() > 1;
        } catch (NumberFormatException e) {
          return opaque(uri, tag, vr);
        }
      }
      if (offset >= 0 && length >= 0) {
        BulkData b;
        try {
          b = new BulkData(uri.substring(0, hash), offset, length, bigEndian);
          b.file();
        } catch (IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
          return opaque(uri, tag, vr);
        }
        return b;
      }
    }
    return opaque(uri, tag, vr);
  }

  /** The state of one read. */
  final class Parse {
    /** Bytes of buffered "Value" arrays allowed per byte of input (see {@link #buffer()}). */
    static final long MAX_BUFFERING = 32;
    private final JsonParser root;
    private long buffered;
    private JsonParser p;
    private JsonLocation override;
    final List<String> warnings = new ArrayList<>();
    private final int[] pathTags = new int[4 * maxDepth + 8];
    private final int[] pathItems = new int[4 * maxDepth + 8];
    private int depth;
    private int sequenceDepth;
    private boolean nonAscii;

    Parse(JsonParser p) {
      this.p = p;
      this.root = p;
    }

    List<Dataset> document() throws IOException {
      try {
        JsonToken t = p.nextToken();
        if (t == null) throw error("empty input: expected a DICOM JSON object or an array of them");
        List<Dataset> out = new ArrayList<>();
        if (t == JsonToken.START_OBJECT) {
          out.add(topDataset());
        } else if (t == JsonToken.START_ARRAY) {
          while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (t != JsonToken.START_OBJECT) throw error("expected a DICOM JSON object in the array, found " + describe(t));
            out.add(topDataset());
          }
        } else {
          throw error("expected a DICOM JSON object or an array of them, found " + describe(t));
        }
        if (p.nextToken() != null) throw error("unexpected content after the end of the JSON document");
        return out;
      } catch (DicomJsonException e) {
        throw e;
      } catch (JsonProcessingException e) {
        JsonLocation loc = override != null ? override : e.getLocation();
        throw new DicomJsonException("malformed JSON: " + e.getOriginalMessage(),
            loc == null ? -1 : loc.getLineNr(), loc == null ? -1 : loc.getColumnNr(), path(), e);
      } catch (IllegalArgumentException | ArithmeticException e) {
        throw error("invalid value: " + e.getMessage(), e);
      }
    }

    private Dataset topDataset() throws IOException {
      Dataset ds = new Dataset();
      nonAscii = false;
      dataset(ds);
      if (nonAscii) {
        useUtf8(ds);
        ds.setString(Tag.SpecificCharacterSet, VR.CS, "ISO_IR 192");
      }
      return ds;
    }

    private void useUtf8(Dataset ds) {
      for (int i = 0; i < ds.size(); i++) {
        if (ds.tagAt(i) == Tag.SpecificCharacterSet) {
          ds.setString(Tag.SpecificCharacterSet, VR.CS, "ISO_IR 192");
        } else if (ds.valueAt(i) instanceof Sequence s) {
          for (Dataset item : s) useUtf8(item);
        }
      }
    }

    /**
     * Reads attributes into {@code ds}; the current token is the START_OBJECT. Attributes are
     * collected and put in tag order at the end, so that input out of order (F.2.2 asks for
     * ascending order, not every writer obeys) costs a sort, not a shift per attribute.
     */
    private void dataset(Dataset ds) throws IOException {
      int n = 0;
      int[] tags = new int[16];
      VR[] vrs = new VR[16];
      Object[] values = new Object[16];
      int max = 0;
      boolean sorted = true;
      Set<Integer> seen = null;
      JsonToken t;
      while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
        String key = p.currentName();
        int tag = parseTag(key);
        push(tag);
        boolean duplicate;
        if (n == 0 || Integer.compareUnsigned(tag, max) > 0) {
          duplicate = false;
          if (seen != null) seen.add(tag);
          max = tag;
        } else {
          sorted = false;
          if (seen == null) {
            seen = new HashSet<>();
            for (int k = 0; k < n; k++) seen.add(tags[k]);
          }
          duplicate = !seen.add(tag);
        }
        if (duplicate) throw error("duplicate attribute " + key);
        if (p.nextToken() != JsonToken.START_OBJECT) {
          throw error("expected an attribute object {\"vr\": ...}, found " + describe(p.currentToken()));
        }
        if (Tags.isGroupLength(tag)) {
          warn("group length attribute ignored (not part of the DICOM JSON Model, PS3.18 F.2.2)");
          p.skipChildren();
        } else {
          Dataset one = attribute(ds, tag);
          if (n == tags.length) {
            tags = Arrays.copyOf(tags, n * 2);
            vrs = Arrays.copyOf(vrs, n * 2);
            values = Arrays.copyOf(values, n * 2);
          }
          tags[n] = tag;
          vrs[n] = one.vrAt(0);
          values[n++] = one.valueAt(0);
        }
        depth--;
      }
      if (t != JsonToken.END_OBJECT) throw error("expected an attribute key, found " + describe(t));
      if (sorted) {
        for (int k = 0; k < n; k++) ds.put(tags[k], vrs[k], values[k]);
      } else {
        long[] order = new long[n];
        for (int k = 0; k < n; k++) order[k] = (Integer.toUnsignedLong(tags[k]) << 32) | k;
        Arrays.sort(order);
        for (long o : order) {
          int k = (int) o;
          ds.put(tags[k], vrs[k], values[k]);
        }
      }
    }

    private int parseTag(String key) throws DicomJsonException {
      if (key.length() == 8) {
        int tag = 0;
        int k = 0;
        for (; k < 8; k++) {
          int d = Character.digit(key.charAt(k), 16);
          if (d < 0 || key.charAt(k) > 'f') break;
          tag = (tag << 4) | d;
        }
        if (k == 8) return tag;
      }
      throw error("bad attribute key \"" + abbreviate(key) + "\": expected 8 hexadecimal digits (ggggeeee)");
    }

    /**
     * Reads one attribute object, the current token being its START_OBJECT, into a dataset of
     * its own; sequences are made by {@code ds}, so that their items inherit its character set.
     */
    private Dataset attribute(Dataset ds, int tag) throws IOException {
      Dataset one = new Dataset();
      VR vr = null;
      String content = null;
      byte[] buffered = null;
      JsonLocation bufferedAt = null;
      String inline = null;
      String uri = null;
      JsonLocation contentAt = null;
      JsonToken t;
      while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonLocation at = p.currentTokenLocation();
        JsonToken v = p.nextToken();
        switch (name) {
          case "vr" -> {
            if (vr != null) throw error("duplicate \"vr\"");
            if (v != JsonToken.VALUE_STRING) throw error("\"vr\" must be a string, found " + describe(v));
            vr = parseVR(p.getText());
          }
          case "Value", "InlineBinary", "BulkDataURI" -> {
            if (content != null) throw error("\"" + name + "\" and \"" + content + "\" together: an attribute has at most one of Value, InlineBinary and BulkDataURI (PS3.18 F.2.2)");
            content = name;
            contentAt = at;
            if (name.equals("Value")) {
              if (v != JsonToken.START_ARRAY) throw error("\"Value\" must be an array, found " + describe(v));
              if (vr != null) {
                value(ds, one, tag, vr);
              } else {
                buffered = buffer();
                bufferedAt = at;
              }
            } else if (name.equals("BulkDataURI")) {
              if (v != JsonToken.VALUE_STRING) throw error("\"BulkDataURI\" must be a string, found " + describe(v));
              uri = p.getText();
            } else {
              inline = inlineBinary(v);
            }
          }
          default -> {
            warn("unknown member \"" + abbreviate(name) + "\" ignored");
            p.skipChildren();
          }
        }
      }
      if (t != JsonToken.END_OBJECT) throw error("expected a member name, found " + describe(t));
      if (vr == null) {
        var e = DICT.entry(tag).filter(x -> !x.ambiguousVR() && x.vr() != VR.UN);
        if (e.isEmpty()) throw error("attribute without \"vr\"");
        vr = e.get().vr();
        warn("attribute without \"vr\"; " + vr + " from the data dictionary");
      }
      if (buffered != null) {
        replay(buffered, bufferedAt, ds, one, tag, vr);
      } else if (inline != null) {
        if (!INLINE_VRS.contains(vr)) throw errorAt(contentAt, "InlineBinary is not allowed for VR " + vr + " (only OB, OD, OF, OL, OV, OW and UN, PS3.18 F.2.7)");
        byte[] b = decodeBase64(inline, contentAt);
        if (vr.unitSize() > 1 && b.length % vr.unitSize() != 0) {
          warn("InlineBinary of VR " + vr + " has " + b.length + " bytes, not a multiple of " + vr.unitSize() + " (kept as it is)");
        }
        one.setBytes(tag, vr, b);
      } else if (uri != null) {
        if (!BULK_VRS.contains(vr)) throw errorAt(contentAt, "BulkDataURI is not allowed for VR " + vr + " (PS3.18 F.2.2)");
        Object value = resolver.resolve(uri, tag, vr);
        if (value instanceof byte[] b) one.setBytes(tag, vr, b);
        else one.put(tag, vr, value);
      } else if (content == null) {
        if (vr == VR.SQ) one.put(tag, VR.SQ, newSequence(ds));
        else one.setNull(tag, vr);
      }
      return one;
    }

    /** A sequence of {@code ds} (its items inherit the character set of {@code ds}), not yet put in it. */
    private static Sequence newSequence(Dataset ds) {
      Sequence s = ds.newSequence(0xFFFFFFFF);
      ds.remove(0xFFFFFFFF);
      return s;
    }

    /**
     * Copies the "Value" array, met before "vr", for reading once the VR is known. Sequences
     * nested this way are copied again at each level; the copying is bounded by {@link
     * #MAX_BUFFERING} times the input read so far (plus 16 MiB), so that a hostile document of
     * deeply nested sequences cannot make memory grow with the square of its size.
     */
    private byte[] buffer() throws IOException {
      JsonLocation start = p.currentTokenLocation();
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (JsonGenerator g = factory.createGenerator(bytes)) {
        g.copyCurrentStructure(p);
      }
      buffered += bytes.size();
      JsonLocation read = root.currentLocation();
      long consumed = Math.max(read.getCharOffset(), read.getByteOffset());
      if (buffered > (16L << 20) + MAX_BUFFERING * Math.max(consumed, 0)) {
        throw errorAt(start, "too many \"Value\" members before their \"vr\" in nested sequences (put \"vr\" first)");
      }
      return bytes.toByteArray();
    }

    private void replay(byte[] buffered, JsonLocation at, Dataset ds, Dataset one, int tag, VR vr) throws IOException {
      JsonParser saved = p;
      JsonLocation savedOverride = override;
      try (JsonParser sub = factory.createParser(buffered)) {
        p = sub;
        if (override == null) override = at;
        p.nextToken();
        value(ds, one, tag, vr);
      } finally {
        p = saved;
        override = savedOverride;
      }
    }

    private String inlineBinary(JsonToken v) throws IOException {
      if (v == JsonToken.VALUE_STRING) return p.getText();
      if (v == JsonToken.START_ARRAY && p.nextToken() == JsonToken.VALUE_STRING) {
        String s = p.getText();
        if (p.nextToken() == JsonToken.END_ARRAY) return s;
      }
      throw error("\"InlineBinary\" must be a base64 string, found " + describe(p.currentToken()));
    }

    private byte[] decodeBase64(String s, JsonLocation at) throws DicomJsonException {
      String t = s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0 ? s.replace("\r", "").replace("\n", "") : s;
      try {
        return Base64.getDecoder().decode(t);
      } catch (IllegalArgumentException e) {
        throw errorAt(at, "invalid base64 in InlineBinary: " + e.getMessage());
      }
    }

    private VR parseVR(String s) throws DicomJsonException {
      VR vr = s.length() == 2 && Character.isUpperCase(s.charAt(0)) && Character.isUpperCase(s.charAt(1))
          ? VR.ofCode((s.charAt(0) << 8) | s.charAt(1)) : null;
      if (vr == null) throw error("unknown VR \"" + abbreviate(s) + "\"");
      return vr;
    }

    // ---- values ---------------------------------------------------------------------------------

    /** Reads a "Value" array into {@code one}; the current token is its START_ARRAY. */
    private void value(Dataset ds, Dataset one, int tag, VR vr) throws IOException {
      switch (vr) {
        case SQ -> {
          Sequence seq = newSequence(ds);
          items(seq);
          one.put(tag, VR.SQ, seq);
        }
        case OB, OD, OF, OL, OV, OW, UN -> {
          if (p.nextToken() != JsonToken.END_ARRAY) {
            throw error("VR " + vr + " has no \"Value\": its value is InlineBinary or BulkDataURI (PS3.18 F.2.2)");
          }
          one.setNull(tag, vr);
        }
        case AT, US, SS, UL, SL, SV, UV, FL, FD -> JsonValues.numbers(this, one, tag, vr);
        default -> JsonValues.strings(this, one, tag, vr);
      }
    }

    private void items(Sequence seq) throws IOException {
      if (sequenceDepth >= maxDepth) throw error("sequences nested deeper than " + maxDepth + " levels");
      sequenceDepth++;
      JsonToken t;
      int index = 0;
      while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
        if (t != JsonToken.START_OBJECT) throw error("a sequence item must be a JSON object, found " + describe(t));
        pathItems[depth - 1] = index++;
        dataset(seq.addItem());
      }
      pathItems[depth - 1] = -1;
      sequenceDepth--;
    }

    // ---- helpers for JsonValues -------------------------------------------------------------------

    JsonParser parser() {
      return p;
    }

    void sawNonAscii() {
      nonAscii = true;
    }

    void warn(String problem) {
      JsonLocation loc = location();
      String path = path();
      warnings.add(problem + " at line " + loc.getLineNr() + ", column " + loc.getColumnNr() + (path.isEmpty() ? "" : ", in " + path));
    }

    DicomJsonException error(String problem) {
      return error(problem, null);
    }

    DicomJsonException error(String problem, Throwable cause) {
      JsonLocation loc = location();
      return new DicomJsonException(problem, loc.getLineNr(), loc.getColumnNr(), path(), cause);
    }

    /** An error about a member met earlier at {@code at} (unless replaying a buffered value, whose location is the one to report). */
    DicomJsonException errorAt(JsonLocation at, String problem) {
      JsonLocation loc = override != null ? override : at;
      return new DicomJsonException(problem, loc.getLineNr(), loc.getColumnNr(), path());
    }

    private JsonLocation location() {
      return override != null ? override : p.currentTokenLocation();
    }

    private void push(int tag) throws DicomJsonException {
      if (depth == pathTags.length) throw error("nested too deeply");
      pathTags[depth] = tag;
      pathItems[depth] = -1;
      depth++;
    }

    private String path() {
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < depth; i++) {
        if (i > 0) sb.append('/');
        sb.append(Tags.toHex(pathTags[i]));
        if (pathItems[i] >= 0 && i < depth - 1) sb.append('[').append(pathItems[i]).append(']');
      }
      return sb.toString();
    }
  }

  static String describe(JsonToken t) {
    if (t == null) return "the end of the input";
    return switch (t) {
      case START_OBJECT -> "an object";
      case END_OBJECT -> "the end of an object";
      case START_ARRAY -> "an array";
      case END_ARRAY -> "the end of an array";
      case VALUE_STRING -> "a string";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
      case VALUE_TRUE, VALUE_FALSE -> "a boolean";
      case VALUE_NULL -> "null";
      case FIELD_NAME -> "a member name";
      default -> t.toString();
    };
  }

  static String abbreviate(String s) {
    return s.length() <= 40 ? s : s.substring(0, 37) + "...";
  }

  static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }
}
