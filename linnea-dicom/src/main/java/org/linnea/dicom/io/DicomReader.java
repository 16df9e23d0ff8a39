package org.linnea.dicom.io;

import java.io.ByteArrayInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import org.linnea.dicom.ElementDictionary;
import org.linnea.dicom.Tag;
import org.linnea.dicom.Tags;
import org.linnea.dicom.VR;
import org.linnea.dicom.data.BulkData;
import org.linnea.dicom.data.Dataset;
import org.linnea.dicom.data.Fragments;
import org.linnea.dicom.data.Sequence;

/**
 * Streaming reader of DICOM Part 10 files and bare datasets (PS3.10 section 7, PS3.5 sections 7
 * and 10): all four native transfer syntaxes and deflate, encapsulated pixel data, sequences and
 * items of defined and undefined length, private elements, VR UN.
 *
 * <p>Reads through its own buffer, so header parsing costs a few microseconds. Hostile input is
 * met with a {@link DicomParseException} naming the offset and tag path: value lengths are checked
 * against the file size and the enclosing item before anything is allocated, values from streams
 * of unknown length are read in growing chunks (a lying length fails at end of stream, not with
 * an OutOfMemoryError), and nesting is bounded by {@link ReadOptions#maxDepth()}.
 *
 * <p>Lenient when reading: files without preamble or file meta information, explicit VR
 * elements with an unknown VR code, wrong group lengths and odd value lengths are read, and
 * recorded as warnings where it matters.
 */
public final class DicomReader implements Closeable {
  private static final ElementDictionary DICT = ElementDictionary.standard();
  private static final int UNDEFINED = -1;

  private InputStream in;
  private byte[] buf = new byte[8192];
  private int pos;
  private int lim;
  /** Stream offset of buf[0]. */
  private long bufStart;
  private boolean eof;
  private long sourceLength;
  private final Path file;
  private boolean inflated;

  private ReadOptions options = ReadOptions.DEFAULT;
  private final List<String> warnings = new ArrayList<>();
  private int[] pathTags = new int[16];
  private int[] pathItems = new int[16];
  private int depth;
  private long stoppedAt = -1;

  private DicomReader(InputStream in, long sourceLength, Path file) {
    this.in = in;
    this.sourceLength = sourceLength;
    this.file = file;
  }

  /** A reader over a file; values above the bulk-data threshold can stay in the file. */
  public static DicomReader open(Path file) throws IOException {
    if (Files.isDirectory(file)) {
      throw new IOException(file + " is a directory, not a DICOM file");
    }
    return new DicomReader(Files.newInputStream(file), Files.size(file), file);
  }

  /** A reader over a stream; its length is not known, so lengths are checked as data arrives. */
  public static DicomReader open(InputStream in) {
    return new DicomReader(in, -1, null);
  }

  /** Reads a whole Part 10 file. */
  public static DicomFile readFile(Path file, ReadOptions options) throws IOException {
    try (DicomReader r = open(file)) {
      return r.readFile(options);
    }
  }

  public static DicomFile readFile(Path file) throws IOException {
    return readFile(file, ReadOptions.DEFAULT);
  }

  /** Offset of the next byte to be parsed (in the inflated stream after a deflated file meta). */
  public long position() {
    return bufStart + pos;
  }

  public List<String> warnings() {
    return List.copyOf(warnings);
  }

  @Override
  public void close() throws IOException {
    in.close();
  }

  // ---- Part 10 --------------------------------------------------------------------------------

