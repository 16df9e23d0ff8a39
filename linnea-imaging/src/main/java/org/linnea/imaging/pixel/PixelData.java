package org.linnea.imaging.pixel;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.linnea.dicom.Tag;
import org.linnea.dicom.VR;
import org.linnea.dicom.data.BulkData;
import org.linnea.dicom.data.Dataset;
import org.linnea.dicom.data.Fragments;
import org.linnea.dicom.io.TransferSyntax;
import org.linnea.imaging.CorruptPixelDataException;
import org.linnea.imaging.ImagingException;

/**
 * Access to the frames of a Pixel Data (7FE0,0010) value, one frame at a time, never the whole
 * multi-frame object: native pixel data (PS3.5 8.1 and 8.2) is read as the byte range of frame
 * {@code k}, from memory or straight from the file when the value was left on disk as {@link
 * BulkData}; encapsulated pixel data (PS3.5 A.4) is read as the fragments of frame {@code k},
 * found in this order of preference:
 *
 * <ol>
 *   <li>one frame: all fragments;
 *   <li>the Extended Offset Table (7FE0,0001);
 *   <li>the Basic Offset Table, when it has one offset per frame;
 *   <li>as many fragments as frames: one fragment per frame;
 *   <li>otherwise frames end at fragments ending with an end-of-image marker (FFD9, the EOI of
 *       JPEG and JPEG-LS and the EOC of JPEG 2000), trailing zero padding allowed.
 * </ol>
 *
 * <p>Immutable once built and safe to share between threads; the fragment index of a
 * multi-frame object is computed on first use.
 */
public final class PixelData {
  private final ImageDescription description;
  private final TransferSyntax transferSyntax;
  private final Object value;
  private final boolean bigEndian;
  private final VR vr;
  private final long[] extendedOffsets;
  /** For encapsulated data: frame k is items [start[k], start[k+1]). Lazily computed. */
  private volatile int[] frameStarts;

  private PixelData(ImageDescription description, TransferSyntax ts, Object value, boolean bigEndian, VR vr, long[] extendedOffsets) {
    this.description = description;
    this.transferSyntax = ts;
    this.value = value;
    this.bigEndian = bigEndian;
    this.vr = vr;
    this.extendedOffsets = extendedOffsets;
  }

