package org.linnea.imaging.codec;

import org.linnea.imaging.CorruptPixelDataException;
import org.linnea.imaging.pixel.DecodedFrame;
import org.linnea.imaging.pixel.ImageDescription;

/**
 * RLE Lossless (PS3.5 Annex G). A frame is a 64-byte header (the number of segments, then up
 * to fifteen segment offsets, little endian) followed by the segments, each a PackBits-style
 * byte stream: a header byte n of 0..127 copies the next n + 1 bytes literally, -1..-127
 * repeats the next byte 1 - n times, and -128 does nothing. There is one segment per byte of
 * each sample, most significant byte first: for 16-bit RGB, R-high, R-low, G-high, ... (G.2).
 * Segments decode to Rows × Columns bytes; a segment that ends early is corrupt, one that
 * decodes to more (a common encoder habit of padding to even length) is cut.
 */
public final class RleDecoder implements FrameDecoder {

  @Override
  public DecodedFrame decode(byte[] data, ImageDescription d) throws CorruptPixelDataException {
    if (data.length < 64) throw new CorruptPixelDataException("RLE frame of " + data.length + " bytes is shorter than its 64-byte header");
    int bytesPer = d.bitsAllocated() == 1 ? 1 : d.bitsAllocated() / 8;
    int spp = d.samplesPerPixel();
    int segments = le32(data, 0);
    int expected = spp * bytesPer;
    if (segments != expected) {
      throw new CorruptPixelDataException("RLE header has " + segments + " segments; " + spp + " samples of " + d.bitsAllocated()
          + " bits need " + expected);
    }
    int pixels = d.pixelsPerFrame();
    if (d.bitsAllocated() == 1) pixels = (pixels + 7) / 8;
    int[] offsets = new int[segments + 1];
    for (int s = 0; s < segments; s++) {
      offsets[s] = le32(data, 4 + 4 * s);
      if (offsets[s] < 64 || offsets[s] > data.length || (s > 0 && offsets[s] < offsets[s - 1])) {
        throw new CorruptPixelDataException("RLE segment " + s + " offset " + Integer.toUnsignedString(offsets[s]) + " is outside the frame's "
            + data.length + " bytes");
      }
    }
    offsets[segments] = data.length;
    int[] out = new int[d.pixelsPerFrame() * spp];
    byte[] seg = new byte[pixels];
    for (int s = 0; s < segments; s++) {
      decodeSegment(data, offsets[s], offsets[s + 1], seg, s);
      int sample = s / bytesPer;
      int shift = 8 * (bytesPer - 1 - s % bytesPer);
      if (d.bitsAllocated() == 1) {
        for (int p = 0; p < d.pixelsPerFrame(); p++) out[p] = (seg[p >>> 3] >>> (p & 7)) & 1;
      } else {
        for (int p = 0, o = sample; p < pixels; p++, o += spp) out[o] |= (seg[p] & 0xFF) << shift;
      }
    }
    if (d.bitsAllocated() > 1) {
      for (int i = 0; i < out.length; i++) out[i] = d.storedValue(out[i]);
    }
    return new DecodedFrame(d.columns(), d.rows(), spp, d.photometricInterpretation(), out);
  }

  private static void decodeSegment(byte[] in, int from, int to, byte[] out, int segment) throws CorruptPixelDataException {
    int i = from;
    int o = 0;
    int n = out.length;
    while (o < n) {
      if (i >= to) {
        throw new CorruptPixelDataException("RLE segment " + segment + " ends after " + o + " of " + n + " bytes");
      }
      int h = in[i++];
      if (h >= 0) {
        int len = h + 1;
        if (i + len > to) {
          throw new CorruptPixelDataException("RLE segment " + segment + " literal run of " + len + " bytes overruns the segment");
        }
        int c = Math.min(len, n - o);
        System.arraycopy(in, i, out, o, c);
        o += c;
        i += len;
      } else if (h != -128) {
        if (i >= to) throw new CorruptPixelDataException("RLE segment " + segment + " ends inside a replicate run");
        int len = 1 - h;
        byte v = in[i++];
        int end = Math.min(n, o + len);
        while (o < end) out[o++] = v;
      }
    }
  }

  private static int le32(byte[] b, int o) {
    return (b[o] & 0xFF) | ((b[o + 1] & 0xFF) << 8) | ((b[o + 2] & 0xFF) << 16) | (b[o + 3] << 24);
  }
}
