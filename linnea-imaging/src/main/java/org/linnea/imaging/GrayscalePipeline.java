package org.linnea.imaging;

import org.linnea.imaging.lut.ModalityLut;
import org.linnea.imaging.lut.Voi;
import org.linnea.imaging.lut.VoiLutFunction;
import org.linnea.imaging.pixel.DecodedFrame;
import org.linnea.imaging.pixel.ImageDescription;

/**
 * The grayscale pipeline of PS3.4 N.2.1 and PS3.3 C.11: stored value, Modality LUT, VOI LUT,
 * Presentation LUT (MONOCHROME1 and Presentation LUT Shape INVERSE invert), 8-bit output.
 *
 * <p>With at most 16 bits stored the whole pipeline is first folded into one table of 2^bits
 * bytes indexed by stored value, so each pixel costs one lookup; deeper data (32-bit dose grids)
 * goes through the stages pixel by pixel.
 */
final class GrayscalePipeline {
  private GrayscalePipeline() {}

  /** Writes the 8-bit output of every pixel of {@code f} into {@code out}. */
  static void render(DecodedFrame f, ImageDescription d, ModalityLut modality, Voi voi, boolean invert, byte[] out) {
    int[] v = f.values();
    boolean unsigned32 = d.bitsStored() == 32 && !d.signed();
    if (d.bitsStored() <= 16) {
      int min = d.minStoredValue();
      int size = 1 << d.bitsStored();
      byte[] table = new byte[size];
      for (int i = 0; i < size; i++) table[i] = output(min + i, modality, voi, invert);
      for (int i = 0; i < v.length; i++) out[i] = table[v[i] - min];
    } else {
      for (int i = 0; i < v.length; i++) out[i] = output(unsigned32 ? Integer.toUnsignedLong(v[i]) : v[i], modality, voi, invert);
    }
  }

  private static byte output(double stored, ModalityLut modality, Voi voi, boolean invert) {
    long y = Math.round(voi.apply(modality.apply(stored)));
    int b = (int) Math.max(0, Math.min(255, y));
    return (byte) (invert ? 255 - b : b);
  }

  /**
   * The window that shows the frame's whole range of modality values: LINEAR_EXACT from the
   * smallest to the largest, so that they map to 0 and 255.
   */
  static Voi.Window minMaxWindow(DecodedFrame f, ImageDescription d, ModalityLut modality) {
    int[] v = f.values();
    boolean unsigned32 = d.bitsStored() == 32 && !d.signed();
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    if (modality instanceof ModalityLut.Rescale) {
      // Linear: the extremes of the stored values give the extremes of the output.
      long smin = Long.MAX_VALUE;
      long smax = Long.MIN_VALUE;
      for (int x : v) {
        long s = unsigned32 ? Integer.toUnsignedLong(x) : x;
        if (s < smin) smin = s;
        if (s > smax) smax = s;
      }
      double a = modality.apply(smin);
      double b = modality.apply(smax);
      lo = Math.min(a, b);
      hi = Math.max(a, b);
    } else {
      for (int x : v) {
        double m = modality.apply(unsigned32 ? Integer.toUnsignedLong(x) : x);
        if (m < lo) lo = m;
        if (m > hi) hi = m;
      }
    }
    double width = hi - lo;
    if (width <= 0) return new Voi.Window(lo, 1, VoiLutFunction.LINEAR_EXACT);
    return new Voi.Window((lo + hi) / 2, width, VoiLutFunction.LINEAR_EXACT);
  }
}
