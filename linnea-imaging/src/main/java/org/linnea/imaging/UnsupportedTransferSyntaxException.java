package org.linnea.imaging;

/**
 * Pixel data in a transfer syntax (or with an image description) that this module cannot
 * decode, such as JPEG 2000 Part 2 or the video syntaxes, or a feature of a supported syntax that
 * the decoder lacks (12-bit progressive JPEG). The message names the transfer syntax by name
 * and UID.
 */
public class UnsupportedTransferSyntaxException extends ImagingException {
  private static final long serialVersionUID = 1L;
  private final String transferSyntaxUID;

  public UnsupportedTransferSyntaxException(String transferSyntaxUID, String message) {
    super(message);
    this.transferSyntaxUID = transferSyntaxUID;
  }

  /** The UID of the transfer syntax that could not be decoded (null when a decoder did not know it). */
  public String transferSyntaxUID() {
    return transferSyntaxUID;
  }
}
