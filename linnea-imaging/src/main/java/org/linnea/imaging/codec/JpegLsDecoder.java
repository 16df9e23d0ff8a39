package org.linnea.imaging.codec;

import org.linnea.imaging.CorruptPixelDataException;
import org.linnea.imaging.ImagingException;
import org.linnea.imaging.pixel.DecodedFrame;
import org.linnea.imaging.pixel.ImageDescription;

/**
 * JPEG-LS (ITU-T T.87 / ISO/IEC 14495-1), lossless and near-lossless, as DICOM uses it (PS3.5
 * A.4.3): 2 to 16 bits, one or three components, no interleave, line and sample interleave,
 * preset coding parameters (LSE type 1). Written here because no maintained pure-Java JPEG-LS
 * decoder is published on Maven Central; it follows the standard's decoding procedures (Annex
 * A) in the order CharLS implements them, which DCMTK's dcmjpls uses, and is checked against
 * dcmdjpls on every mode (see DcmtkCrossCheckTest).
 *
 * <p>Not supported, with a clear error: mapping tables (LSE types 2 and 3, palettised JPEG-LS),
 * restart markers, point transform, and the HP colour transforms (not used in DICOM).
 */
public final class JpegLsDecoder implements FrameDecoder {
  private static final int[] J = {0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 9, 10, 11, 12, 13, 14, 15};

  @Override
  public DecodedFrame decode(byte[] data, ImageDescription d) throws ImagingException {
    try {
      return new Decoding(data, d).run();
    } catch (ArrayIndexOutOfBoundsException e) {
      throw new CorruptPixelDataException("JPEG-LS data is malformed: " + e.getMessage(), e);
    }
  }

  private static final class Decoding {
    final byte[] b;
    final ImageDescription d;
    int pos;
    int precision;
    int width;
    int height;
    int components;
    int[] componentIds;
    int maxVal;
    int t1;
    int t2;
    int t3;
    int reset = 64;
    int[] out;
    // scan state
    int near;
    int range;
    int qbpp;
    int limit;
    int runIndex;
    final int[] ctxA = new int[365];
    final int[] ctxB = new int[365];
    final int[] ctxC = new int[365];
    final int[] ctxN = new int[365];
    final int[] runA = new int[2];
    final int[] runN = new int[2];
    final int[] runNn = new int[2];
    final int[] tripleA = new int[3];
    final int[] tripleB = new int[3];
    int st1;
    int st2;
    int st3;
    // bits
    int cur;
    int bits;
    boolean prevFF;
    boolean ranOut;

    Decoding(byte[] b, ImageDescription d) {
      this.b = b;
      this.d = d;
    }

    DecodedFrame run() throws ImagingException {
      if (b.length < 4 || (b[0] & 0xFF) != 0xFF || (b[1] & 0xFF) != 0xD8) {
        throw new CorruptPixelDataException("JPEG-LS frame does not start with an SOI marker (FFD8)");
      }
      pos = 2;
      int scans = 0;
      int componentsScanned = 0;
      while (true) {
        int m = nextMarker();
        if (m == 0xD9 || m < 0) {
          if (out == null || componentsScanned < components) throw new CorruptPixelDataException("JPEG-LS data ends before all components were decoded");
          return new DecodedFrame(width, height, components, d.photometricInterpretation(), out);
        }
        int len = u16(pos);
        if (len < 2 || pos + len > b.length) throw new CorruptPixelDataException("JPEG-LS segment FF" + Integer.toHexString(m) + " overruns the data");
        int p = pos + 2;
        switch (m) {
          case 0xF7 -> readFrame(p);
          case 0xF8 -> readPresets(p, len);
          case 0xDD -> {
            if (len >= 4 && u16(p) != 0) throw new CorruptPixelDataException("JPEG-LS restart intervals are not supported");
          }
          case 0xDA -> {
            if (out == null) throw new CorruptPixelDataException("JPEG-LS scan before its frame header (SOF55)");
            pos += len;
            componentsScanned += readScan(p);
            scans++;
            continue;
          }
          default -> {
            if (m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC) {
              throw new CorruptPixelDataException("not JPEG-LS: frame marker FF" + Integer.toHexString(m).toUpperCase());
            }
          }
        }
        pos += len;
      }
    }

