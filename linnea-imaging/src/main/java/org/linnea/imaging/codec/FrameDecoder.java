package org.linnea.imaging.codec;

import org.linnea.imaging.ImagingException;
import org.linnea.imaging.pixel.DecodedFrame;
import org.linnea.imaging.pixel.ImageDescription;

/**
 * Decodes the compressed bytes of one frame (its fragments, concatenated) into stored values.
 * Implementations are stateless and safe to use from many threads at once.
 */
public interface FrameDecoder {

  /**
   * Decodes one frame. The result has the description's Rows, Columns and Samples per Pixel; a
   * compressed image of another size is a {@link org.linnea.imaging.CorruptPixelDataException}.
   */
  DecodedFrame decode(byte[] data, ImageDescription description) throws ImagingException;
}
