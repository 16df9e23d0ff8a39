package org.linnea.imaging;

/**
 * The pixel data contradicts its description: too short for Rows × Columns × Samples per Pixel
 * × Bits Allocated, truncated or malformed compressed data, a compressed image whose size differs
 * from Rows and Columns, a lookup table shorter than its descriptor. The message says which.
 */
public class CorruptPixelDataException extends ImagingException {
  private static final long serialVersionUID = 1L;

  public CorruptPixelDataException(String message) {
    super(message);
  }

  public CorruptPixelDataException(String message, Throwable cause) {
    super(message, cause);
  }
}
