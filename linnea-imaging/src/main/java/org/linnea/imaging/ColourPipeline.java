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
      case RGB -> {
        for (int p = 0, i = 0, o = 0; p < n; p++, i += 3) {
          out[o++] = (byte) (v[i + 2] >>> shift);
          out[o++] = (byte) (v[i + 1] >>> shift);
          out[o++] = (byte) (v[i] >>> shift);
        }
      }
      case YBR_FULL, YBR_FULL_422 -> {
        int max = bits >= 31 ? Integer.MAX_VALUE : (1 << bits) - 1;
        int center = 1 << (bits - 1);
        long crR = fix(1.40200);
        long cbB = fix(1.77200);
        long crG = -fix(0.71414);
        long cbG = -fix(0.34414);
        for (int p = 0, i = 0, o = 0; p < n; p++, i += 3) {
          int y = v[i];
          long cb = v[i + 1] - center;
          long cr = v[i + 2] - center;
          int r = clamp(y + (int) ((crR * cr + HALF) >> SCALE), max);
          int g = clamp(y + (int) ((cbG * cb + HALF + crG * cr) >> SCALE), max);
          int b = clamp(y + (int) ((cbB * cb + HALF) >> SCALE), max);
          out[o++] = (byte) (b >>> shift);
          out[o++] = (byte) (g >>> shift);
          out[o++] = (byte) (r >>> shift);
        }
      }
      case YBR_PARTIAL_422, YBR_PARTIAL_420 -> {
        int max = (1 << bits) - 1;
        double k = 1 << Math.max(0, bits - 8);
        for (int p = 0, i = 0, o = 0; p < n; p++, i += 3) {
          double y = 1.1644 * (v[i] - 16 * k);
          double cb = v[i + 1] - 128 * k;
          double cr = v[i + 2] - 128 * k;
          int r = clamp((int) Math.round(y + 1.5960 * cr), max);
          int g = clamp((int) Math.round(y - 0.3917 * cb - 0.8130 * cr), max);
          int b = clamp((int) Math.round(y + 2.0173 * cb), max);
          out[o++] = (byte) (b >>> shift);
          out[o++] = (byte) (g >>> shift);
          out[o++] = (byte) (r >>> shift);
        }
      }
      default -> throw new ImagingException("no colour conversion from " + pi.term());
    }
  }

  private static long fix(double x) {
    return (long) (x * (1L << SCALE) + 0.5);
  }

  private static int clamp(int v, int max) {
    return v < 0 ? 0 : Math.min(v, max);
  }
}