    private int nextMarker() {
      while (pos + 1 < b.length) {
        if ((b[pos] & 0xFF) == 0xFF && (b[pos + 1] & 0xFF) >= 0x80 && (b[pos + 1] & 0xFF) != 0xFF) {
          int m = b[pos + 1] & 0xFF;
          pos += 2;
          return m;
        }
        pos++;
      }
      return -1;
    }

    private int u16(int p) throws CorruptPixelDataException {
      if (p + 1 >= b.length) throw new CorruptPixelDataException("JPEG-LS data truncated at byte " + p);
      return ((b[p] & 0xFF) << 8) | (b[p + 1] & 0xFF);
    }

    private void readFrame(int p) throws CorruptPixelDataException {
      precision = b[p] & 0xFF;
      height = u16(p + 1);
      width = u16(p + 3);
      components = b[p + 5] & 0xFF;
      if (precision < 2 || precision > 16) throw new CorruptPixelDataException("JPEG-LS precision " + precision + " (2 to 16 expected)");
      if (width != d.columns() || height != d.rows()) {
        throw new CorruptPixelDataException("JPEG-LS image is " + width + " × " + height + " but Columns × Rows is " + d.columns() + " × " + d.rows());
      }
      if (components != d.samplesPerPixel()) {
        throw new CorruptPixelDataException("JPEG-LS image has " + components + " components but Samples per Pixel is " + d.samplesPerPixel());
      }
      componentIds = new int[components];
      for (int c = 0; c < components; c++) componentIds[c] = b[p + 6 + 3 * c] & 0xFF;
      if (maxVal == 0) maxVal = (1 << precision) - 1;
      out = new int[width * height * components];
    }

    private void readPresets(int p, int len) throws CorruptPixelDataException {
      int id = b[p] & 0xFF;
      if (id != 1) throw new CorruptPixelDataException("JPEG-LS mapping tables and extensions (LSE type " + id + ") are not supported");
      if (len < 13) throw new CorruptPixelDataException("JPEG-LS preset parameters segment too short");
      int mv = u16(p + 1);
      if (mv != 0) maxVal = mv;
      t1 = u16(p + 3);
      t2 = u16(p + 5);
      t3 = u16(p + 7);
      int r = u16(p + 9);
      if (r != 0) reset = r;
    }

    /** Decodes one scan; returns the number of components it held. */
    private int readScan(int p) throws CorruptPixelDataException {
      int ns = b[p] & 0xFF;
      int[] comps = new int[ns];
      for (int i = 0; i < ns; i++) {
        int id = b[p + 1 + 2 * i] & 0xFF;
        int c = 0;
        while (c < components && componentIds[c] != id) c++;
        if (c == components) throw new CorruptPixelDataException("JPEG-LS scan names unknown component " + id);
        if ((b[p + 2 + 2 * i] & 0xFF) != 0) throw new CorruptPixelDataException("JPEG-LS mapping tables are not supported");
        comps[i] = c;
      }
      int q = p + 1 + 2 * ns;
      near = b[q] & 0xFF;
      int ilv = b[q + 1] & 0xFF;
      int pt = b[q + 2] & 0x0F;
      if (pt != 0) throw new CorruptPixelDataException("JPEG-LS point transform is not supported");
      if (ilv > 2 || (ilv == 0 && ns != 1) || (ilv != 0 && ns != components)) {
        throw new CorruptPixelDataException("JPEG-LS scan with " + ns + " components and interleave mode " + ilv + " is not valid here");
      }
      if (ilv == 2 && ns != 3) throw new CorruptPixelDataException("JPEG-LS sample interleave with " + ns + " components is not supported");
      if (near > Math.min(255, maxVal / 2)) throw new CorruptPixelDataException("JPEG-LS NEAR " + near + " is too large for MAXVAL " + maxVal);
      initScan();
      cur = 0;
      bits = 0;
      prevFF = false;
      ranOut = false;
      if (ilv == 2) decodeSampleInterleaved();
      else decodeLines(comps);
      if (ranOut) throw new CorruptPixelDataException("JPEG-LS scan data ends before its last sample (truncated or damaged)");
      return ns;
    }

