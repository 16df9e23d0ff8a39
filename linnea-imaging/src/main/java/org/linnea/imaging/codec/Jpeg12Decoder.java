package org.linnea.imaging.codec;

import org.linnea.imaging.CorruptPixelDataException;
import org.linnea.imaging.ImagingException;
import org.linnea.imaging.UnsupportedTransferSyntaxException;
import org.linnea.imaging.pixel.DecodedFrame;
import org.linnea.imaging.pixel.ImageDescription;
import org.linnea.imaging.pixel.PhotometricInterpretation;

/**
 * Sequential Huffman DCT JPEG with 12-bit samples (ITU-T T.81 processes 2 and 4, DICOM's JPEG
 * Extended transfer syntax), which neither the JDK's libjpeg nor TwelveMonkeys reads. Written
 * here after T.81 Annex F; the inverse DCT is libjpeg's accurate integer one ({@code
 * jidctint.c}, 13 constant bits, 1 pass bit at 12-bit precision), so the output is the same as
 * DCMTK's, which uses libjpeg too. Also reads 8-bit sequential data, used only in tests.
 *
 * <p>Not done: progressive and arithmetic-coded 12-bit frames (rare in DICOM); chroma upsampling
 * is by replication, not libjpeg's "fancy" triangle filter (12-bit colour is rarer still).
 */
final class Jpeg12Decoder {
  private static final int[] ZIGZAG = {
    0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5, 12, 19, 26, 33, 40, 48, 41, 34, 27, 20, 13, 6, 7, 14, 21,
    28, 35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51, 58, 59, 52, 45, 38, 31, 39, 46, 53, 60, 61,
    54, 47, 55, 62, 63};

  DecodedFrame decode(byte[] data, JpegHeader header, ImageDescription d, PhotometricInterpretation pi) throws ImagingException {
    if (header.sofMarker() != 0xC0 && header.sofMarker() != 0xC1) {
      throw new UnsupportedTransferSyntaxException(null, String.format(
          "JPEG frame type SOF%d with %d-bit samples is not supported (only sequential Huffman DCT, SOF0 and SOF1)",
          header.sofMarker() - 0xC0, header.precision()));
    }
    try {
      return new State(data, d, pi).run();
    } catch (ArrayIndexOutOfBoundsException e) {
      throw new CorruptPixelDataException("12-bit JPEG data is malformed: " + e.getMessage(), e);
    }
  }

  /** One decoding: the stream position, tables and component planes. */
  private static final class State {
    final byte[] b;
    final ImageDescription d;
    final PhotometricInterpretation pi;
    int pos;
    final int[][] quant = new int[4][];
    final Huffman[] dc = new Huffman[4];
    final Huffman[] ac = new Huffman[4];
    int restartInterval;
    int precision;
    int width;
    int height;
    int[] ids;
    int[] h;
    int[] v;
    int[] tq;
    int hmax;
    int vmax;
    int mcusX;
    int mcusY;
    int[][] planes;
    int[] planeStride;
    // bit reader
    int bitBuf;
    int bitCount;
    boolean hitMarker;
    boolean ranOut;

    State(byte[] b, ImageDescription d, PhotometricInterpretation pi) {
      this.b = b;
      this.d = d;
      this.pi = pi;
    }

    DecodedFrame run() throws ImagingException {
      pos = 2;
      boolean frameSeen = false;
      while (true) {
        int m = nextMarker();
        switch (m) {
          case 0xD9 -> {
            if (!frameSeen || planes == null) throw new CorruptPixelDataException("JPEG data ends without a scan");
            return output();
          }
          case 0xC0, 0xC1 -> {
            readFrame();
            frameSeen = true;
          }
          case 0xC4 -> readHuffman();
          case 0xDB -> readQuant();
          case 0xDD -> {
            segmentLength();
            restartInterval = u16(pos);
            pos += 2;
          }
          case 0xDA -> {
            if (!frameSeen) throw new CorruptPixelDataException("JPEG scan before its frame header");
            readScan();
          }
          case -1 -> {
            if (planes == null) throw new CorruptPixelDataException("JPEG data ends without a scan");
            return output(); // missing EOI: be lenient, as libjpeg is
          }
          default -> pos += segmentLength();
        }
      }
    }

