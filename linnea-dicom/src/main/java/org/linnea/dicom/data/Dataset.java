package org.linnea.dicom.data;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.linnea.dicom.ElementDictionary;
import org.linnea.dicom.Tag;
import org.linnea.dicom.Tags;
import org.linnea.dicom.VR;
import org.linnea.dicom.charset.SpecificCharacterSet;

/**
 * A DICOM data set (or sequence item): attributes kept sorted by tag in parallel arrays of tags,
 * VRs and values — compact and fast to read and write.
 *
 * <p>A value is one of: {@code byte[]} (the encoded bytes as read, in this dataset's byte order;
 * decoded only when asked for — text is decoded with the Specific Character Set in force), a
 * {@link Sequence}, {@link Fragments} (encapsulated pixel data) or {@link BulkData} (a value left
 * on disk). Keeping the bytes is what lets an unmodified dataset be written back byte for byte.
 *
 * <p>Getters return {@code Optional}s: an absent attribute, an empty value and an unparseable
 * value are all "no value"; use {@link #contains(int)} to tell absence from emptiness. Not
 * thread-safe for writes.
 */
public final class Dataset {
  private static final byte[] EMPTY = new byte[0];
  private static final ElementDictionary DICT = ElementDictionary.standard();

  private int[] tags;
  private VR[] vrs;
  private Object[] values;
  private int size;
  private Dataset parent;
  private final boolean bigEndian;
  private boolean undefinedLength = true;
  private SpecificCharacterSet charset;

  /** An empty little-endian dataset. */
  public Dataset() {
    this(null, false);
  }

  /** An empty dataset whose binary values are kept in the given byte order. */
  public Dataset(boolean bigEndian) {
    this(null, bigEndian);
  }

  Dataset(Dataset parent, boolean bigEndian) {
    this.parent = parent;
    this.bigEndian = bigEndian;
    this.tags = new int[16];
    this.vrs = new VR[16];
    this.values = new Object[16];
  }

  // ---- structure ------------------------------------------------------------------------------

  public int size() {
    return size;
  }

  public boolean isEmpty() {
    return size == 0;
  }

  /** Byte order of the binary values held as {@code byte[]}. */
  public boolean isBigEndian() {
    return bigEndian;
  }

  /** The dataset holding the sequence this item belongs to; null at top level. */
  public Dataset parent() {
    return parent;
  }

  void setParent(Dataset parent) {
    this.parent = parent;
    this.charset = null;
  }

  /** For items: whether it was (or will be) encoded with undefined length. */
  public boolean undefinedLength() {
    return undefinedLength;
  }

  public void setUndefinedLength(boolean undefinedLength) {
    this.undefinedLength = undefinedLength;
  }

  public int tagAt(int index) {
    checkIndex(index);
    return tags[index];
  }

  public VR vrAt(int index) {
    checkIndex(index);
    return vrs[index];
  }

  public Object valueAt(int index) {
    checkIndex(index);
    return values[index];
  }

  private void checkIndex(int index) {
    if (index < 0 || index >= size) throw new IndexOutOfBoundsException(index);
  }

