package org.linnea.imaging;

import org.linnea.imaging.lut.PaletteColorLut;
import org.linnea.imaging.pixel.DecodedFrame;
import org.linnea.imaging.pixel.ImageDescription;
import org.linnea.imaging.pixel.PhotometricInterpretation;

/**
 * The colour pipeline (PS3.4 N.2.2, without ICC profiles): RGB as it is, YBR_FULL and
 * YBR_PARTIAL converted to RGB with the equations of PS3.3 C.7.6.3.1.2, PALETTE COLOR through
 * its lookup tables; samples deeper than 8 bits are reduced to their 8 most significant bits.
 *
 * <p>YBR_FULL uses libjpeg's fixed-point arithmetic ({@code jdcolor.c}), so that JPEG images
 * come out exactly as DCMTK and libjpeg-based viewers show them.
 */
final class ColourPipeline {
  private static final int SCALE = 16;
  private static final int HALF = 1 << (SCALE - 1);

  private ColourPipeline() {}

  /** Writes blue, green, red bytes per pixel (TYPE_3BYTE_BGR order) into {@code out}. */
  static void render(DecodedFrame f, ImageDescription d, PaletteColorLut palette, byte[] out) throws ImagingException {
    int[] v = f.values();
    int n = f.width() * f.height();
    PhotometricInterpretation pi = f.photometricInterpretation();
    int bits = d.bitsStored();
    int shift = Math.max(0, bits - 8);
    switch (pi) {
      case PALETTE_COLOR -> {
        if (f.samples() != 1) throw new ImagingException("PALETTE COLOR needs one sample per pixel, not " + f.samples());
        for (int p = 0, o = 0; p < n; p++) {
          int rgb = palette.rgb(v[p]);
          out[o++] = (byte) rgb;
          out[o++] = (byte) (rgb >> 8);
          out[o++] = (byte) (rgb >> 16);
        }
      }
      case RGB, YBR_FULL, YBR_FULL_422, YBR_PARTIAL_422, YBR_PARTIAL_420 -> {
        int[] rgb = pi == PhotometricInterpretation.RGB ? v : toRgb(v, n, pi, bits);
        for (int p = 0, i = 0, o = 0; p < n; p++, i += 3) {
          out[o++] = (byte) (rgb[i + 2] >>> shift);
          out[o++] = (byte) (rgb[i + 1] >>> shift);
          out[o++] = (byte) (rgb[i] >>> shift);
        }
      }
      default -> throw new ImagingException("no colour conversion from " + pi.term());
    }
  }

  /**
   * Full-resolution YBR values ({@code n} pixels, three samples each) converted to RGB of the
   * same bit depth: YBR_FULL (and YBR_FULL_422, upsampled) with libjpeg's fixed-point equations
   * ({@code jdcolor.c}, as DCMTK's dcmdjpeg converts), YBR_PARTIAL with the partial-range
   * equations of PS3.3 C.7.6.3.1.2. A new array; {@code v} is not changed.
   */
  static int[] toRgb(int[] v, int n, PhotometricInterpretation pi, int bits) {
    int[] rgb = new int[n * 3];
    int max = bits >= 31 ? Integer.MAX_VALUE : (1 << bits) - 1;
    if (pi == PhotometricInterpretation.YBR_FULL || pi == PhotometricInterpretation.YBR_FULL_422) {
      int center = 1 << (bits - 1);
      long crR = fix(1.40200);
      long cbB = fix(1.77200);
      long crG = -fix(0.71414);
      long cbG = -fix(0.34414);
      for (int i = 0; i < 3 * n; i += 3) {
        int y = v[i];
        long cb = v[i + 1] - center;
        long cr = v[i + 2] - center;
        rgb[i] = clamp(y + (int) ((crR * cr + HALF) >> SCALE), max);
        rgb[i + 1] = clamp(y + (int) ((cbG * cb + HALF + crG * cr) >> SCALE), max);
        rgb[i + 2] = clamp(y + (int) ((cbB * cb + HALF) >> SCALE), max);
      }
      return rgb;
    }
    double k = 1 << Math.max(0, bits - 8);
    for (int i = 0; i < 3 * n; i += 3) {
      double y = 1.1644 * (v[i] - 16 * k);
      double cb = v[i + 1] - 128 * k;
      double cr = v[i + 2] - 128 * k;
      rgb[i] = clamp((int) Math.round(y + 1.5960 * cr), max);
      rgb[i + 1] = clamp((int) Math.round(y - 0.3917 * cb - 0.8130 * cr), max);
      rgb[i + 2] = clamp((int) Math.round(y + 2.0173 * cb), max);
    }
    return rgb;
  }

  private static long fix(double x) {
    return (long) (x * (1L << SCALE) + 0.5);
  }

  private static int clamp(int v, int max) {
    return v < 0 ? 0 : Math.min(v, max);
  }
}