    private int nextMarker() {
      while (pos + 1 < b.length) {
        if ((b[pos] & 0xFF) == 0xFF && (b[pos + 1] & 0xFF) != 0xFF && (b[pos + 1] & 0xFF) != 0) {
          int m = b[pos + 1] & 0xFF;
          pos += 2;
          return m;
        }
        pos++;
      }
      return -1;
    }

    private int segmentLength() throws CorruptPixelDataException {
      int len = u16(pos);
      if (len < 2 || pos + len > b.length) throw new CorruptPixelDataException("JPEG segment at byte " + pos + " overruns the data");
      return len;
    }

    private int u16(int p) throws CorruptPixelDataException {
      if (p + 1 >= b.length) throw new CorruptPixelDataException("JPEG data truncated at byte " + p);
      return ((b[p] & 0xFF) << 8) | (b[p + 1] & 0xFF);
    }

    private void readQuant() throws CorruptPixelDataException {
      int end = pos + segmentLength();
      pos += 2;
      while (pos < end) {
        int pq = (b[pos] & 0xFF) >> 4;
        int id = b[pos++] & 3;
        int[] q = new int[64];
        for (int k = 0; k < 64; k++) {
          q[ZIGZAG[k]] = pq == 0 ? b[pos++] & 0xFF : u16((pos += 2) - 2);
        }
        quant[id] = q;
      }
      pos = end;
    }

    private void readHuffman() throws CorruptPixelDataException {
      int end = pos + segmentLength();
      pos += 2;
      while (pos < end) {
        int tc = (b[pos] & 0xFF) >> 4;
        int id = b[pos++] & 3;
        int[] counts = new int[17];
        int total = 0;
        for (int i = 1; i <= 16; i++) total += counts[i] = b[pos++] & 0xFF;
        if (total > 256 || pos + total > end) throw new CorruptPixelDataException("JPEG Huffman table overruns its segment");
        int[] values = new int[total];
        for (int i = 0; i < total; i++) values[i] = b[pos++] & 0xFF;
        (tc == 0 ? dc : ac)[id] = new Huffman(counts, values);
      }
      pos = end;
    }

    private void readFrame() throws CorruptPixelDataException {
      int end = pos + segmentLength();
      precision = b[pos + 2] & 0xFF;
      height = u16(pos + 3);
      width = u16(pos + 5);
      int n = b[pos + 7] & 0xFF;
      if (precision != 8 && precision != 12) throw new CorruptPixelDataException("JPEG DCT precision " + precision + " (8 or 12 expected)");
      if (width != d.columns() || height != d.rows() || n != d.samplesPerPixel()) {
        throw new CorruptPixelDataException("JPEG frame " + width + " × " + height + " × " + n + " does not match the dataset");
      }
      ids = new int[n];
      h = new int[n];
      v = new int[n];
      tq = new int[n];
      for (int c = 0; c < n; c++) {
        int p = pos + 8 + 3 * c;
        ids[c] = b[p] & 0xFF;
        h[c] = Math.max(1, (b[p + 1] & 0xFF) >> 4);
        v[c] = Math.max(1, b[p + 1] & 0x0F);
        tq[c] = b[p + 2] & 3;
        hmax = Math.max(hmax, h[c]);
        vmax = Math.max(vmax, v[c]);
      }
      mcusX = (width + 8 * hmax - 1) / (8 * hmax);
      mcusY = (height + 8 * vmax - 1) / (8 * vmax);
      planes = new int[n][];
      planeStride = new int[n];
      for (int c = 0; c < n; c++) {
        planeStride[c] = mcusX * h[c] * 8;
        planes[c] = new int[planeStride[c] * mcusY * v[c] * 8];
      }
      pos = end;
    }