  /**
   * Reads preamble, file meta information and dataset. Without a preamble, reads file meta
   * information if the stream starts with group 0002, and otherwise guesses the transfer syntax
   * from the first element, with a warning.
   */
  public DicomFile readFile(ReadOptions options) throws IOException {
    this.options = options;
    byte[] preamble = null;
    if (fill(132) >= 132 && buf[pos + 128] == 'D' && buf[pos + 129] == 'I' && buf[pos + 130] == 'C' && buf[pos + 131] == 'M') {
      preamble = Arrays.copyOfRange(buf, pos, pos + 128);
      pos += 132;
    } else if (fill(4) >= 4 && buf[pos] == 'D' && buf[pos + 1] == 'I' && buf[pos + 2] == 'C' && buf[pos + 3] == 'M') {
      warnings.add("no 128-byte preamble before the DICM prefix");
      pos += 4;
    } else {
      if (lim - pos < 8) {
        throw new DicomParseException(lim == pos ? "empty input: not a DICOM file" : "only " + (lim - pos) + " bytes: not a DICOM file", position(), "");
      }
      warnings.add("no preamble and DICM prefix (not a Part 10 file)");
    }

    Dataset meta = new Dataset(false);
    if (fill(8) >= 8 && u16le(pos) == 0x0002) {
      readElements(meta, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, -1, 0x0002);
    }
    TransferSyntax ts;
    var tsUid = meta.getString(Tag.TransferSyntaxUID);
    if (tsUid.isPresent()) {
      ts = TransferSyntax.of(tsUid.get());
    } else {
      ts = guessTransferSyntax();
      warnings.add((meta.isEmpty() ? "no file meta information" : "file meta information without Transfer Syntax UID")
          + "; read as " + ts.name() + " from the first element");
    }
    if (preamble == null && meta.isEmpty() && !looksLikeDataset(ts)) {
      throw new DicomParseException("not a DICOM file: no DICM prefix and the first bytes are not a DICOM element", position(), "");
    }
    if (ts.deflated()) {
      startInflating();
    }
    long datasetOffset = position();
    Dataset ds = new Dataset(ts.bigEndian());
    readElements(ds, ts, -1, -1);
    return new DicomFile(preamble, meta, ds, ts, warnings(), datasetOffset, stoppedAt);
  }

  /** Reads a bare dataset (no preamble, no file meta) in the given transfer syntax, to the end of the stream. */
  public Dataset readDataset(TransferSyntax ts, ReadOptions options) throws IOException {
    this.options = options;
    if (ts.deflated()) {
      startInflating();
    }
    Dataset ds = new Dataset(ts.bigEndian());
    readElements(ds, ts, -1, -1);
    return ds;
  }

  /** Offset of the element a read stopped before ({@link ReadOptions#stopBefore()}), or -1. */
  public long stoppedAt() {
    return stoppedAt;
  }

  private TransferSyntax guessTransferSyntax() throws IOException {
    if (fill(8) < 8) return TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN;
    int groupLE = u16le(pos);
    int groupBE = ((buf[pos] & 0xFF) << 8) | (buf[pos + 1] & 0xFF);
    boolean explicit = VR.ofBytes(buf[pos + 4], buf[pos + 5]) != null
        && Character.isUpperCase(buf[pos + 4]) && Character.isUpperCase(buf[pos + 5]);
    boolean bigEndian = groupBE != 0 && groupBE < groupLE;
    if (bigEndian && explicit) return TransferSyntax.EXPLICIT_VR_BIG_ENDIAN;
    return explicit ? TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN : TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN;
  }

  private boolean looksLikeDataset(TransferSyntax ts) throws IOException {
    if (fill(8) < 8) return false;
    int group = ts.bigEndian() ? ((buf[pos] & 0xFF) << 8) | (buf[pos + 1] & 0xFF) : u16le(pos);
    // A dataset starts with a low group: 0008 in practice, at most 0028 or so in odd files.
    return group >= 0x0002 && group <= 0x0100;
  }

  private void startInflating() {
    InputStream rest = new SequenceInputStream(new ByteArrayInputStream(buf, pos, lim - pos), in);
    in = new InflaterInputStream(rest, new Inflater(true), 16384);
    bufStart = bufStart + pos;
    pos = 0;
    lim = 0;
    buf = new byte[buf.length];
    sourceLength = -1;
    inflated = true;
  }

  // ---- elements -------------------------------------------------------------------------------

