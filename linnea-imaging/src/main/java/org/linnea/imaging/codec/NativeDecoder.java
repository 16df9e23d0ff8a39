package org.linnea.imaging.codec;

import org.linnea.imaging.CorruptPixelDataException;
import org.linnea.imaging.pixel.DecodedFrame;
import org.linnea.imaging.pixel.ImageDescription;
import org.linnea.imaging.pixel.PhotometricInterpretation;
import org.linnea.imaging.pixel.PixelData;

/**
 * Native (uncompressed) pixel data, PS3.5 8.1 and 8.2: Bits Allocated 1, 8, 16 and 32 in
 * either byte order, stored values taken from High Bit down (so 12 bits stored in 16 allocated,
 * with or without overlay bits above them, come out as their 12-bit values), colour-by-pixel and
 * colour-by-plane, and the two-samples-per-pixel YBR_FULL_422 / YBR_PARTIAL_422 layout (Y1 Y2 Cb
 * Cr), upsampled here to three samples per pixel by repeating each chrominance pair.
 */
public final class NativeDecoder {
  private NativeDecoder() {}

  public static DecodedFrame decode(PixelData.NativeFrame frame, ImageDescription d) throws CorruptPixelDataException {
    int w = d.columns();
    int h = d.rows();
    int spp = d.samplesPerPixel();
    int n = w * h;
    byte[] b = frame.bytes();
    boolean be = frame.bigEndian();
    int[] out = new int[n * spp];
    PhotometricInterpretation pi = d.photometricInterpretation();
    if (d.bitsAllocated() == 1) {
      // Bits are packed little-endian within each byte (PS3.5 8.1.1, and Annex D for examples).
      long bit = frame.bitOffset();
      for (int i = 0; i < out.length; i++, bit++) {
        out[i] = (b[(int) (bit >>> 3)] >>> (bit & 7)) & 1;
      }
      return new DecodedFrame(w, h, spp, pi, out);
    }
    int bytesPer = d.bitsAllocated() / 8;
    if (spp == 3 && pi.isSubsampledHorizontally()) {
      // Y1 Y2 Cb Cr for each pair of pixels in a row.
      if ((w & 1) != 0) throw new CorruptPixelDataException(pi.term() + " needs an even number of Columns, not " + w);
      int v = 0;
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x += 2) {
          int y1 = d.storedValue(sample(b, v++, bytesPer, be));
          int y2 = d.storedValue(sample(b, v++, bytesPer, be));
          int cb = d.storedValue(sample(b, v++, bytesPer, be));
          int cr = d.storedValue(sample(b, v++, bytesPer, be));
          int o = (y * w + x) * 3;
          out[o] = y1;
          out[o + 1] = cb;
          out[o + 2] = cr;
          if (x + 1 < w) {
            out[o + 3] = y2;
            out[o + 4] = cb;
            out[o + 5] = cr;
          }
        }
      }
      PhotometricInterpretation full = pi == PhotometricInterpretation.YBR_FULL_422 ? PhotometricInterpretation.YBR_FULL : pi;
      return new DecodedFrame(w, h, 3, full, out);
    }
    if (spp == 1 || d.planarConfiguration() == 0) {
      if (bytesPer == 1 && d.bitsStored() == 8 && !d.signed()) {
        for (int i = 0; i < out.length; i++) out[i] = b[i] & 0xFF;
      } else {
        for (int i = 0; i < out.length; i++) out[i] = d.storedValue(sample(b, i, bytesPer, be));
      }
    } else {
      // Colour-by-plane: all first samples, then all second, then all third.
      for (int s = 0; s < spp; s++) {
        for (int p = 0; p < n; p++) {
          out[p * spp + s] = d.storedValue(sample(b, s * n + p, bytesPer, be));
        }
      }
    }
    return new DecodedFrame(w, h, spp, pi, out);
  }

  private static int sample(byte[] b, int index, int bytesPer, boolean be) {
    int o = index * bytesPer;
    return switch (bytesPer) {
      case 1 -> b[o] & 0xFF;
      case 2 -> be ? ((b[o] & 0xFF) << 8) | (b[o + 1] & 0xFF) : (b[o] & 0xFF) | ((b[o + 1] & 0xFF) << 8);
      default -> be
          ? (b[o] << 24) | ((b[o + 1] & 0xFF) << 16) | ((b[o + 2] & 0xFF) << 8) | (b[o + 3] & 0xFF)
          : (b[o] & 0xFF) | ((b[o + 1] & 0xFF) << 8) | ((b[o + 2] & 0xFF) << 16) | (b[o + 3] << 24);
    };
  }
}
