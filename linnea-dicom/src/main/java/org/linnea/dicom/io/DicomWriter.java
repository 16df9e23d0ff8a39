package org.linnea.dicom.io;

import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import org.linnea.dicom.Tag;
import org.linnea.dicom.Tags;
import org.linnea.dicom.VR;
import org.linnea.dicom.data.BulkData;
import org.linnea.dicom.data.Dataset;
import org.linnea.dicom.data.Fragments;
import org.linnea.dicom.data.Sequence;
import org.linnea.dicom.data.Values;

/**
 * Writes datasets and Part 10 files in any of the native transfer syntaxes and deflate, and
 * encapsulated syntaxes with their fragments as they are.
 *
 * <p>Strict where the reader is lenient: odd-length values are padded, group lengths present in
 * the dataset are recomputed, a value too long for a short explicit VR header is written as UN.
 * Sequences and items keep the defined or undefined length they were read with, so an unmodified
 * dataset written in its own transfer syntax comes out byte for byte as it came in.
 */
public final class DicomWriter implements Closeable, Flushable {
  private static final byte[] ZERO_PREAMBLE = new byte[128];

  private OutputStream out;
  private final byte[] buf = new byte[65536];
  private int pos;

  public DicomWriter(OutputStream out) {
    this.out = out;
  }

  /** Writes a Part 10 file (preamble of zeros if {@code file.preamble()} is null). */
  public static void writeFile(Path path, DicomFile file) throws IOException {
    try (DicomWriter w = new DicomWriter(Files.newOutputStream(path))) {
      w.writeFile(file.preamble(), file.fileMeta(), file.dataset(), file.transferSyntax());
    }
  }

