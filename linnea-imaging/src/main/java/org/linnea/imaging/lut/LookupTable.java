package org.linnea.imaging.lut;

import org.linnea.dicom.data.Dataset;
import org.linnea.imaging.CorruptPixelDataException;

/**
 * A lookup table as PS3.3 C.11.1.1.1 describes it: a descriptor of three values (number of
 * entries, 0 meaning 65536; the first stored value mapped; bits per entry, 8 or 16) and the
 * entries. Input below the first mapped value takes the first entry, above the last the last.
 *
 * <p>Entries of 8 bits come either two to a 16-bit word (the data is as long as the number of
 * entries) or one per word (twice as long): the data length tells which, as DCMTK and dcm4che
 * tell it.
 */
public record LookupTable(int firstMapped, int bits, int[] entries) {

  public LookupTable {
    if (entries.length == 0) throw new IllegalArgumentException("empty lookup table");
  }

  /** The entry for an input value. */
  public int lookup(long x) {
    long i = x - firstMapped;
    if (i <= 0) return entries[0];
    if (i >= entries.length) return entries[entries.length - 1];
    return entries[(int) i];
  }

  /** The largest value an entry can hold: 2^bits - 1. */
  public int maxEntry() {
    return (1 << bits) - 1;
  }

  /**
   * Reads a table from a descriptor and data attribute of {@code item}. {@code signedInput} is
   * whether the first mapped value is signed (Pixel Representation 1 for modality and VOI LUTs).
   */
  public static LookupTable read(Dataset item, int descriptorTag, int dataTag, boolean signedInput, String name) throws CorruptPixelDataException {
    int[] desc = item.getInts(descriptorTag);
    if (desc.length < 3) throw new CorruptPixelDataException(name + " descriptor has " + desc.length + " values, not 3");
    int n = desc[0] == 0 ? 65536 : desc[0] & 0xFFFF;
    int first = desc[1] & 0xFFFF;
    if (signedInput && first > 32767) first -= 65536;
    int bits = desc[2];
    if (bits < 1 || bits > 16) throw new CorruptPixelDataException(name + " descriptor gives " + bits + " bits per entry");
    byte[] data = item.getBytes(dataTag).orElseThrow(() -> new CorruptPixelDataException(name + " has a descriptor but no data"));
    return new LookupTable(first, bits, entries(data, n, bits, item.isBigEndian(), name));
  }

  static int[] entries(byte[] data, int n, int bits, boolean bigEndian, String name) throws CorruptPixelDataException {
    int[] e = new int[n];
    if (bits <= 8 && data.length == n || bits <= 8 && data.length == n + 1 && (n & 1) == 1) {
      // two 8-bit entries per 16-bit word, in the word's byte order (little endian: low byte first)
      for (int i = 0; i < n; i++) e[i] = data[bigEndian ? i ^ 1 : i] & 0xFF;
      return e;
    }
    if (data.length < 2L * n) {
      throw new CorruptPixelDataException(name + " has " + data.length + " bytes of data for " + n + " entries of " + bits + " bits");
    }
    for (int i = 0; i < n; i++) {
      int o = 2 * i;
      int v = bigEndian ? ((data[o] & 0xFF) << 8) | (data[o + 1] & 0xFF) : (data[o] & 0xFF) | ((data[o + 1] & 0xFF) << 8);
      e[i] = bits <= 8 ? v & 0xFF : v;
    }
    return e;
  }
}
