package org.linnea.imaging.pixel;

/**
 * One frame's stored values, decoded: {@code width × height × samples} ints, pixel-interleaved
 * (R, G, B, R, G, B, ... for three samples), each masked to Bits Stored and sign-extended when
 * Pixel Representation is 1. With 32 unsigned bits stored, values above 2^31 - 1 appear
 * negative: read them with {@link Integer#toUnsignedLong(int)}.
 *
 * <p>{@code photometricInterpretation} is the colour space of these values, which can differ
 * from the dataset's: subsampled YBR (YBR_FULL_422) comes out upsampled as YBR_FULL, and JPEG
 * 2000 decoders undo the YBR_ICT and YBR_RCT component transforms, giving RGB.
 *
 * <p>The array is not copied: a frame belongs to whoever decoded it.
 */
public record DecodedFrame(int width, int height, int samples, PhotometricInterpretation photometricInterpretation, int[] values) {

  public DecodedFrame {
    if ((long) width * height * samples != values.length) {
      throw new IllegalArgumentException(width + " × " + height + " × " + samples + " does not match " + values.length + " values");
    }
  }

  /** Sample {@code s} of the pixel at column {@code x}, row {@code y}. */
  public int value(int x, int y, int s) {
    return values[(y * width + x) * samples + s];
  }
}