    private void initScan() {
      range = (maxVal + 2 * near) / (2 * near + 1) + 1;
      qbpp = 32 - Integer.numberOfLeadingZeros(range - 1);
      int bpp = Math.max(2, 32 - Integer.numberOfLeadingZeros(maxVal));
      limit = 2 * (bpp + Math.max(8, bpp));
      if (maxVal >= 128) {
        int factor = (Math.min(maxVal, 4095) + 128) / 256;
        st1 = clampT(factor * (3 - 2) + 2 + 3 * near, near + 1);
        st2 = clampT(factor * (7 - 3) + 3 + 5 * near, st1);
        st3 = clampT(factor * (21 - 4) + 4 + 7 * near, st2);
      } else {
        int factor = 256 / (maxVal + 1);
        st1 = clampT(Math.max(2, 3 / factor + 3 * near), near + 1);
        st2 = clampT(Math.max(3, 7 / factor + 5 * near), st1);
        st3 = clampT(Math.max(4, 21 / factor + 7 * near), st2);
      }
      if (t1 != 0) st1 = t1;
      if (t2 != 0) st2 = t2;
      if (t3 != 0) st3 = t3;
      int a = Math.max(2, (range + 32) / 64);
      for (int i = 0; i < 365; i++) {
        ctxA[i] = a;
        ctxB[i] = 0;
        ctxC[i] = 0;
        ctxN[i] = 1;
      }
      for (int i = 0; i < 2; i++) {
        runA[i] = a;
        runN[i] = 1;
        runNn[i] = 0;
      }
    }

    private int clampT(int i, int j) {
      return i > maxVal || i < j ? j : i;
    }

    // ---- single components and line interleave ------------------------------------------------

    private void decodeLines(int[] comps) throws CorruptPixelDataException {
      int n = comps.length;
      int stride = width + 4;
      int[] lines = new int[n * stride * 2];
      int[] runIndexes = new int[n];
      for (int y = 0; y < height; y++) {
        int prevBase = 1;
        int curBase = 1 + n * stride;
        if ((y & 1) == 1) {
          int t = prevBase;
          prevBase = curBase;
          curBase = t;
        }
        for (int c = 0; c < n; c++) {
          int prev = prevBase + c * stride;
          int curr = curBase + c * stride;
          runIndex = runIndexes[c];
          lines[prev + width] = lines[prev + width - 1];
          lines[curr - 1] = lines[prev];
          decodeLine(lines, prev, curr);
          runIndexes[c] = runIndex;
          int comp = comps[c];
          for (int x = 0, o = (y * width) * components + comp; x < width; x++, o += components) out[o] = lines[curr + x];
        }
      }
    }

    private void decodeLine(int[] l, int prev, int curr) throws CorruptPixelDataException {
      int x = 0;
      while (x < width) {
        int ra = l[curr + x - 1];
        int rc = l[prev + x - 1];
        int rb = l[prev + x];
        int rd = l[prev + x + 1];
        int qs = context(quantize(rd - rb), quantize(rb - rc), quantize(rc - ra));
        if (qs != 0) {
          l[curr + x] = regular(qs, predict(ra, rb, rc));
          x++;
        } else {
          x += runMode(l, prev, curr, x);
        }
      }
    }

    private int runMode(int[] l, int prev, int curr, int start) throws CorruptPixelDataException {
      int ra = l[curr + start - 1];
      int count = runLength(width - start);
      for (int i = 0; i < count; i++) l[curr + start + i] = ra;
      int end = start + count;
      if (end == width) return count;
      int rb = l[prev + end];
      if (Math.abs(ra - rb) <= near) {
        l[curr + end] = reconstruct(ra, runInterruptionError(1));
      } else {
        l[curr + end] = reconstruct(rb, runInterruptionError(0) * (rb - ra >= 0 ? 1 : -1));
      }
      if (runIndex > 0) runIndex--;
      return count + 1;
    }

    // ---- sample interleave (three components per pixel) ---------------------------------------