  /** The pixel data of a dataset encoded in {@code ts} (the transfer syntax of its file). */
  public static PixelData of(Dataset ds, TransferSyntax ts) throws ImagingException {
    ImageDescription d = ImageDescription.of(ds);
    Object v = ds.value(Tag.PixelData).orElseThrow(() -> new ImagingException("no Pixel Data (7FE0,0010) in the dataset"));
    VR vr = ds.vr(Tag.PixelData).orElse(VR.OW);
    boolean be = v instanceof BulkData b ? b.bigEndian() : ds.isBigEndian();
    if (v instanceof Fragments) {
      if (!ts.encapsulated()) throw new CorruptPixelDataException("encapsulated Pixel Data in native transfer syntax " + ts);
    } else if (ts.encapsulated()) {
      throw new CorruptPixelDataException("native Pixel Data in encapsulated transfer syntax " + ts);
    } else if (!(v instanceof byte[]) && !(v instanceof BulkData)) {
      throw new CorruptPixelDataException("Pixel Data is a " + v.getClass().getSimpleName() + ", not a value");
    }
    long[] eot = null;
    var eotBytes = ds.getBytes(Tag.ExtendedOffsetTable);
    if (eotBytes.isPresent() && eotBytes.get().length >= 8) {
      ByteBuffer bb = ByteBuffer.wrap(eotBytes.get()).order(ds.isBigEndian() ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
      eot = new long[eotBytes.get().length / 8];
      for (int i = 0; i < eot.length; i++) eot[i] = bb.getLong();
    }
    return new PixelData(d, ts, v, be, vr, eot);
  }

  public ImageDescription description() {
    return description;
  }

  public TransferSyntax transferSyntax() {
    return transferSyntax;
  }

  public boolean isEncapsulated() {
    return value instanceof Fragments;
  }

  public int frameCount() {
    return description.numberOfFrames();
  }

  private void checkFrame(int frame) throws ImagingException {
    if (frame < 0 || frame >= frameCount()) {
      throw new ImagingException("no frame " + frame + ": the object has " + frameCount() + " frame" + (frameCount() == 1 ? "" : "s") + " (numbered from 0)");
    }
  }

  // ---- native -----------------------------------------------------------------------------------

  /**
   * The bytes of native frame {@code frame}, in the byte order {@link NativeFrame#bigEndian()}.
   * With Bits Allocated 1 frames need not start on a byte boundary: {@link NativeFrame#bitOffset()}
   * says where in the first byte the frame begins.
   */
  public NativeFrame readNativeFrame(int frame) throws ImagingException {
    if (isEncapsulated()) throw new IllegalStateException("pixel data is encapsulated in " + transferSyntax);
    checkFrame(frame);
    long frameBits = description.bitsPerNativeFrame();
    long startBit = frameBits * frame;
    long from = startBit >>> 3;
    long to = (startBit + frameBits + 7) >>> 3;
    boolean swap8 = bigEndian && vr == VR.OW && description.bitsAllocated() <= 8;
    long readFrom = swap8 ? from & ~1L : from;
    long readTo = swap8 ? (to + 1) & ~1L : to;
    long available = value instanceof byte[] b ? b.length : ((BulkData) value).length();
    if (to > available) {
      throw new CorruptPixelDataException("Pixel Data has " + available + " bytes but frame " + frame + " needs bytes " + from + " to " + to
          + " (" + description.rows() + " rows × " + description.columns() + " columns × " + description.samplesPerPixel()
          + " samples × " + description.bitsAllocated() + " bits, " + frameCount() + " frames)");
    }
    readTo = Math.min(readTo, available);
    byte[] bytes;
    if (value instanceof byte[] b) {
      bytes = java.util.Arrays.copyOfRange(b, (int) readFrom, (int) readTo);
    } else {
      bytes = read((BulkData) value, readFrom, (int) (readTo - readFrom));
    }
    if (swap8) {
      for (int i = 0; i + 1 < bytes.length; i += 2) {
        byte t = bytes[i];
        bytes[i] = bytes[i + 1];
        bytes[i + 1] = t;
      }
      if (readFrom != from) bytes = java.util.Arrays.copyOfRange(bytes, 1, bytes.length);
    }
    return new NativeFrame(bytes, (int) (startBit & 7), bigEndian);
  }

  /** One native frame's bytes; see {@link #readNativeFrame(int)}. */
  public record NativeFrame(byte[] bytes, int bitOffset, boolean bigEndian) {}

  // ---- encapsulated -----------------------------------------------------------------------------

  /** The compressed bytes of frame {@code frame}: its fragments, concatenated. */
  public byte[] readEncapsulatedFrame(int frame) throws ImagingException {
    if (!(value instanceof Fragments f)) throw new IllegalStateException("pixel data is native in " + transferSyntax);
    checkFrame(frame);
    int[] starts = frameStarts();
    int a = starts[frame];
    int b = starts[frame + 1];
    long total = 0;
    for (int i = a; i < b; i++) total += f.itemLength(i);
    if (total > Integer.MAX_VALUE - 16) {
      throw new CorruptPixelDataException("frame " + frame + " has " + total + " compressed bytes, more than one array holds");
    }
    if (total == 0) throw new CorruptPixelDataException("frame " + frame + " has no compressed data (empty fragments)");
    byte[] out = new byte[(int) total];
    int pos = 0;
    List<Object> items = f.items();
    for (int i = a; i < b; i++) {
      Object item = items.get(i);
      if (item instanceof byte[] bytes) {
        System.arraycopy(bytes, 0, out, pos, bytes.length);
        pos += bytes.length;
      } else {
        BulkData bd = (BulkData) item;
        readInto(bd, 0, out, pos, (int) bd.length());
        pos += (int) bd.length();
      }
    }
    return out;
  }

  /** Number of fragments of frame {@code frame} (for diagnostics and tests). */
  public int fragmentCount(int frame) throws ImagingException {
    checkFrame(frame);
    int[] s = frameStarts();
    return s[frame + 1] - s[frame];
  }

  private int[] frameStarts() throws ImagingException {
    int[] s = frameStarts;
    if (s == null) {
      s = computeFrameStarts((Fragments) value);
      frameStarts = s;
    }
    return s;
  }

  private int[] computeFrameStarts(Fragments f) throws ImagingException {
    int items = f.size();
    int fragments = items - 1;
    int frames = frameCount();
    if (fragments < 1) throw new CorruptPixelDataException("encapsulated Pixel Data has no fragments");
    int[] starts = new int[frames + 1];
    starts[frames] = items;
    if (frames == 1) {
      starts[0] = 1;
      return starts;
    }
    // Offsets in both tables count from the first byte of the first fragment's item tag.
    long[] position = new long[items + 1];
    for (int i = 1; i < items; i++) position[i + 1] = position[i] + 8 + f.itemLength(i);
    if (extendedOffsets != null) {
      if (extendedOffsets.length != frames) {
        throw new CorruptPixelDataException("Extended Offset Table has " + extendedOffsets.length + " offsets for " + frames + " frames");
      }
      return byOffsets(extendedOffsets, position, starts, "Extended Offset Table");
    }
    long botLength = f.itemLength(0);
    if (botLength == 4L * frames) {
      byte[] bot = item(f, 0, 0, (int) botLength);
      ByteBuffer bb = ByteBuffer.wrap(bot).order(ByteOrder.LITTLE_ENDIAN);
      long[] offsets = new long[frames];
      for (int k = 0; k < frames; k++) offsets[k] = bb.getInt() & 0xFFFFFFFFL;
      return byOffsets(offsets, position, starts, "Basic Offset Table");
    }
    if (fragments == frames) {
      for (int k = 0; k < frames; k++) starts[k] = k + 1;
      return starts;
    }
    int k = 0;
    starts[0] = 1;
    for (int i = 1; i < items && k < frames - 1; i++) {
      if (endsWithEndOfImage(f, i)) starts[++k] = i + 1;
    }
    if (k < frames - 1 || starts[frames - 1] >= items) {
      throw new CorruptPixelDataException(frames + " frames in " + fragments + " fragments, without an offset table, and only "
          + (k + 1) + " frames found by their end-of-image markers");
    }
    return starts;
  }

  private static int[] byOffsets(long[] offsets, long[] position, int[] starts, String table) throws CorruptPixelDataException {
    int items = position.length - 1;
    int i = 1;
    for (int k = 0; k < offsets.length; k++) {
      while (i < items && position[i] < offsets[k]) i++;
      if (i >= items || position[i] != offsets[k] || (k > 0 && i <= starts[k - 1])) {
        throw new CorruptPixelDataException(table + " offset " + offsets[k] + " of frame " + k + " is not the start of a fragment");
      }
      starts[k] = i;
    }
    return starts;
  }

  private static boolean endsWithEndOfImage(Fragments f, int i) throws ImagingException {
    long len = f.itemLength(i);
    int n = (int) Math.min(len, 8);
    if (n < 2) return false;
    byte[] tail = item(f, i, len - n, n);
    int end = n;
    while (end > 2 && tail[end - 1] == 0) end--;
    return (tail[end - 2] & 0xFF) == 0xFF && (tail[end - 1] & 0xFF) == 0xD9;
  }

  private static byte[] item(Fragments f, int i, long offset, int length) throws ImagingException {
    Object o = f.items().get(i);
    if (o instanceof byte[] b) return java.util.Arrays.copyOfRange(b, (int) offset, (int) offset + length);
    return read((BulkData) o, offset, length);
  }

  // ---- bulk data --------------------------------------------------------------------------------

  private static byte[] read(BulkData bd, long offset, int length) throws ImagingException {
    byte[] out = new byte[length];
    readInto(bd, offset, out, 0, length);
    return out;
  }

  /** Reads a range of a bulk value from its file, without reading anything before it. */
  private static void readInto(BulkData bd, long offset, byte[] out, int pos, int length) throws ImagingException {
    if (!bd.isFile()) throw new ImagingException("pixel data at " + bd.uri() + " is not in a local file");
    try (FileChannel ch = FileChannel.open(bd.file(), StandardOpenOption.READ)) {
      ByteBuffer buf = ByteBuffer.wrap(out, pos, length);
      long at = bd.offset() + offset;
      while (buf.hasRemaining()) {
        int n = ch.read(buf, at);
        if (n < 0) {
          throw new CorruptPixelDataException("pixel data file " + bd.file() + " ends at " + at + ", before the " + length + " bytes expected at " + (bd.offset() + offset));
        }
        at += n;
      }
    } catch (IOException e) {
      if (e instanceof ImagingException ie) throw ie;
      throw new ImagingException("cannot read pixel data from " + bd.uri() + ": " + e.getMessage(), e);
    }
  }
}