    private void readScan() throws ImagingException {
      int end = pos + segmentLength();
      int ns = b[pos + 2] & 0xFF;
      int[] comps = new int[ns];
      for (int i = 0; i < ns; i++) {
        int id = b[pos + 3 + 2 * i] & 0xFF;
        int c = 0;
        while (c < ids.length && ids[c] != id) c++;
        if (c == ids.length) throw new CorruptPixelDataException("JPEG scan names unknown component " + id);
        int tables = b[pos + 4 + 2 * i] & 0xFF;
        if (dc[tables >> 4] == null || ac[tables & 3] == null || quant[tq[c]] == null) {
          throw new CorruptPixelDataException("JPEG scan uses a Huffman or quantization table that was not defined");
        }
        comps[i] = c;
        comps[i] |= (tables << 8);
      }
      pos = end;
      bitBuf = 0;
      bitCount = 0;
      hitMarker = false;
      int[] pred = new int[ids.length];
      int[] coef = new int[64];
      int[] ws = new int[64];
      int units;
      int unitsX;
      if (ns == 1) {
        int c = comps[0] & 0xFF;
        int cw = (width * h[c] + hmax - 1) / hmax;
        int ch = (height * v[c] + vmax - 1) / vmax;
        unitsX = (cw + 7) / 8;
        units = unitsX * ((ch + 7) / 8);
      } else {
        unitsX = mcusX;
        units = mcusX * mcusY;
      }
      int restarts = 0;
      for (int u = 0; u < units; u++) {
        if (restartInterval > 0 && u > 0 && u % restartInterval == 0) {
          restart(restarts++);
          java.util.Arrays.fill(pred, 0);
        }
        int ux = u % unitsX;
        int uy = u / unitsX;
        for (int cs : comps) {
          int c = cs & 0xFF;
          Huffman dct = dc[(cs >> 12) & 3];
          Huffman act = ac[(cs >> 8) & 3];
          int bh = ns == 1 ? 1 : h[c];
          int bv = ns == 1 ? 1 : v[c];
          for (int by = 0; by < bv; by++) {
            for (int bx = 0; bx < bh; bx++) {
              java.util.Arrays.fill(coef, 0);
              int t = dct.decode(this);
              pred[c] += t == 0 ? 0 : extend(bits(t), t);
              coef[0] = pred[c];
              for (int k = 1; k < 64; k++) {
                int rs = act.decode(this);
                int r = rs >> 4;
                int s = rs & 15;
                if (s != 0) {
                  k += r;
                  if (k > 63) throw new CorruptPixelDataException("JPEG block has more than 64 coefficients");
                  coef[ZIGZAG[k]] = extend(bits(s), s);
                } else if (r == 15) {
                  k += 15;
                } else {
                  break;
                }
              }
              int x0 = ((ns == 1 ? ux : ux * h[c] + bx)) * 8;
              int y0 = ((ns == 1 ? uy : uy * v[c] + by)) * 8;
              idct(coef, quant[tq[c]], ws, planes[c], y0 * planeStride[c] + x0, planeStride[c]);
            }
          }
        }
      }
      if (ranOut) throw new CorruptPixelDataException("JPEG scan data ends before its last block (truncated or damaged)");
      // Skip to the marker after the entropy-coded data.
      while (pos + 1 < b.length && !((b[pos] & 0xFF) == 0xFF && (b[pos + 1] & 0xFF) != 0 && ((b[pos + 1] & 0xFF) < 0xD0 || (b[pos + 1] & 0xFF) > 0xD7))) pos++;
    }