  /** Position of the tag, or a negative insertion point as {@link Arrays#binarySearch}. */
  public int indexOf(int tag) {
    // Reading appends in order, and lookups of late tags are common: test the end first.
    if (size > 0 && tags[size - 1] == tag) return size - 1;
    int lo = 0;
    int hi = size - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      int c = Integer.compareUnsigned(tags[mid], tag);
      if (c < 0) lo = mid + 1;
      else if (c > 0) hi = mid - 1;
      else return mid;
    }
    return -(lo + 1);
  }

  public boolean contains(int tag) {
    return indexOf(tag) >= 0;
  }

  /**
   * The VR to decode value {@code index} with: the encoded VR, except that VR UN of a public
   * element (sent by a system that did not know it) is decoded with the dictionary's VR.
   */
  public VR decodingVRAt(int index) {
    VR vr = vrAt(index);
    if (vr == VR.UN && !bigEndian && !Tags.isPrivate(tags[index])) {
      VR real = dictionaryVR(tags[index]);
      return real == VR.SQ ? VR.UN : real;
    }
    return vr;
  }

  /**
   * The dictionary's VR for a tag, with "US or SS" resolved by the Pixel Representation in force
   * (this dataset's, else an enclosing one's): what implicit VR and VR UN values are decoded with.
   */
  public VR dictionaryVR(int tag) {
    VR vr = DICT.vrOf(tag);
    if (vr == VR.US && DICT.entry(tag).map(ElementDictionary.Entry::ambiguousVR).orElse(false)) {
      for (Dataset d = this; d != null; d = d.parent) {
        OptionalInt pr = d.getInt(Tag.PixelRepresentation);
        if (pr.isPresent()) return pr.getAsInt() == 1 ? VR.SS : VR.US;
      }
    }
    return vr;
  }

  /** The VR of the attribute, if present. */
  public Optional<VR> vr(int tag) {
    int i = indexOf(tag);
    return i < 0 ? Optional.empty() : Optional.of(vrs[i]);
  }

  /** The raw value object (byte[], Sequence, Fragments or BulkData), if present. */
  public Optional<Object> value(int tag) {
    int i = indexOf(tag);
    return i < 0 ? Optional.empty() : Optional.of(values[i]);
  }

  /**
   * Sets an attribute's VR and value as they are: {@code byte[]} (in this dataset's byte order),
   * {@link Sequence}, {@link Fragments} or {@link BulkData}. The reader's fast path.
   */
  public void put(int tag, VR vr, Object value) {
    if (value == null) value = EMPTY;
    else if (!(value instanceof byte[] || value instanceof Sequence || value instanceof Fragments || value instanceof BulkData)) {
      throw new IllegalArgumentException("unsupported value type " + value.getClass().getName());
    }
    if (size == 0 || Integer.compareUnsigned(tags[size - 1], tag) < 0) {
      ensureCapacity(size + 1);
      tags[size] = tag;
      vrs[size] = vr;
      values[size++] = value;
    } else {
      int i = indexOf(tag);
      if (i >= 0) {
        vrs[i] = vr;
        values[i] = value;
      } else {
        i = -i - 1;
        ensureCapacity(size + 1);
        System.arraycopy(tags, i, tags, i + 1, size - i);
        System.arraycopy(vrs, i, vrs, i + 1, size - i);
        System.arraycopy(values, i, values, i + 1, size - i);
        tags[i] = tag;
        vrs[i] = vr;
        values[i] = value;
        size++;
      }
    }
    if (tag == Tag.SpecificCharacterSet) charset = null;
  }

  /** Removes the attribute; returns true if it was there. */
  public boolean remove(int tag) {
    int i = indexOf(tag);
    if (i < 0) return false;
    System.arraycopy(tags, i + 1, tags, i, size - i - 1);
    System.arraycopy(vrs, i + 1, vrs, i, size - i - 1);
    System.arraycopy(values, i + 1, values, i, size - i - 1);
    values[--size] = null;
    if (tag == Tag.SpecificCharacterSet) charset = null;
    return true;
  }

  private void ensureCapacity(int n) {
    if (n > tags.length) {
      int cap = Math.max(n, tags.length * 2);
      tags = Arrays.copyOf(tags, cap);
      vrs = Arrays.copyOf(vrs, cap);
      values = Arrays.copyOf(values, cap);
    }
  }

  /** The Specific Character Set in force: this dataset's (0008,0005), else the parent's. */
  public SpecificCharacterSet charset() {
    SpecificCharacterSet cs = charset;
    if (cs == null) {
      int i = indexOf(Tag.SpecificCharacterSet);
      if (i >= 0 && values[i] instanceof byte[] b) {
        cs = SpecificCharacterSet.valueOf(splitStrings(new String(b, StandardCharsets.ISO_8859_1), VR.CS, true));
      } else {
        cs = parent != null ? parent.charset() : SpecificCharacterSet.ASCII;
      }
      charset = cs;
    }
    return cs;
  }

  // ---- text -----------------------------------------------------------------------------------

  /** The first value as text (padding removed), for any VR with a textual or numeric value. */
  public Optional<String> getString(int tag) {
    String[] s = getStrings(tag);
    return s.length == 0 || s[0].isEmpty() ? Optional.empty() : Optional.of(s[0]);
  }

  /** Value {@code index} (0-based) as text. */
  public Optional<String> getString(int tag, int index) {
    String[] s = getStrings(tag);
    return index >= s.length || s[index].isEmpty() ? Optional.empty() : Optional.of(s[index]);
  }

  /**
   * All values as text: split at backslashes for multi-valued text VRs, padding removed; binary
   * numbers formatted in decimal; AT as ggggeeee. Empty array when absent, empty, or a
   * sequence/bulk value.
   */
  public String[] getStrings(int tag) {
    int i = indexOf(tag);
    if (i < 0 || !(values[i] instanceof byte[] b) || b.length == 0) return new String[0];
    VR vr = decodingVRAt(i);
    if (vr.isString()) {
      return splitStrings(decodeText(vr, b), vr, true);
    }
    return switch (vr) {
      case US, SS, UL, SL, FL, FD, SV, UV, AT, OW, OL, OF, OD, OV -> formatBinary(vr, b);
      default -> new String[] {new String(b, StandardCharsets.ISO_8859_1)};
    };
  }

  /** The whole value as decoded text, backslashes included, only trailing padding removed. */
  public Optional<String> getText(int tag) {
    int i = indexOf(tag);
    if (i < 0 || !(values[i] instanceof byte[] b) || !decodingVRAt(i).isString()) return Optional.empty();
    String s = stripTrailing(decodeText(decodingVRAt(i), b));
    return s.isEmpty() ? Optional.empty() : Optional.of(s);
  }

  private String decodeText(VR vr, byte[] b) {
    if (vr.usesSpecificCharacterSet()) {
      return charset().decode(b, 0, b.length, vr == VR.PN);
    }
    return new String(b, StandardCharsets.ISO_8859_1);
  }

  static String[] splitStrings(String s, VR vr, boolean trim) {
    if (!vr.isMultiValued() || s.indexOf('\\') < 0) {
      return new String[] {trim ? trim(s, vr) : s};
    }
    List<String> out = new ArrayList<>(4);
    int from = 0;
    for (int k; (k = s.indexOf('\\', from)) >= 0; from = k + 1) {
      out.add(trim ? trim(s.substring(from, k), vr) : s.substring(from, k));
    }
    out.add(trim ? trim(s.substring(from), vr) : s.substring(from));
    return out.toArray(new String[0]);
  }

  private static String trim(String s, VR vr) {
    // Leading spaces are significant in ST, LT, UT and UC text; elsewhere both ends are padding.
    return switch (vr) {
      case ST, LT, UT, UC, UR -> stripTrailing(s);
      default -> stripBoth(s);
    };
  }

  private static String stripTrailing(String s) {
    int n = s.length();
    while (n > 0 && (s.charAt(n - 1) == ' ' || s.charAt(n - 1) == 0)) n--;
    return s.substring(0, n);
  }

  private static String stripBoth(String s) {
    int a = 0;
    int n = s.length();
    while (n > 0 && (s.charAt(n - 1) == ' ' || s.charAt(n - 1) == 0)) n--;
    while (a < n && s.charAt(a) == ' ') a++;
    return s.substring(a, n);
  }

  private String[] formatBinary(VR vr, byte[] b) {
    int unit = vr == VR.AT ? 4 : vr.unitSize();
    int n = b.length / unit;
    String[] out = new String[n];
    for (int k = 0; k < n; k++) {
      int off = k * unit;
      out[k] = switch (vr) {
        case US, OW -> Integer.toString(u16(b, off));
        case SS -> Integer.toString((short) u16(b, off));
        case UL -> Long.toString(u32(b, off) & 0xFFFFFFFFL);
        case SL, OL -> Integer.toString(u32(b, off));
        case FL, OF -> formatFloat(Float.intBitsToFloat(u32(b, off)));
        case FD, OD -> formatDouble(Double.longBitsToDouble(u64(b, off)));
        case SV, OV -> Long.toString(u64(b, off));
        case UV -> Long.toUnsignedString(u64(b, off));
        case AT -> Tags.toHex((u16(b, off) << 16) | u16(b, off + 2));
        default -> throw new AssertionError(vr);
      };
    }
    return out;
  }

  private static String formatFloat(float f) {
    return f == (long) f && Math.abs(f) < 1e15 ? Long.toString((long) f) : Float.toString(f);
  }

  private static String formatDouble(double d) {
    return d == (long) d && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
  }

  // ---- numbers --------------------------------------------------------------------------------

  /** The first value as an int: binary integers, IS, DS (truncated), FL/FD (truncated). */
  public OptionalInt getInt(int tag) {
    OptionalLong l = getLong(tag);
    return l.isPresent() ? OptionalInt.of((int) l.getAsLong()) : OptionalInt.empty();
  }

  /** All values as ints; unparseable text values are skipped. */
  public int[] getInts(int tag) {
    long[] l = getLongs(tag);
    int[] out = new int[l.length];
    for (int k = 0; k < l.length; k++) out[k] = (int) l[k];
    return out;
  }

  public OptionalLong getLong(int tag) {
    int i = indexOf(tag);
    if (i < 0 || !(values[i] instanceof byte[] b) || b.length == 0) return OptionalLong.empty();
    VR vr = decodingVRAt(i);
    switch (vr) {
      case US: case OW: return b.length >= 2 ? OptionalLong.of(u16(b, 0)) : OptionalLong.empty();
      case SS: return b.length >= 2 ? OptionalLong.of((short) u16(b, 0)) : OptionalLong.empty();
      case UL: return b.length >= 4 ? OptionalLong.of(u32(b, 0) & 0xFFFFFFFFL) : OptionalLong.empty();
      case SL: case OL: return b.length >= 4 ? OptionalLong.of(u32(b, 0)) : OptionalLong.empty();
      case SV: case UV: case OV: return b.length >= 8 ? OptionalLong.of(u64(b, 0)) : OptionalLong.empty();
      case AT: return b.length >= 4 ? OptionalLong.of(((long) u16(b, 0) << 16) | u16(b, 2)) : OptionalLong.empty();
      default:
        long[] all = getLongs(tag);
        return all.length == 0 ? OptionalLong.empty() : OptionalLong.of(all[0]);
    }
  }

  public long[] getLongs(int tag) {
    int i = indexOf(tag);
    if (i < 0 || !(values[i] instanceof byte[] b) || b.length == 0) return new long[0];
    VR vr = decodingVRAt(i);
    if (vr == VR.FL || vr == VR.FD || vr == VR.OF || vr == VR.OD || vr == VR.DS) {
      double[] d = getDoubles(tag);
      long[] out = new long[d.length];
      for (int k = 0; k < d.length; k++) out[k] = (long) d[k];
      return out;
    }
    String[] s = getStrings(tag);
    long[] out = new long[s.length];
    int n = 0;
    for (String v : s) {
      try {
        out[n] = vr == VR.UV ? Long.parseUnsignedLong(v) : vr == VR.AT ? Long.parseLong(v, 16) : Long.parseLong(v.startsWith("+") ? v.substring(1) : v);
        n++;
      } catch (NumberFormatException e) {
        // an unparseable IS value is not a number; skip it
      }
    }
    return n == out.length ? out : Arrays.copyOf(out, n);
  }

  public OptionalDouble getDouble(int tag) {
    double[] d = getDoubles(tag);
    return d.length == 0 ? OptionalDouble.empty() : OptionalDouble.of(d[0]);
  }

  /** All values as doubles: FL, FD, OF, OD, DS, IS and the binary integers. */
  public double[] getDoubles(int tag) {
    int i = indexOf(tag);
    if (i < 0 || !(values[i] instanceof byte[] b) || b.length == 0) return new double[0];
    VR vr = decodingVRAt(i);
    if (vr == VR.FL || vr == VR.OF) {
      double[] out = new double[b.length / 4];
      for (int k = 0; k < out.length; k++) out[k] = Float.intBitsToFloat(u32(b, 4 * k));
      return out;
    }
    if (vr == VR.FD || vr == VR.OD) {
      double[] out = new double[b.length / 8];
      for (int k = 0; k < out.length; k++) out[k] = Double.longBitsToDouble(u64(b, 8 * k));
      return out;
    }
    String[] s = getStrings(tag);
    double[] out = new double[s.length];
    int n = 0;
    for (String v : s) {
      try {
        out[n] = Double.parseDouble(v);
        n++;
      } catch (NumberFormatException e) {
        // skip values that are not numbers
      }
    }
    return n == out.length ? out : Arrays.copyOf(out, n);
  }

  // ---- dates, times, names --------------------------------------------------------------------

  public Optional<LocalDate> getDate(int tag) {
    return getString(tag).flatMap(DateTimes::parseDate);
  }

  public Optional<LocalTime> getTime(int tag) {
    return getString(tag).flatMap(DateTimes::parseTime);
  }

  /** A DT value: {@link java.time.LocalDateTime}, or {@link java.time.OffsetDateTime} with offset. */
  public Optional<Temporal> getDateTime(int tag) {
    return getString(tag).flatMap(DateTimes::parseDateTime);
  }

  public Optional<PersonName> getPersonName(int tag) {
    return getString(tag).map(PersonName::parse);
  }

  // ---- sequences, bytes, bulk data ------------------------------------------------------------

  public Optional<Sequence> getSequence(int tag) {
    int i = indexOf(tag);
    return i >= 0 && values[i] instanceof Sequence s ? Optional.of(s) : Optional.empty();
  }

  /** The value bytes in this dataset's byte order, when held in memory. */
  public Optional<byte[]> getBytes(int tag) {
    int i = indexOf(tag);
    return i >= 0 && values[i] instanceof byte[] b ? Optional.of(b) : Optional.empty();
  }

  public Optional<Fragments> getFragments(int tag) {
    int i = indexOf(tag);
    return i >= 0 && values[i] instanceof Fragments f ? Optional.of(f) : Optional.empty();
  }

  public Optional<BulkData> getBulkData(int tag) {
    int i = indexOf(tag);
    return i >= 0 && values[i] instanceof BulkData d ? Optional.of(d) : Optional.empty();
  }

  // ---- setters --------------------------------------------------------------------------------

  /** Sets a new empty sequence, replacing any value, and returns it. */
  public Sequence newSequence(int tag) {
    Sequence s = new Sequence(this, 2);
    put(tag, VR.SQ, s);
    return s;
  }

  /** Sets text values (joined with backslashes) encoded for the VR: text VRs in the dataset's character set, numeric VRs parsed. */
  public Dataset setString(int tag, VR vr, String... values) {
    if (vr.isString()) {
      String joined = values.length == 1 ? values[0] : String.join("\\", values);
      byte[] b = vr.usesSpecificCharacterSet()
          ? (tag == Tag.SpecificCharacterSet ? joined.getBytes(StandardCharsets.US_ASCII) : charset().encode(joined))
          : ascii(joined, tag);
      put(tag, vr, pad(b, vr));
      return this;
    }
    switch (vr) {
      case FL, FD, OF, OD -> {
        double[] d = new double[values.length];
        for (int k = 0; k < d.length; k++) d[k] = Double.parseDouble(values[k].strip());
        return setDouble(tag, vr, d);
      }
      case AT -> {
        int[] t = new int[values.length];
        for (int k = 0; k < t.length; k++) t[k] = Tags.parse(values[k]);
        return setInt(tag, vr, t);
      }
      case US, SS, UL, SL, OW, OL, SV, UV, OV -> {
        long[] l = new long[values.length];
        for (int k = 0; k < l.length; k++) l[k] = vr == VR.UV ? Long.parseUnsignedLong(values[k].strip()) : Long.parseLong(values[k].strip());
        return setLong(tag, vr, l);
      }
      default -> {
        put(tag, vr, pad(String.join("\\", values).getBytes(StandardCharsets.ISO_8859_1), vr));
        return this;
      }
    }
  }

  public Dataset setInt(int tag, VR vr, int... values) {
    long[] l = new long[values.length];
    for (int k = 0; k < l.length; k++) {
      l[k] = switch (vr) {
        case US, OW -> values[k] & 0xFFFF;
        case UL -> Integer.toUnsignedLong(values[k]);
        default -> values[k];
      };
    }
    return setLong(tag, vr, l);
  }

  public Dataset setLong(int tag, VR vr, long... values) {
    if (vr.isString()) {
      String[] s = new String[values.length];
      for (int k = 0; k < s.length; k++) s[k] = Long.toString(values[k]);
      return setString(tag, vr, s);
    }
    if (vr == VR.FL || vr == VR.FD || vr == VR.OF || vr == VR.OD) {
      double[] d = new double[values.length];
      for (int k = 0; k < d.length; k++) d[k] = values[k];
      return setDouble(tag, vr, d);
    }
    int unit = vr == VR.AT ? 4 : vr.unitSize();
    if (vr.kind() != VR.Kind.BINARY || unit == 1) {
      throw new IllegalArgumentException("cannot set numbers in VR " + vr + " of " + Tags.toString(tag));
    }
    byte[] b = new byte[values.length * unit];
    for (int k = 0; k < values.length; k++) {
      long v = values[k];
      int off = k * unit;
      switch (unit) {
        case 2 -> put16(b, off, (int) v);
        case 4 -> {
          if (vr == VR.AT) {
            put16(b, off, (int) (v >>> 16));
            put16(b, off + 2, (int) v);
          } else {
            put32(b, off, (int) v);
          }
        }
        default -> put64(b, off, v);
      }
    }
    put(tag, vr, b);
    return this;
  }

  public Dataset setDouble(int tag, VR vr, double... values) {
    if (vr == VR.FL || vr == VR.OF) {
      byte[] b = new byte[values.length * 4];
      for (int k = 0; k < values.length; k++) put32(b, 4 * k, Float.floatToIntBits((float) values[k]));
      put(tag, vr, b);
    } else if (vr == VR.FD || vr == VR.OD) {
      byte[] b = new byte[values.length * 8];
      for (int k = 0; k < values.length; k++) put64(b, 8 * k, Double.doubleToLongBits(values[k]));
      put(tag, vr, b);
    } else if (vr == VR.DS) {
      String[] s = new String[values.length];
      for (int k = 0; k < s.length; k++) s[k] = formatDS(values[k]);
      setString(tag, vr, s);
    } else {
      long[] l = new long[values.length];
      for (int k = 0; k < l.length; k++) l[k] = (long) values[k];
      setLong(tag, vr, l);
    }
    return this;
  }

  /** DS values are at most 16 characters (PS3.5 6.2). */
  static String formatDS(double d) {
    if (d == (long) d && Math.abs(d) < 1e15) return Long.toString((long) d);
    String s = Double.toString(d);
    if (s.length() <= 16) return s;
    for (int p = 15; p > 0; p--) {
      s = String.format(java.util.Locale.ROOT, "%." + p + "G", d).replace("E+", "E").strip();
      if (s.length() <= 16) return s;
    }
    return s;
  }

  public Dataset setDate(int tag, LocalDate date) {
    return setString(tag, VR.DA, DateTimes.formatDate(date));
  }

  public Dataset setTime(int tag, LocalTime time) {
    return setString(tag, VR.TM, DateTimes.formatTime(time));
  }

  /** Sets raw bytes, which must be in this dataset's byte order. */
  public Dataset setBytes(int tag, VR vr, byte[] value) {
    put(tag, vr, vr.isString() || vr == VR.OB || vr == VR.UN ? pad(value, vr) : value);
    return this;
  }

  /** Sets an attribute with no value (zero length). */
  public Dataset setNull(int tag, VR vr) {
    put(tag, vr, vr == VR.SQ ? new Sequence(this, 0) : EMPTY);
    return this;
  }

  private static byte[] ascii(String s, int tag) {
    for (int k = 0; k < s.length(); k++) {
      if (s.charAt(k) > 0x7E && s.charAt(k) != 0x1B) {
        throw new IllegalArgumentException("value of " + Tags.toString(tag) + " is restricted to the default repertoire but has '" + s.charAt(k) + "'");
      }
    }
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  private static byte[] pad(byte[] b, VR vr) {
    if ((b.length & 1) == 0) return b;
    byte[] p = Arrays.copyOf(b, b.length + 1);
    p[b.length] = (byte) vr.paddingByte();
    return p;
  }

  // ---- private data elements ------------------------------------------------------------------

  /**
   * The tag of private element {@code elementOffset} (00-FF) of {@code creator}'s block in
   * {@code group}, if that creator has reserved a block here (PS3.5 7.8.1).
   */
  public OptionalInt privateTag(String creator, int group, int elementOffset) {
    for (int e = 0x10; e <= 0xFF; e++) {
      int ct = (group << 16) | e;
      int i = indexOf(ct);
      if (i >= 0 && values[i] instanceof byte[] b && creator.equals(stripBoth(new String(b, StandardCharsets.ISO_8859_1)))) {
        return OptionalInt.of((group << 16) | (e << 8) | (elementOffset & 0xFF));
      }
    }
    return OptionalInt.empty();
  }

  /** Reserves a block for {@code creator} in the odd {@code group} (or finds its block); returns the element's tag. */
  public int reservePrivateTag(String creator, int group, int elementOffset) {
    if ((group & 1) == 0 || group <= 7) {
      throw new IllegalArgumentException("private groups are odd and above 0007, not " + Integer.toHexString(group));
    }
    OptionalInt t = privateTag(creator, group, elementOffset);
    if (t.isPresent()) return t.getAsInt();
    for (int e = 0x10; e <= 0xFF; e++) {
      int ct = (group << 16) | e;
      if (!contains(ct)) {
        setString(ct, VR.LO, creator);
        return (group << 16) | (e << 8) | (elementOffset & 0xFF);
      }
    }
    throw new IllegalStateException("no free private block in group " + Integer.toHexString(group));
  }

  /** The creator of the block a private element belongs to, if reserved. */
  public Optional<String> privateCreatorOf(int tag) {
    return Tags.isPrivate(tag) && !Tags.isPrivateCreator(tag) ? getString(Tags.privateCreatorOf(tag)) : Optional.empty();
  }

  // ---- binary helpers (this dataset's byte order) ---------------------------------------------

  private int u16(byte[] b, int off) {
    return bigEndian ? ((b[off] & 0xFF) << 8) | (b[off + 1] & 0xFF) : (b[off] & 0xFF) | ((b[off + 1] & 0xFF) << 8);
  }

  private int u32(byte[] b, int off) {
    return bigEndian
        ? (b[off] << 24) | ((b[off + 1] & 0xFF) << 16) | ((b[off + 2] & 0xFF) << 8) | (b[off + 3] & 0xFF)
        : (b[off] & 0xFF) | ((b[off + 1] & 0xFF) << 8) | ((b[off + 2] & 0xFF) << 16) | (b[off + 3] << 24);
  }

  private long u64(byte[] b, int off) {
    long a = u32(b, off) & 0xFFFFFFFFL;
    long c = u32(b, off + 4) & 0xFFFFFFFFL;
    return bigEndian ? (a << 32) | c : (c << 32) | a;
  }

  private void put16(byte[] b, int off, int v) {
    if (bigEndian) {
      b[off] = (byte) (v >>> 8);
      b[off + 1] = (byte) v;
    } else {
      b[off] = (byte) v;
      b[off + 1] = (byte) (v >>> 8);
    }
  }

  private void put32(byte[] b, int off, int v) {
    if (bigEndian) {
      put16(b, off, v >>> 16);
      put16(b, off + 2, v);
    } else {
      put16(b, off, v);
      put16(b, off + 2, v >>> 16);
    }
  }

  private void put64(byte[] b, int off, long v) {
    if (bigEndian) {
      put32(b, off, (int) (v >>> 32));
      put32(b, off + 4, (int) v);
    } else {
      put32(b, off, (int) v);
      put32(b, off + 4, (int) (v >>> 32));
    }
  }

  // ---- equality (for tests and duplicate detection) -------------------------------------------

  /** Value equality: same tags, VRs and values (bytes compared as stored, items recursively). */
  @Override
  public boolean equals(Object o) {
    if (this == o) return true;
    if (!(o instanceof Dataset d) || d.size != size) return false;
    for (int k = 0; k < size; k++) {
      if (tags[k] != d.tags[k] || vrs[k] != d.vrs[k]) return false;
      Object a = values[k];
      Object b = d.values[k];
      if (a instanceof byte[] x && b instanceof byte[] y) {
        if (bigEndian == d.bigEndian ? !Arrays.equals(x, y) : !Arrays.equals(x, Values.swap(y, vrs[k]))) return false;
      } else if (a instanceof Sequence x && b instanceof Sequence y) {
        if (!x.equals(y)) return false;
      } else if (a instanceof Fragments x && b instanceof Fragments y) {
        if (x.size() != y.size()) return false;
        for (int f = 0; f < x.size(); f++) {
          if (!(x.items().get(f) instanceof byte[] p && y.items().get(f) instanceof byte[] q && Arrays.equals(p, q))
              && !x.items().get(f).equals(y.items().get(f))) return false;
        }
      } else if (!a.equals(b)) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int hashCode() {
    int h = size;
    for (int k = 0; k < size; k++) h = 31 * h + tags[k];
    return h;
  }

  /** One line per attribute, for debugging; {@code ./linnea dump} prints the full form. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    for (int k = 0; k < size; k++) {
      sb.append(Tags.toString(tags[k])).append(' ').append(vrs[k]).append(' ')
          .append(DICT.keywordOf(tags[k])).append(' ');
      Object v = values[k];
      if (v instanceof Sequence s) sb.append("(sequence of ").append(s.size()).append(" items)");
      else if (v instanceof Fragments f) sb.append("(").append(f.size()).append(" fragments)");
      else if (v instanceof BulkData d) sb.append("(bulk data, ").append(d.length()).append(" bytes)");
      else sb.append('[').append(String.join("\\", getStrings(tags[k]))).append(']');
      sb.append('\n');
    }
    return sb.toString();
  }
}