  /**
   * Reads elements into {@code ds} until {@code end} (a stream offset; -1 for the end of the
   * stream or an item delimiter), or while the group equals {@code onlyGroup} if that is not -1.
   * Returns true when it ended at an Item Delimitation Item.
   */
  private boolean readElements(Dataset ds, TransferSyntax ts, long end, int onlyGroup) throws IOException {
    boolean bigEndian = ts.bigEndian();
    boolean explicit = ts.explicitVR();
    while (true) {
      long start = position();
      if (end >= 0) {
        if (start == end) return false;
        if (start > end) {
          throw error("elements overrun the end of their item (offset " + end + ")", start);
        }
      }
      int have = fill(8);
      if (have == 0 && end < 0) {
        if (depth > 0) {
          throw error("unexpected end of data inside an item of undefined length (missing Item Delimitation Item)", start);
        }
        return false;
      }
      if (have < 8) {
        if (depth == 0 && end < 0 && onlyGroup < 0 && isPadding(have)) {
          warnings.add(have + " trailing bytes after the last element ignored");
          pos = lim;
          return false;
        }
        throw error("truncated element header: " + have + " of 8 bytes", start);
      }
      int tag = bigEndian ? (u16be(pos) << 16) | u16be(pos + 2) : (u16le(pos) << 16) | u16le(pos + 2);
      if (onlyGroup >= 0 && (tag >>> 16) != onlyGroup) {
        return false;
      }
      if (depth == 0 && options.stopBefore() != -1 && Integer.compareUnsigned(tag, options.stopBefore()) >= 0 && onlyGroup < 0) {
        stoppedAt = start;
        return false;
      }
      if ((tag >>> 16) == 0xFFFE) {
        long len = u32(pos + 4, bigEndian);
        pos += 8;
        if (tag == Tags.ItemDelimitationItem) {
          if (depth == 0 || end >= 0) {
            throw error("Item Delimitation Item outside an item of undefined length", start);
          }
          if (len != 0) warnings.add("Item Delimitation Item with length " + len + " at offset " + start);
          return true;
        }
        if (tag == Tags.SequenceDelimitationItem && depth == 0) {
          warnings.add("stray Sequence Delimitation Item at offset " + start + " ignored");
          continue;
        }
        throw error("unexpected " + Tags.toString(tag) + " where a data element should be", start);
      }

      VR vr;
      long length;
      if (explicit) {
        vr = VR.ofBytes(buf[pos + 4], buf[pos + 5]);
        if (vr == null) {
          // Unknown VR code: some writers mix in implicit VR elements; read this one as implicit.
          warnings.add("unknown VR code 0x" + Integer.toHexString(u16be(pos + 4)) + " for " + Tags.toString(tag)
              + " at offset " + start + "; read as implicit VR");
          vr = implicitVR(tag, ds);
          length = u32(pos + 4, bigEndian);
          pos += 8;
        } else if (vr.hasLongHeader()) {
          if (fill(12) < 12) throw error("truncated element header", start);
          length = u32(pos + 8, bigEndian);
          pos += 12;
        } else {
          length = bigEndian ? u16be(pos + 6) : u16le(pos + 6);
          pos += 8;
        }
      } else {
        vr = implicitVR(tag, ds);
        length = u32(pos + 4, bigEndian);
        pos += 8;
      }
      push(tag);
      try {
        readValue(ds, tag, vr, length, ts, end);
      } finally {
        depth--;
      }
    }
  }

  private boolean isPadding(int have) {
    for (int i = pos; i < pos + have; i++) {
      if (buf[i] != 0) return false;
    }
    return true;
  }

  private VR implicitVR(int tag, Dataset ds) {
    if (tag == Tag.PixelData) {
      // "OB or OW": 8-bit pixel data is a byte stream, wider pixels are 16-bit words (PS3.5 A.1).
      return ds.getInt(Tag.BitsAllocated).orElse(16) <= 8 ? VR.OB : VR.OW;
    }
    return ds.dictionaryVR(tag);
  }