    private void decodeSampleInterleaved() throws CorruptPixelDataException {
      int stride = (width + 4) * 3;
      int[] l = new int[stride * 2];
      runIndex = 0;
      for (int y = 0; y < height; y++) {
        int prev = (y & 1) == 0 ? 3 : 3 + stride;
        int curr = (y & 1) == 0 ? 3 + stride : 3;
        for (int s = 0; s < 3; s++) {
          l[prev + 3 * width + s] = l[prev + 3 * (width - 1) + s];
          l[curr - 3 + s] = l[prev + s];
        }
        int x = 0;
        while (x < width) {
          int q0 = tripletContext(l, prev, curr, x, 0);
          int q1 = tripletContext(l, prev, curr, x, 1);
          int q2 = tripletContext(l, prev, curr, x, 2);
          if (q0 == 0 && q1 == 0 && q2 == 0) {
            int count = runLength(width - x);
            for (int i = 0; i < count; i++) {
              for (int s = 0; s < 3; s++) l[curr + 3 * (x + i) + s] = l[curr + 3 * (x - 1) + s];
            }
            int end = x + count;
            if (end < width) {
              int e0 = runInterruptionError(0);
              int e1 = runInterruptionError(0);
              int e2 = runInterruptionError(0);
              int[] e = tripleA;
              e[0] = e0;
              e[1] = e1;
              e[2] = e2;
              for (int s = 0; s < 3; s++) {
                int ra = l[curr + 3 * (end - 1) + s];
                int rb = l[prev + 3 * end + s];
                l[curr + 3 * end + s] = reconstruct(rb, e[s] * (rb - ra >= 0 ? 1 : -1));
              }
              if (runIndex > 0) runIndex--;
              count++;
            }
            x += count;
          } else {
            int[] q = tripleB;
            q[0] = q0;
            q[1] = q1;
            q[2] = q2;
            for (int s = 0; s < 3; s++) {
              int ra = l[curr + 3 * (x - 1) + s];
              int rb = l[prev + 3 * x + s];
              int rc = l[prev + 3 * (x - 1) + s];
              l[curr + 3 * x + s] = regular(q[s], predict(ra, rb, rc));
            }
            x++;
          }
        }
        for (int xx = 0, o = y * width * 3; xx < width; xx++) {
          for (int s = 0; s < 3; s++) out[o++] = l[curr + 3 * xx + s];
        }
      }
    }

    private int tripletContext(int[] l, int prev, int curr, int x, int s) {
      int ra = l[curr + 3 * (x - 1) + s];
      int rc = l[prev + 3 * (x - 1) + s];
      int rb = l[prev + 3 * x + s];
      int rd = l[prev + 3 * (x + 1) + s];
      return context(quantize(rd - rb), quantize(rb - rc), quantize(rc - ra));
    }

    // ---- the coding procedures of T.87 Annex A ------------------------------------------------

    private int quantize(int di) {
      if (di <= -st3) return -4;
      if (di <= -st2) return -3;
      if (di <= -st1) return -2;
      if (di < -near) return -1;
      if (di <= near) return 0;
      if (di < st1) return 1;
      if (di < st2) return 2;
      if (di < st3) return 3;
      return 4;
    }

    private static int context(int q1, int q2, int q3) {
      return (q1 * 9 + q2) * 9 + q3;
    }

    private static int predict(int ra, int rb, int rc) {
      if (rc >= Math.max(ra, rb)) return Math.min(ra, rb);
      if (rc <= Math.min(ra, rb)) return Math.max(ra, rb);
      return ra + rb - rc;
    }

