package org.linnea.dicom.data;

import org.linnea.dicom.VR;

/** Byte-level operations on encoded values. */
public final class Values {
  private Values() {}

  /** A copy of {@code b} with each unit of the VR's size reversed (little to big endian and back). */
  public static byte[] swap(byte[] b, VR vr) {
    byte[] out = b.clone();
    swapInPlace(out, 0, out.length, vr.unitSize());
    return out;
  }

  /** Reverses each {@code unit}-byte group of {@code b[off, off+len)} in place; a trailing partial unit is left alone. */
  public static void swapInPlace(byte[] b, int off, int len, int unit) {
    if (unit <= 1) return;
    int end = off + len - len % unit;
    for (int i = off; i < end; i += unit) {
      for (int a = i, z = i + unit - 1; a < z; a++, z--) {
        byte t = b[a];
        b[a] = b[z];
        b[z] = t;
      }
    }
  }
}