    private void restart(int n) throws CorruptPixelDataException {
      if (ranOut) throw new CorruptPixelDataException("JPEG restart interval " + n + " ends before its last block");
      bitBuf = 0;
      bitCount = 0;
      hitMarker = false;
      while (pos + 1 < b.length && !((b[pos] & 0xFF) == 0xFF && (b[pos + 1] & 0xFF) >= 0xD0 && (b[pos + 1] & 0xFF) <= 0xD7)) pos++;
      if (pos + 1 >= b.length) throw new CorruptPixelDataException("JPEG data ends before restart marker " + n);
      pos += 2;
    }

    int bit() {
      if (bitCount == 0) {
        int next = 0;
        if (hitMarker || pos >= b.length) ranOut = true;
        if (!hitMarker && pos < b.length) {
          next = b[pos] & 0xFF;
          if (next == 0xFF) {
            int after = pos + 1 < b.length ? b[pos + 1] & 0xFF : 0xD9;
            if (after == 0) {
              pos += 2;
            } else {
              hitMarker = true;
              next = 0;
            }
          } else {
            pos++;
          }
        }
        bitBuf = next;
        bitCount = 8;
      }
      bitCount--;
      return (bitBuf >> bitCount) & 1;
    }

    private int bits(int n) {
      int r = 0;
      for (int i = 0; i < n; i++) r = (r << 1) | bit();
      return r;
    }

    private static int extend(int v, int t) {
      return v < (1 << (t - 1)) ? v - (1 << t) + 1 : v;
    }

    private DecodedFrame output() {
      int n = ids.length;
      int[] out = new int[width * height * n];
      for (int c = 0; c < n; c++) {
        int[] p = planes[c];
        int stride = planeStride[c];
        int sx = hmax / h[c];
        int sy = vmax / v[c];
        for (int y = 0, o = c; y < height; y++) {
          int row = (y / sy) * stride;
          for (int x = 0; x < width; x++, o += n) out[o] = d.maskedValue(p[row + x / sx]);
        }
      }
      return new DecodedFrame(width, height, n, pi, out);
    }

    // libjpeg's jidctint.c (islow), for 12-bit samples: CONST_BITS 13, PASS1_BITS 1.
    private void idct(int[] in, int[] q, int[] ws, int[] out, int at, int stride) {
      final int constBits = 13;
      final int pass1 = precision == 8 ? 2 : 1;
      final int center = 1 << (precision - 1);
      final int max = (1 << precision) - 1;
      for (int col = 0; col < 8; col++) {
        int z2 = in[16 + col] * q[16 + col];
        int z3 = in[48 + col] * q[48 + col];
        int z1 = (z2 + z3) * 4433;
        int tmp2 = z1 + z3 * -15137;
        int tmp3 = z1 + z2 * 6270;
        z2 = in[col] * q[col];
        z3 = in[32 + col] * q[32 + col];
        int tmp0 = (z2 + z3) << constBits;
        int tmp1 = (z2 - z3) << constBits;
        int tmp10 = tmp0 + tmp3;
        int tmp13 = tmp0 - tmp3;
        int tmp11 = tmp1 + tmp2;
        int tmp12 = tmp1 - tmp2;
        tmp0 = in[56 + col] * q[56 + col];
        tmp1 = in[40 + col] * q[40 + col];
        tmp2 = in[24 + col] * q[24 + col];
        tmp3 = in[8 + col] * q[8 + col];
        int[] odd = odd(tmp0, tmp1, tmp2, tmp3);
        int s = constBits - pass1;
        ws[col] = descale(tmp10 + odd[3], s);
        ws[56 + col] = descale(tmp10 - odd[3], s);
        ws[8 + col] = descale(tmp11 + odd[2], s);
        ws[48 + col] = descale(tmp11 - odd[2], s);
        ws[16 + col] = descale(tmp12 + odd[1], s);
        ws[40 + col] = descale(tmp12 - odd[1], s);
        ws[24 + col] = descale(tmp13 + odd[0], s);
        ws[32 + col] = descale(tmp13 - odd[0], s);
      }
      for (int row = 0; row < 8; row++) {
        int r = row * 8;
        int z2 = ws[r + 2];
        int z3 = ws[r + 6];
        int z1 = (z2 + z3) * 4433;
        int tmp2 = z1 + z3 * -15137;
        int tmp3 = z1 + z2 * 6270;
        int tmp0 = (ws[r] + ws[r + 4]) << constBits;
        int tmp1 = (ws[r] - ws[r + 4]) << constBits;
        int tmp10 = tmp0 + tmp3;
        int tmp13 = tmp0 - tmp3;
        int tmp11 = tmp1 + tmp2;
        int tmp12 = tmp1 - tmp2;
        int[] odd = odd(ws[r + 7], ws[r + 5], ws[r + 3], ws[r + 1]);
        int s = constBits + pass1 + 3;
        int o = at + row * stride;
        out[o] = clamp(descale(tmp10 + odd[3], s) + center, max);
        out[o + 7] = clamp(descale(tmp10 - odd[3], s) + center, max);
        out[o + 1] = clamp(descale(tmp11 + odd[2], s) + center, max);
        out[o + 6] = clamp(descale(tmp11 - odd[2], s) + center, max);
        out[o + 2] = clamp(descale(tmp12 + odd[1], s) + center, max);
        out[o + 5] = clamp(descale(tmp12 - odd[1], s) + center, max);
        out[o + 3] = clamp(descale(tmp13 + odd[0], s) + center, max);
        out[o + 4] = clamp(descale(tmp13 - odd[0], s) + center, max);
      }
    }

