package org.linnea.imaging.codec;

import com.github.jaiimageio.jpeg2000.impl.J2KImageReaderSpi;
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
    PhotometricInterpretation pi = d.photometricInterpretation();
    if (pi == PhotometricInterpretation.YBR_ICT || pi == PhotometricInterpretation.YBR_RCT) pi = PhotometricInterpretation.RGB;
    if (pi == PhotometricInterpretation.YBR_FULL_422) pi = PhotometricInterpretation.YBR_FULL;
    return ImageIoRasters.read(ImageIoRasters.provider(J2KImageReaderSpi.class), "JPEG 2000", data, d, pi);
  }
}