  private void readValue(Dataset ds, int tag, VR vr, long length, TransferSyntax ts, long end) throws IOException {
    long start = position();
    if (length == 0xFFFFFFFFL) {
      if (vr == VR.SQ || vr == VR.UN && tag != Tag.PixelData) {
        // An undefined-length UN is a sequence encoded in implicit VR little endian (PS3.5 6.2.2).
        Sequence seq = ds.newSequence(tag);
        seq.setEncodedAsUN(vr == VR.UN && ts.explicitVR());
        readItems(seq, vr == VR.UN ? TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN : ts, UNDEFINED);
        return;
      }
      if (vr == VR.OB || vr == VR.OW || vr == VR.UN) {
        ds.put(tag, vr == VR.UN ? VR.OB : vr, readFragments(vr));
        return;
      }
      throw error("undefined length is not allowed for VR " + vr, start);
    }
    if (end >= 0 && start + length > end) {
      throw error("value length " + length + " exceeds its enclosing item by " + (start + length - end) + " bytes", start);
    }
    if (sourceLength >= 0 && start + length > sourceLength) {
      throw error("value length " + length + " exceeds the end of the file (" + (sourceLength - start) + " bytes left)", start);
    }
    if (vr == VR.SQ) {
      Sequence seq = ds.newSequence(tag);
      seq.setUndefinedLength(false);
      readItems(seq, ts, start + length);
      return;
    }
    if (vr == VR.UN && options.resolveUnknownVR() && !Tags.isPrivate(tag) && !ts.bigEndian()) {
      VR real = DICT.vrOf(tag);
      if (real == VR.SQ) {
        Sequence seq = ds.newSequence(tag);
        seq.setUndefinedLength(false);
        seq.setEncodedAsUN(true);
        readItems(seq, TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN, start + length);
        return;
      }
      // Other values keep VR UN and their bytes, so they are written back unchanged; Dataset's
      // getters decode them with the dictionary's VR.
    }
    if (file != null && !inflated && options.bulkDataThreshold() >= 0 && length > options.bulkDataThreshold() && vr.isBulkCandidate()) {
      ds.put(tag, vr, BulkData.ofFile(file, start, length, ts.bigEndian() && vr.unitSize() > 1));
      skip(length);
      return;
    }
    if (length > options.maxValueLength()) {
      throw error("value of " + length + " bytes is larger than the in-memory limit of " + options.maxValueLength()
          + " bytes (read from a file with a bulk-data threshold to keep it on disk)", start);
    }
    ds.put(tag, vr, readBytes((int) length));
  }

  private void readItems(Sequence seq, TransferSyntax ts, long end) throws IOException {
    if (depth > options.maxDepth()) {
      throw error("sequences nested deeper than " + options.maxDepth() + " levels", position());
    }
    int index = 0;
    while (true) {
      long start = position();
      if (end >= 0) {
        if (start == end) return;
        if (start > end) throw error("items overrun the end of their sequence", start);
      }
      int have = fill(8);
      if (have < 8) {
        throw error(end >= 0 ? "truncated sequence: " + (end - start) + " bytes missing"
            : "truncated sequence: end of data before its Sequence Delimitation Item", start);
      }
      int tag = ts.bigEndian() ? (u16be(pos) << 16) | u16be(pos + 2) : (u16le(pos) << 16) | u16le(pos + 2);
      long len = u32(pos + 4, ts.bigEndian());
      pos += 8;
      if (tag == Tags.SequenceDelimitationItem) {
        if (end >= 0) warnings.add("Sequence Delimitation Item in a sequence of defined length at offset " + start);
        return;
      }
      if (tag != Tags.Item) {
        throw error("expected an Item (FFFE,E000) in the sequence, found " + Tags.toString(tag), start);
      }
      pathItems[depth - 1] = index++;
      Dataset item = new Dataset(ts.bigEndian());
      seq.add(item);
      if (len == 0xFFFFFFFFL) {
        readElements(item, ts, -1, -1);
      } else {
        long itemStart = position();
        if (end >= 0 && itemStart + len > end) {
          throw error("item length " + len + " exceeds its sequence", start);
        }
        if (sourceLength >= 0 && itemStart + len > sourceLength) {
          throw error("item length " + len + " exceeds the end of the file", start);
        }
        item.setUndefinedLength(false);
        readElements(item, ts, itemStart + len, -1);
      }
    }
  }

  private Fragments readFragments(VR vr) throws IOException {
    Fragments f = new Fragments(vr == VR.UN ? VR.OB : vr);
    int index = 0;
    while (true) {
      long start = position();
      if (fill(8) < 8) throw error("truncated encapsulated pixel data: end of data before its Sequence Delimitation Item", start);
      int tag = (u16le(pos) << 16) | u16le(pos + 2);
      long len = u32(pos + 4, false);
      pos += 8;
      if (tag == Tags.SequenceDelimitationItem) return f;
      if (tag != Tags.Item) throw error("expected a fragment Item (FFFE,E000), found " + Tags.toString(tag), start);
      if (len == 0xFFFFFFFFL) throw error("fragment " + index + " has undefined length", start);
      long at = position();
      if (sourceLength >= 0 && at + len > sourceLength) {
        throw error("fragment " + index + " length " + len + " exceeds the end of the file", start);
      }
      if (file != null && !inflated && options.bulkDataThreshold() >= 0 && len > options.bulkDataThreshold() && index > 0) {
        f.add(BulkData.ofFile(file, at, len, false));
        skip(len);
      } else {
        if (len > options.maxValueLength()) throw error("fragment of " + len + " bytes is larger than the in-memory limit", start);
        f.add(readBytes((int) len));
      }
      index++;
    }
  }