    private final int[] oddOut = new int[4];

    private int[] odd(int tmp0, int tmp1, int tmp2, int tmp3) {
      int z1 = tmp0 + tmp3;
      int z2 = tmp1 + tmp2;
      int z3 = tmp0 + tmp2;
      int z4 = tmp1 + tmp3;
      int z5 = (z3 + z4) * 9633;
      tmp0 *= 2446;
      tmp1 *= 16819;
      tmp2 *= 25172;
      tmp3 *= 12299;
      z1 *= -7373;
      z2 *= -20995;
      z3 *= -16069;
      z4 *= -3196;
      z3 += z5;
      z4 += z5;
      oddOut[0] = tmp0 + z1 + z3;
      oddOut[1] = tmp1 + z2 + z4;
      oddOut[2] = tmp2 + z2 + z3;
      oddOut[3] = tmp3 + z1 + z4;
      return oddOut;
    }

    private static int descale(int x, int n) {
      return (x + (1 << (n - 1))) >> n;
    }

    private static int clamp(int v, int max) {
      return v < 0 ? 0 : Math.min(v, max);
    }
  }

  /** A Huffman table decoded bit by bit with the mincode/maxcode arrays of T.81 F.2.2.3. */
  private static final class Huffman {
    final int[] maxCode = new int[18];
    final int[] valPtr = new int[17];
    final int[] minCode = new int[17];
    final int[] values;

    Huffman(int[] counts, int[] values) {
      this.values = values;
      int code = 0;
      int k = 0;
      for (int l = 1; l <= 16; l++) {
        valPtr[l] = k;
        minCode[l] = code;
        code += counts[l];
        k += counts[l];
        maxCode[l] = counts[l] == 0 ? -1 : code - 1;
        code <<= 1;
      }
      maxCode[17] = Integer.MAX_VALUE;
    }

    int decode(State s) throws CorruptPixelDataException {
      int code = s.bit();
      for (int l = 1; l <= 16; l++) {
        if (maxCode[l] >= 0 && code <= maxCode[l]) {
          int i = valPtr[l] + code - minCode[l];
          if (i >= values.length) break;
          return values[i];
        }
        code = (code << 1) | s.bit();
      }
      throw new CorruptPixelDataException("JPEG data has an invalid Huffman code (corrupt or truncated)");
    }
  }
}
