package org.linnea.imaging.codec;

import org.linnea.imaging.CorruptPixelDataException;

/**
 * What the markers before the first scan of a JPEG stream say (ITU-T T.81 Annex B): the frame
 * type (SOF marker), sample precision, size and component identifiers, and whether a JFIF (APP0)
 * or Adobe (APP14) segment is present. Used to pick a decoder and to decide whether three
 * components hold YCbCr or RGB when the dataset says RGB.
 */
record JpegHeader(int sofMarker, int precision, int height, int width, int[] componentIds, int[] samplingFactors,
    boolean jfif, int adobeTransform) {

  /** Sequential or progressive DCT (not lossless, not arithmetic-coded lossless). */
  boolean isDct() {
    return sofMarker != 0xC3 && sofMarker != 0xC7 && sofMarker != 0xCB && sofMarker != 0xCF;
  }

  boolean isLossless() {
    return !isDct();
  }

  /**
   * Whether three components are YCbCr, as libjpeg guesses it (jdapimin.c): an Adobe segment
   * decides by its transform flag, then JFIF means YCbCr, then component identifiers 'R','G','B'
   * mean RGB, and otherwise DCT frames are YCbCr. Lossless frames are RGB unless an Adobe
   * segment says otherwise: lossless encoders keep the components as given, JFIF or not.
   */
  boolean threeComponentsAreYcbcr() {
    if (adobeTransform >= 0) return adobeTransform != 0;
    if (isLossless()) return false;
    if (jfif) return true;
    if (componentIds.length == 3 && componentIds[0] == 'R' && componentIds[1] == 'G' && componentIds[2] == 'B') return false;
    return isDct();
  }

  static JpegHeader parse(byte[] b) throws CorruptPixelDataException {
    if (b.length < 4 || (b[0] & 0xFF) != 0xFF || (b[1] & 0xFF) != 0xD8) {
      throw new CorruptPixelDataException("JPEG frame does not start with an SOI marker (FFD8)");
    }
    int i = 2;
    boolean jfif = false;
    int adobe = -1;
    int sof = -1;
    int precision = 0;
    int height = 0;
    int width = 0;
    int[] ids = new int[0];
    int[] sampling = new int[0];
    while (i + 4 <= b.length) {
      if ((b[i] & 0xFF) != 0xFF) throw new CorruptPixelDataException("JPEG marker expected at byte " + i);
      int m = b[i + 1] & 0xFF;
      if (m == 0xFF) {
        i++;
        continue;
      }
      if (m == 0x01 || (m >= 0xD0 && m <= 0xD7)) {
        i += 2;
        continue;
      }
      if (m == 0xDA || m == 0xD9) break;
      int len = ((b[i + 2] & 0xFF) << 8) | (b[i + 3] & 0xFF);
      int p = i + 4;
      if (len < 2 || i + 2 + len > b.length) throw new CorruptPixelDataException("JPEG segment FF" + Integer.toHexString(m).toUpperCase() + " at byte " + i + " overruns the data");
      if (m == 0xE0 && len >= 7 && b[p] == 'J' && b[p + 1] == 'F' && b[p + 2] == 'I' && b[p + 3] == 'F' && b[p + 4] == 0) {
        jfif = true;
      } else if (m == 0xEE && len >= 14 && b[p] == 'A' && b[p + 1] == 'd' && b[p + 2] == 'o' && b[p + 3] == 'b' && b[p + 4] == 'e') {
        adobe = b[p + 11] & 0xFF;
      } else if (m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC && sof < 0) {
        if (len < 8) throw new CorruptPixelDataException("JPEG SOF segment too short");
        sof = m;
        precision = b[p] & 0xFF;
        height = ((b[p + 1] & 0xFF) << 8) | (b[p + 2] & 0xFF);
        width = ((b[p + 3] & 0xFF) << 8) | (b[p + 4] & 0xFF);
        int n = b[p + 5] & 0xFF;
        if (len < 8 + 3 * n) throw new CorruptPixelDataException("JPEG SOF segment too short for " + n + " components");
        ids = new int[n];
        sampling = new int[n];
        for (int c = 0; c < n; c++) {
          ids[c] = b[p + 6 + 3 * c] & 0xFF;
          sampling[c] = b[p + 7 + 3 * c] & 0xFF;
        }
      }
      i += 2 + len;
    }
    if (sof < 0) throw new CorruptPixelDataException("JPEG data has no SOF (start of frame) marker before its first scan");
    return new JpegHeader(sof, precision, height, width, ids, sampling, jfif, adobe);
  }
}