  private void push(int tag) {
    if (depth == pathTags.length) {
      pathTags = Arrays.copyOf(pathTags, depth * 2);
      pathItems = Arrays.copyOf(pathItems, depth * 2);
    }
    pathTags[depth] = tag;
    pathItems[depth] = -1;
    depth++;
  }

  private DicomParseException error(String problem, long offset) {
    StringBuilder path = new StringBuilder();
    for (int i = 0; i < depth; i++) {
      if (i > 0) path.append('/');
      path.append(Tags.toString(pathTags[i]));
      if (pathItems[i] >= 0 && i < depth - 1) path.append('[').append(pathItems[i]).append(']');
    }
    return new DicomParseException(problem + (inflated ? " (offset in the inflated stream)" : ""), offset, path.toString());
  }

  // ---- buffer ---------------------------------------------------------------------------------

  /** Makes up to {@code n} bytes available from pos; returns how many are (less only at end of stream). */
  private int fill(int n) throws IOException {
    int have = lim - pos;
    if (have >= n || eof) return Math.min(have, n);
    if (pos + n > buf.length) {
      System.arraycopy(buf, pos, buf, 0, have);
      bufStart += pos;
      lim = have;
      pos = 0;
      if (n > buf.length) buf = Arrays.copyOf(buf, Math.max(n, buf.length * 2));
    }
    while (lim - pos < n) {
      int r = read(buf, lim, buf.length - lim);
      if (r < 0) {
        eof = true;
        break;
      }
      lim += r;
    }
    return Math.min(lim - pos, n);
  }

  private byte[] readBytes(int n) throws IOException {
    long start = position();
    int have = lim - pos;
    if (have >= n) {
      byte[] b = Arrays.copyOfRange(buf, pos, pos + n);
      pos += n;
      return b;
    }
    // Known length was checked against the file size; unknown length grows as data arrives.
    byte[] b = new byte[sourceLength >= 0 ? n : Math.min(n, Math.max(have, 1 << 20))];
    System.arraycopy(buf, pos, b, 0, have);
    pos = lim;
    int got = have;
    while (got < n) {
      if (got == b.length) b = Arrays.copyOf(b, (int) Math.min(n, (long) b.length * 2));
      // Reads of at most 1 MiB: the JDK copies file reads through a temporary direct buffer of the read size.
      int r = read(b, got, Math.min(b.length - got, 1 << 20));
      if (r < 0) {
        eof = true;
        bufStart += got - have;
        throw error("truncated value: " + got + " of " + n + " bytes before the end of data", start);
      }
      got += r;
    }
    bufStart += n - have;
    return b;
  }

  private void skip(long n) throws IOException {
    long start = position();
    int have = lim - pos;
    if (have >= n) {
      pos += (int) n;
      return;
    }
    long left = n - have;
    pos = lim;
    while (left > 0) {
      long s = inflated ? 0 : in.skip(left);
      if (s <= 0) {
        byte[] one = new byte[(int) Math.min(left, 8192)];
        int r = read(one, 0, one.length);
        if (r < 0) {
          eof = true;
          throw error("truncated value: end of data " + left + " bytes early", start);
        }
        s = r;
      }
      left -= s;
    }
    bufStart += n - have;
  }

  /** Reads from the source; a corrupt deflate stream is a parse error like any other. */
  private int read(byte[] b, int off, int len) throws IOException {
    try {
      return in.read(b, off, len);
    } catch (java.util.zip.ZipException | java.io.EOFException e) {
      throw error("corrupt deflated data: " + e.getMessage(), position());
    }
  }

  private int u16le(int at) {
    return (buf[at] & 0xFF) | ((buf[at + 1] & 0xFF) << 8);
  }

  private int u16be(int at) {
    return ((buf[at] & 0xFF) << 8) | (buf[at + 1] & 0xFF);
  }

  private long u32(int at, boolean bigEndian) {
    return bigEndian
        ? ((long) u16be(at) << 16) | u16be(at + 2)
        : ((long) u16le(at + 2) << 16) | u16le(at);
  }
}
