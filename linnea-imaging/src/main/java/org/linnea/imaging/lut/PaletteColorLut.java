package org.linnea.imaging.lut;

import java.util.ArrayList;
import java.util.List;
import org.linnea.dicom.Tag;
import org.linnea.dicom.data.Dataset;
import org.linnea.imaging.CorruptPixelDataException;

/**
 * PALETTE COLOR lookup tables (PS3.3 C.7.6.3.1.5 and C.7.9): three tables, red, green and blue,
 * each with its descriptor (entries, first mapped value, 8 or 16 bits), from the Palette Color
 * Lookup Table Data (0028,1201-1203) or from Segmented Palette Color Lookup Table Data
 * (0028,1221-1223; C.7.9.2: discrete, linear and indirect segments). Entries are reduced to 8
 * bits for display.
 */
public record PaletteColorLut(LookupTable red, LookupTable green, LookupTable blue) {

  public static PaletteColorLut of(Dataset ds, boolean signed) throws CorruptPixelDataException {
    return new PaletteColorLut(
        channel(ds, Tag.RedPaletteColorLookupTableDescriptor, Tag.RedPaletteColorLookupTableData, Tag.SegmentedRedPaletteColorLookupTableData, signed, "red"),
        channel(ds, Tag.GreenPaletteColorLookupTableDescriptor, Tag.GreenPaletteColorLookupTableData, Tag.SegmentedGreenPaletteColorLookupTableData, signed, "green"),
        channel(ds, Tag.BluePaletteColorLookupTableDescriptor, Tag.BluePaletteColorLookupTableData, Tag.SegmentedBluePaletteColorLookupTableData, signed, "blue"));
  }

  /** The 8-bit red, green and blue of a stored value, as 0xRRGGBB. */
  public int rgb(int stored) {
    return (to8(red, stored) << 16) | (to8(green, stored) << 8) | to8(blue, stored);
  }

  private static int to8(LookupTable t, int v) {
    int e = t.lookup(v);
    return t.bits() <= 8 ? e & 0xFF : (e >>> (t.bits() - 8)) & 0xFF;
  }

  private static LookupTable channel(Dataset ds, int descTag, int dataTag, int segTag, boolean signed, String colour) throws CorruptPixelDataException {
    String name = colour + " Palette Color Lookup Table";
    if (ds.contains(dataTag)) return LookupTable.read(ds, descTag, dataTag, signed, name);
    if (!ds.contains(segTag)) throw new CorruptPixelDataException("PALETTE COLOR image without " + name + " Data");
    int[] desc = ds.getInts(descTag);
    if (desc.length < 3) throw new CorruptPixelDataException(name + " descriptor has " + desc.length + " values, not 3");
    int n = desc[0] == 0 ? 65536 : desc[0] & 0xFFFF;
    int first = desc[1] & 0xFFFF;
    if (signed && first > 32767) first -= 65536;
    int bits = desc[2] == 8 ? 8 : 16;
    byte[] raw = ds.getBytes(segTag).orElseThrow();
    int[] words = LookupTable.entries(raw, raw.length / 2, 16, ds.isBigEndian(), name);
    List<Integer> out = new ArrayList<>(n);
    expand(words, 0, words.length, out, n, 0, name);
    if (out.size() < n) throw new CorruptPixelDataException("segmented " + name + " expands to " + out.size() + " of " + n + " entries");
    int[] e = new int[n];
    for (int i = 0; i < n; i++) e[i] = out.get(i);
    return new LookupTable(first, bits, e);
  }

  /** Expands segments from words[from, to) into out, at most max entries (C.7.9.2). */
  private static void expand(int[] w, int from, int to, List<Integer> out, int max, int depth, String name) throws CorruptPixelDataException {
    if (depth > 2) throw new CorruptPixelDataException("segmented " + name + " has nested indirect segments");
    int i = from;
    while (i + 1 < to && out.size() < max) {
      int op = w[i];
      int len = w[i + 1];
      switch (op) {
        case 0 -> { // discrete: len values follow
          if (i + 2 + len > to) throw new CorruptPixelDataException("segmented " + name + ": discrete segment overruns the data");
          for (int k = 0; k < len && out.size() < max; k++) out.add(w[i + 2 + k]);
          i += 2 + len;
        }
        case 1 -> { // linear: from the last value to y1 in len steps
          if (out.isEmpty()) throw new CorruptPixelDataException("segmented " + name + " starts with a linear segment");
          if (i + 2 >= to) throw new CorruptPixelDataException("segmented " + name + ": linear segment overruns the data");
          int y0 = out.get(out.size() - 1);
          int y1 = w[i + 2];
          for (int k = 1; k <= len && out.size() < max; k++) out.add((int) Math.round(y0 + (y1 - y0) * (double) k / len));
          i += 3;
        }
        case 2 -> { // indirect: len segments copied from an offset, counted in words as pydicom counts it
          if (i + 3 >= to) throw new CorruptPixelDataException("segmented " + name + ": indirect segment overruns the data");
          int offset = w[i + 2] | (w[i + 3] << 16);
          if (offset < 0 || offset >= to) throw new CorruptPixelDataException("segmented " + name + ": indirect offset " + offset + " is outside the data");
          expandCount(w, offset, to, out, max, len, depth + 1, name);
          i += 4;
        }
        default -> throw new CorruptPixelDataException("segmented " + name + ": unknown segment type " + op);
      }
    }
  }

  private static void expandCount(int[] w, int from, int to, List<Integer> out, int max, int count, int depth, String name) throws CorruptPixelDataException {
    int i = from;
    for (int s = 0; s < count && i + 1 < to; s++) {
      int op = w[i];
      int len = w[i + 1];
      int end = op == 0 ? i + 2 + len : op == 1 ? i + 3 : i + 4;
      expand(w, i, Math.min(end, to), out, max, depth, name);
      i = end;
    }
  }
}
