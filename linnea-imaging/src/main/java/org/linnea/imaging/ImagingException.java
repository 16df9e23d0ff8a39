package org.linnea.imaging;

import java.io.IOException;

/**
 * The root of this module's exceptions: pixel data that cannot be decoded or rendered. Callers
 * that serve images (WADO-RS rendered resources, the viewer) map it to "cannot render this
 * instance" rather than to a server fault.
 *
 * @see CorruptPixelDataException
 * @see UnsupportedTransferSyntaxException
 */
public class ImagingException extends IOException {
  private static final long serialVersionUID = 1L;

  public ImagingException(String message) {
    super(message);
  }

  public ImagingException(String message, Throwable cause) {
    super(message, cause);
  }
}
