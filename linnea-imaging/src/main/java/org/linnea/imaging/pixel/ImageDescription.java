package org.linnea.imaging.pixel;

import org.linnea.dicom.Tag;
import org.linnea.dicom.data.Dataset;
import org.linnea.imaging.CorruptPixelDataException;
import org.linnea.imaging.ImagingException;

/**
 * The Image Pixel Module attributes that say how to read pixel data (PS3.3 C.7.6.3): size,
 * samples, bits, sign, planar configuration, photometric interpretation and number of frames.
 * Values are checked on creation, so that later arithmetic on them cannot overflow or allocate
 * absurd amounts of memory.
 */
public record ImageDescription(
    int rows,
    int columns,
    int samplesPerPixel,
    int bitsAllocated,
    int bitsStored,
    int highBit,
    boolean signed,
    int planarConfiguration,
    PhotometricInterpretation photometricInterpretation,
    int numberOfFrames) {

  /** The most samples one frame may hold before decoding refuses it (about 1 GiB as ints). */
  public static final long MAX_SAMPLES_PER_FRAME = 1L << 28;

  public ImageDescription {
    if (rows < 1 || columns < 1) {
      throw new IllegalArgumentException("Rows and Columns must be positive, not " + rows + " × " + columns);
    }
    if (samplesPerPixel != 1 && samplesPerPixel != 3) {
      throw new IllegalArgumentException("Samples per Pixel must be 1 or 3, not " + samplesPerPixel);
    }
    if (bitsAllocated != 1 && bitsAllocated != 8 && bitsAllocated != 16 && bitsAllocated != 32) {
      throw new IllegalArgumentException("Bits Allocated must be 1, 8, 16 or 32, not " + bitsAllocated);
    }
    if (bitsStored < 1 || bitsStored > bitsAllocated) {
      throw new IllegalArgumentException("Bits Stored " + bitsStored + " is not within Bits Allocated " + bitsAllocated);
    }
    if (highBit < bitsStored - 1 || highBit >= bitsAllocated) {
      throw new IllegalArgumentException("High Bit " + highBit + " does not fit Bits Stored " + bitsStored + " in Bits Allocated " + bitsAllocated);
    }
    if (numberOfFrames < 1) {
      throw new IllegalArgumentException("Number of Frames must be positive, not " + numberOfFrames);
    }
    if ((long) rows * columns * samplesPerPixel > MAX_SAMPLES_PER_FRAME) {
      throw new IllegalArgumentException("a frame of " + rows + " × " + columns + " × " + samplesPerPixel + " samples is larger than this renderer accepts");
    }
  }

  /**
   * Reads the description from a dataset. Planar Configuration defaults to 0 and Number of
   * Frames to 1; a missing Photometric Interpretation is taken as MONOCHROME2 for one sample and
   * RGB for three; a High Bit missing or outside Bits Stored is taken as Bits Stored - 1.
   */
  public static ImageDescription of(Dataset ds) throws ImagingException {
    int rows = required(ds, Tag.Rows, "Rows");
    int columns = required(ds, Tag.Columns, "Columns");
    int samples = ds.getInt(Tag.SamplesPerPixel).orElse(1);
    int bitsAllocated = required(ds, Tag.BitsAllocated, "Bits Allocated");
    int bitsStored = ds.getInt(Tag.BitsStored).orElse(bitsAllocated);
    int highBit = ds.getInt(Tag.HighBit).orElse(bitsStored - 1);
    if (highBit < bitsStored - 1 || highBit >= bitsAllocated) highBit = bitsStored - 1;
    boolean signed = ds.getInt(Tag.PixelRepresentation).orElse(0) == 1;
    int planar = ds.getInt(Tag.PlanarConfiguration).orElse(0);
    String pmi = ds.getString(Tag.PhotometricInterpretation).orElse(samples == 3 ? "RGB" : "MONOCHROME2");
    PhotometricInterpretation pi = PhotometricInterpretation.of(pmi)
        .orElseThrow(() -> new ImagingException("unsupported Photometric Interpretation \"" + pmi + "\""));
    int frames = ds.getInt(Tag.NumberOfFrames).orElse(1);
    try {
      return new ImageDescription(rows, columns, samples, bitsAllocated, bitsStored, highBit, signed,
          planar == 1 ? 1 : 0, pi, frames);
    } catch (IllegalArgumentException e) {
      throw new CorruptPixelDataException("image pixel description: " + e.getMessage(), e);
    }
  }

  private static int required(Dataset ds, int tag, String name) throws ImagingException {
    return ds.getInt(tag).orElseThrow(() -> new CorruptPixelDataException("no " + name + " in the dataset"));
  }

  /** Pixels in one frame. */
  public int pixelsPerFrame() {
    return rows * columns;
  }

  /** Samples in one decoded frame (Rows × Columns × Samples per Pixel). */
  public int samplesPerFrame() {
    return rows * columns * samplesPerPixel;
  }

  /**
   * Bits one native frame occupies: YBR_FULL_422 and YBR_PARTIAL_422 carry two samples per pixel
   * (PS3.3 C.7.6.3.1.2), everything else Samples per Pixel.
   */
  public long bitsPerNativeFrame() {
    long perPixel = photometricInterpretation.isSubsampledHorizontally() && samplesPerPixel == 3 ? 2 : samplesPerPixel;
    return (long) rows * columns * perPixel * bitsAllocated;
  }

  /** The smallest stored value the bits can hold, after masking and sign extension. */
  public int minStoredValue() {
    return signed ? -(1 << (bitsStored - 1)) : 0;
  }

  /** The largest stored value (for 32 unsigned bits stored, -1 stands for 2^32 - 1). */
  public int maxStoredValue() {
    if (bitsStored == 32) return signed ? Integer.MAX_VALUE : -1;
    return signed ? (1 << (bitsStored - 1)) - 1 : (1 << bitsStored) - 1;
  }

  /**
   * The stored value of a sample as read from its container (PS3.5 8.1.1): the bits from High
   * Bit down to High Bit - Bits Stored + 1, sign-extended when Pixel Representation is 1.
   * Idempotent, so values that a decoder already sign-extended pass unchanged.
   */
  public int storedValue(int raw) {
    int shift = highBit + 1 - bitsStored;
    int v = raw >>> shift;
    if (bitsStored == 32) return v;
    int mask = (1 << bitsStored) - 1;
    v &= mask;
    if (signed && (v & (1 << (bitsStored - 1))) != 0) v |= ~mask;
    return v;
  }

  /**
   * The stored value of a sample a decoder produced in the low bits (compressed transfer
   * syntaxes have no High Bit shift): masked to Bits Stored and sign-extended.
   */
  public int maskedValue(int raw) {
    if (bitsStored == 32) return raw;
    int mask = (1 << bitsStored) - 1;
    int v = raw & mask;
    if (signed && (v & (1 << (bitsStored - 1))) != 0) v |= ~mask;
    return v;
  }

  /** The same description with another photometric interpretation (what a decoder produced). */
  public ImageDescription withPhotometricInterpretation(PhotometricInterpretation pi) {
    return new ImageDescription(rows, columns, samplesPerPixel, bitsAllocated, bitsStored, highBit, signed, planarConfiguration, pi, numberOfFrames);
  }
}