  /**
   * Writes preamble, "DICM", the file meta information (in explicit VR little endian, with its
   * group length recomputed) and the dataset in {@code ts}.
   */
  public void writeFile(byte[] preamble, Dataset fileMeta, Dataset dataset, TransferSyntax ts) throws IOException {
    String metaTs = fileMeta.getString(Tag.TransferSyntaxUID).orElse(null);
    if (metaTs != null && !metaTs.equals(ts.uid())) {
      throw new IllegalArgumentException("file meta information says transfer syntax " + metaTs + " but the dataset is written in " + ts.uid());
    }
    write(preamble == null ? ZERO_PREAMBLE : preamble, 0, 128);
    write(new byte[] {'D', 'I', 'C', 'M'}, 0, 4);
    writeElements(fileMeta, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
    writeDataset(dataset, ts);
  }

  /**
   * Writes a bare dataset; for deflated syntaxes the rest of the output is deflated. Everything
   * has been handed to the underlying stream when this returns (which is not flushed or closed).
   */
  public void writeDataset(Dataset dataset, TransferSyntax ts) throws IOException {
    if (ts.deflated()) {
      flushBuffer();
      DeflaterOutputStream def = new DeflaterOutputStream(out, new Deflater(Deflater.DEFAULT_COMPRESSION, true), 65536);
      OutputStream raw = out;
      out = def;
      writeElements(dataset, ts);
      flushBuffer();
      def.finish();
      out = raw;
    } else {
      writeElements(dataset, ts);
      flushBuffer();
    }
  }

  @Override
  public void flush() throws IOException {
    flushBuffer();
    out.flush();
  }

  @Override
  public void close() throws IOException {
    try {
      flush();
    } finally {
      out.close();
    }
  }

  // ---- elements -------------------------------------------------------------------------------

  private void writeElements(Dataset ds, TransferSyntax ts) throws IOException {
    int n = ds.size();
    for (int i = 0; i < n; i++) {
      int tag = ds.tagAt(i);
      VR vr = ds.vrAt(i);
      Object v = ds.valueAt(i);
      if (Tags.isGroupLength(tag) && vr == VR.UL && v instanceof byte[] b && b.length == 4) {
        long len = 0;
        for (int k = i + 1; k < n && (ds.tagAt(k) >>> 16) == (tag >>> 16); k++) {
          len += elementLength(ds, k, ts);
        }
        writeHeader(tag, VR.UL, 4, ts);
        write32((int) len, ts.bigEndian());
        continue;
      }
      writeElement(ds, tag, vr, v, ts);
    }
  }

  private void writeElement(Dataset ds, int tag, VR vr, Object v, TransferSyntax ts) throws IOException {
    switch (v) {
      case byte[] b -> {
        VR wvr = headerVR(vr, b.length + (b.length & 1), ts);
        writeHeader(tag, wvr, b.length + (b.length & 1), ts);
        writeValue(b, vr, ds.isBigEndian() != ts.bigEndian());
      }
      case BulkData d -> {
        long len = d.length() + (d.length() & 1);
        writeHeader(tag, headerVR(vr, len, ts), len, ts);
        try (InputStream in = d.openStream()) {
          copy(in, d.length(), d.bigEndian() != ts.bigEndian() ? vr.unitSize() : 1);
        }
        if ((d.length() & 1) != 0) write8(vr.paddingByte());
      }
      case Sequence s -> {
        boolean asUN = s.encodedAsUN() && ts.explicitVR();
        TransferSyntax its = asUN ? TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN : ts;
        long len = s.undefinedLength() ? 0xFFFFFFFFL : itemsLength(s, its);
        writeHeader(tag, asUN ? VR.UN : VR.SQ, len, ts);
        for (Dataset item : s) {
          writeItemHeader(Tags.Item, item.undefinedLength() ? 0xFFFFFFFFL : datasetLength(item, its), its);
          writeElements(item, its);
          if (item.undefinedLength()) writeItemHeader(Tags.ItemDelimitationItem, 0, its);
        }
        if (s.undefinedLength()) writeItemHeader(Tags.SequenceDelimitationItem, 0, its);
      }
      case Fragments f -> {
        writeHeader(tag, f.vr(), 0xFFFFFFFFL, ts);
        for (Object item : f.items()) {
          if (item instanceof byte[] b) {
            writeItemHeader(Tags.Item, b.length + (b.length & 1), ts);
            writeValue(b, VR.OB, false);
          } else {
            BulkData d = (BulkData) item;
            writeItemHeader(Tags.Item, d.length() + (d.length() & 1), ts);
            try (InputStream in = d.openStream()) {
              copy(in, d.length(), 1);
            }
            if ((d.length() & 1) != 0) write8(0);
          }
        }
        writeItemHeader(Tags.SequenceDelimitationItem, 0, ts);
      }
      default -> throw new IllegalStateException("unexpected value type " + v.getClass());
    }
  }

  /** The VR to put in an explicit header: UN for values too long for a 16-bit length. */
  private static VR headerVR(VR vr, long length, TransferSyntax ts) {
    return ts.explicitVR() && !vr.hasLongHeader() && length > 0xFFFF ? VR.UN : vr;
  }

  // ---- lengths --------------------------------------------------------------------------------

  /** Bytes that element {@code i} of {@code ds} occupies when encoded in {@code ts}. */
  static long elementLength(Dataset ds, int i, TransferSyntax ts) {
    VR vr = ds.vrAt(i);
    Object v = ds.valueAt(i);
    return switch (v) {
      case byte[] b -> header(headerVR(vr, b.length + (b.length & 1), ts), ts) + b.length + (b.length & 1);
      case BulkData d -> header(headerVR(vr, d.length(), ts), ts) + d.length() + (d.length() & 1);
      case Sequence s -> {
        boolean asUN = s.encodedAsUN() && ts.explicitVR();
        TransferSyntax its = asUN ? TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN : ts;
        yield header(VR.SQ, ts) + itemsLength(s, its) + (s.undefinedLength() ? 8 : 0);
      }
      case Fragments f -> {
        long len = header(f.vr(), ts) + 8;
        for (int k = 0; k < f.size(); k++) {
          long l = f.itemLength(k);
          len += 8 + l + (l & 1);
        }
        yield len;
      }
      default -> throw new IllegalStateException("unexpected value type " + v.getClass());
    };
  }

  private static long itemsLength(Sequence s, TransferSyntax ts) {
    long len = 0;
    for (Dataset item : s) {
      len += 8 + datasetLength(item, ts) + (item.undefinedLength() ? 8 : 0);
    }
    return len;
  }

  /** Bytes the elements of {@code ds} occupy encoded in {@code ts}. */
  public static long datasetLength(Dataset ds, TransferSyntax ts) {
    long len = 0;
    for (int i = 0, n = ds.size(); i < n; i++) {
      len += elementLength(ds, i, ts);
    }
    return len;
  }

  private static int header(VR vr, TransferSyntax ts) {
    return !ts.explicitVR() || !vr.hasLongHeader() ? 8 : 12;
  }

  // ---- encoding -------------------------------------------------------------------------------

  private void writeHeader(int tag, VR vr, long length, TransferSyntax ts) throws IOException {
    boolean be = ts.bigEndian();
    write16(tag >>> 16, be);
    write16(tag, be);
    if (!ts.explicitVR()) {
      write32((int) length, be);
    } else if (vr.hasLongHeader()) {
      write8(vr.code >>> 8);
      write8(vr.code);
      write16(0, be);
      write32((int) length, be);
    } else {
      write8(vr.code >>> 8);
      write8(vr.code);
      write16((int) length, be);
    }
  }

  private void writeItemHeader(int tag, long length, TransferSyntax ts) throws IOException {
    write16(tag >>> 16, ts.bigEndian());
    write16(tag, ts.bigEndian());
    write32((int) length, ts.bigEndian());
  }

  private void writeValue(byte[] b, VR vr, boolean swap) throws IOException {
    if (swap && vr.unitSize() > 1) {
      int unit = vr.unitSize();
      int whole = b.length - b.length % unit;
      for (int off = 0; off < whole; ) {
        int n = Math.min(whole - off, (buf.length - pos) / unit * unit);
        if (n == 0) {
          flushBuffer();
          continue;
        }
        System.arraycopy(b, off, buf, pos, n);
        Values.swapInPlace(buf, pos, n, unit);
        pos += n;
        off += n;
      }
      if (b.length % unit != 0) {
        write(b, b.length - b.length % unit, b.length % unit);
      }
    } else {
      write(b, 0, b.length);
    }
    if ((b.length & 1) != 0) write8(vr.paddingByte());
  }

  private void copy(InputStream in, long length, int swapUnit) throws IOException {
    long left = length;
    while (left > 0) {
      if (buf.length - pos < 8) flushBuffer();
      int room = buf.length - pos;
      if (swapUnit > 1) room = room / swapUnit * swapUnit;
      int n = in.read(buf, pos, (int) Math.min(room, left));
      if (n < 0) throw new IOException("bulk data ended " + left + " bytes early");
      if (swapUnit > 1) {
        // keep whole units together so they can be swapped in place
        while (n % swapUnit != 0 && n < left) {
          int r = in.read(buf, pos + n, swapUnit - n % swapUnit);
          if (r < 0) throw new IOException("bulk data ended " + (left - n) + " bytes early");
          n += r;
        }
        Values.swapInPlace(buf, pos, n, swapUnit);
      }
      pos += n;
      left -= n;
    }
  }

  private void write8(int v) throws IOException {
    if (pos == buf.length) flushBuffer();
    buf[pos++] = (byte) v;
  }

  private void write16(int v, boolean bigEndian) throws IOException {
    if (pos + 2 > buf.length) flushBuffer();
    if (bigEndian) {
      buf[pos] = (byte) (v >>> 8);
      buf[pos + 1] = (byte) v;
    } else {
      buf[pos] = (byte) v;
      buf[pos + 1] = (byte) (v >>> 8);
    }
    pos += 2;
  }

  private void write32(int v, boolean bigEndian) throws IOException {
    if (bigEndian) {
      write16(v >>> 16, true);
      write16(v, true);
    } else {
      write16(v, false);
      write16(v >>> 16, false);
    }
  }

  private void write(byte[] b, int off, int len) throws IOException {
    if (len > buf.length - pos) {
      flushBuffer();
      if (len > buf.length / 2) {
        out.write(b, off, len);
        return;
      }
    }
    System.arraycopy(b, off, buf, pos, len);
    pos += len;
  }

  private void flushBuffer() throws IOException {
    if (pos > 0) {
      out.write(buf, 0, pos);
      pos = 0;
    }
  }
}