    /** Regular mode (A.4 to A.6): context, corrected prediction, Golomb-coded error, update. */
    private int regular(int qs, int predicted) throws CorruptPixelDataException {
      int sign = qs >> 31;
      int q = (qs ^ sign) - sign;
      int px = predicted + ((ctxC[q] ^ sign) - sign);
      px = px < 0 ? 0 : Math.min(px, maxVal);
      int k = 0;
      while ((ctxN[q] << k) < ctxA[q] && k < 31) k++;
      int m = decodeValue(k, limit, qbpp);
      int err = (m >> 1) ^ -(m & 1);
      if (k == 0 && near == 0 && 2 * ctxB[q] + ctxN[q] - 1 < 0) err = ~err;
      if (Math.abs(err) > 65535) throw new CorruptPixelDataException("JPEG-LS error value out of range (corrupt data)");
      ctxA[q] += Math.abs(err);
      ctxB[q] += err * (2 * near + 1);
      if (ctxN[q] == reset) {
        ctxA[q] >>= 1;
        ctxB[q] >>= 1;
        ctxN[q] >>= 1;
      }
      ctxN[q]++;
      if (ctxB[q] + ctxN[q] <= 0) {
        ctxB[q] += ctxN[q];
        if (ctxB[q] <= -ctxN[q]) ctxB[q] = -ctxN[q] + 1;
        if (ctxC[q] > -128) ctxC[q]--;
      } else if (ctxB[q] > 0) {
        ctxB[q] -= ctxN[q];
        if (ctxB[q] > 0) ctxB[q] = 0;
        if (ctxC[q] < 127) ctxC[q]++;
      }
      return reconstruct(px, (err ^ sign) - sign);
    }

    private int reconstruct(int px, int err) {
      int v = px + err * (2 * near + 1);
      if (v < -near) v += range * (2 * near + 1);
      else if (v > maxVal + near) v -= range * (2 * near + 1);
      return v < 0 ? 0 : Math.min(v, maxVal);
    }

    /** Run length (A.7.1): runs of 2^J[RUNindex] while the bits say 1, then the remainder. */
    private int runLength(int left) throws CorruptPixelDataException {
      int index = 0;
      while (bit() == 1) {
        int count = Math.min(1 << J[runIndex], left - index);
        index += count;
        if (count == (1 << J[runIndex]) && runIndex < 31) runIndex++;
        if (index == left) break;
        if (ranOut) break;
      }
      if (index != left && !ranOut) {
        index += J[runIndex] > 0 ? value(J[runIndex]) : 0;
      }
      if (index > left) throw new CorruptPixelDataException("JPEG-LS run of " + index + " samples is longer than the " + left + " left in the line");
      return index;
    }

    /** Run interruption sample error (A.7.2). */
    private int runInterruptionError(int riType) throws CorruptPixelDataException {
      int temp = runA[riType] + (runN[riType] >> 1) * riType;
      int k = 0;
      for (int n = runN[riType]; n < temp && k < 31; k++) n <<= 1;
      int em = decodeValue(k, limit - J[runIndex] - 1, qbpp);
      int t = em + riType;
      boolean map = (t & 1) != 0;
      int abs = (t + (map ? 1 : 0)) / 2;
      int err = ((k != 0 || 2 * runNn[riType] >= runN[riType]) == map) ? -abs : abs;
      if (err < 0) runNn[riType]++;
      runA[riType] += (em + 1 - riType) >> 1;
      if (runN[riType] == reset) {
        runA[riType] >>= 1;
        runN[riType] >>= 1;
        runNn[riType] >>= 1;
      }
      runN[riType]++;
      return err;
    }

    private int decodeValue(int k, int limit, int qbpp) throws CorruptPixelDataException {
      int high = 0;
      while (bit() == 0) {
        if (++high > limit || ranOut) {
          if (ranOut) return 0;
          throw new CorruptPixelDataException("JPEG-LS Golomb code longer than its limit (corrupt data)");
        }
      }
      if (high >= limit - (qbpp + 1)) return value(qbpp) + 1;
      if (k == 0) return high;
      return (high << k) + value(k);
    }

    private int value(int n) {
      int v = 0;
      for (int i = 0; i < n; i++) v = (v << 1) | bit();
      return v;
    }

    /** Next bit; after an FF byte the next byte carries 7 bits (its top bit is a stuffed 0). */
    private int bit() {
      if (bits == 0) {
        if (pos >= b.length || (prevFF && (b[pos] & 0x80) != 0)) {
          ranOut = true;
          return 0;
        }
        int v = b[pos++] & 0xFF;
        if (prevFF) {
          cur = v & 0x7F;
          bits = 7;
        } else {
          cur = v;
          bits = 8;
        }
        prevFF = v == 0xFF;
      }
      bits--;
      return (cur >> bits) & 1;
    }
  }
}
