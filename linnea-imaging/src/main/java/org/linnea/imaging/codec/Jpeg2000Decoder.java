package org.linnea.imaging.codec;

import com.github.jaiimageio.jpeg2000.impl.J2KImageReaderSpi;
import org.linnea.imaging.CorruptPixelDataException;
import org.linnea.imaging.ImagingException;
import org.linnea.imaging.pixel.DecodedFrame;
import org.linnea.imaging.pixel.ImageDescription;
import org.linnea.imaging.pixel.PhotometricInterpretation;

/**
 * JPEG 2000 Part 1 (ISO/IEC 15444-1), lossless and lossy (PS3.5 A.4.4), through jai-imageio's
 * J2K reader: codestreams and JP2 files, read as raw rasters. The reader undoes the reversible
 * and irreversible component transforms itself, so YBR_RCT and YBR_ICT come out as RGB. Values
 * are taken modulo Bits Stored and sign-extended by Pixel Representation, which also repairs
 * files whose codestream signedness disagrees with Pixel Representation.
 */
public final class Jpeg2000Decoder implements FrameDecoder {

  @Override
  public DecodedFrame decode(byte[] data, ImageDescription d) throws ImagingException {
    checkComplete(data);
    PhotometricInterpretation pi = d.photometricInterpretation();
    if (pi == PhotometricInterpretation.YBR_ICT || pi == PhotometricInterpretation.YBR_RCT) pi = PhotometricInterpretation.RGB;
    if (pi == PhotometricInterpretation.YBR_FULL_422) pi = PhotometricInterpretation.YBR_FULL;
    return ImageIoRasters.read(ImageIoRasters.provider(J2KImageReaderSpi.class), "JPEG 2000", data, d, pi);
  }

  /**
   * A codestream starts with SOC (FF4F) and ends with EOC (FFD9), trailing zero padding allowed.
   * JPEG 2000 decoders happily decode a cut codestream at lower quality; for a stored medical
   * image a missing end is damage, so it is refused. JP2 files (boxes) are passed through.
   */
  static void checkComplete(byte[] b) throws CorruptPixelDataException {
    if (b.length >= 2 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0x4F) {
      int end = b.length;
      while (end > 2 && b[end - 1] == 0) end--;
      if (end < 4 || (b[end - 2] & 0xFF) != 0xFF || (b[end - 1] & 0xFF) != 0xD9) {
        throw new CorruptPixelDataException("JPEG 2000 codestream of " + b.length + " bytes does not end with an EOC marker (FFD9): truncated");
      }
    } else if (b.length < 12 || b[4] != 'j' || b[5] != 'P') {
      throw new CorruptPixelDataException("JPEG 2000 data starts with neither a codestream (FF4F) nor a JP2 signature box");
    }
  }
}
