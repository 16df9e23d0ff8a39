package org.linnea.imaging.codec;

import com.twelvemonkeys.imageio.plugins.jpeg.JPEGImageReaderSpi;
import org.linnea.imaging.CorruptPixelDataException;
import org.linnea.imaging.ImagingException;
import org.linnea.imaging.pixel.DecodedFrame;
import org.linnea.imaging.pixel.ImageDescription;
import org.linnea.imaging.pixel.PhotometricInterpretation;

/**
 * JPEG (ITU-T T.81) as DICOM uses it (PS3.5 A.4.1): baseline and extended 8-bit, progressive,
 * and lossless (process 14, any predictor, 2 to 16 bits) through TwelveMonkeys' ImageIO reader,
 * read as raw rasters so that lossless 12- and 16-bit images keep their values; 12-bit DCT
 * (extended, process 4), which the JDK's libjpeg cannot read, through {@link Jpeg12Decoder}.
 *
 * <p>Three components come back as coded. Whether that is YCbCr is decided as DCMTK's {@code
 * dcmdjpeg} and libjpeg decide it: a YBR photometric interpretation says so (PS3.5 8.2.1, the
 * JPEG decoder's output is then YBR_FULL, upsampled); with RGB the JPEG markers decide (see
 * {@link JpegHeader#threeComponentsAreYcbcr()}), which matches what the many files labelled
 * RGB but compressed by libjpeg's defaults contain.
 */
public final class JpegDecoder implements FrameDecoder {
  private final Jpeg12Decoder twelveBit = new Jpeg12Decoder();

  @Override
  public DecodedFrame decode(byte[] data, ImageDescription d) throws ImagingException {
    JpegHeader h = JpegHeader.parse(data);
    if (h.width() != d.columns() || h.height() != d.rows()) {
      throw new CorruptPixelDataException("JPEG image is " + h.width() + " × " + h.height() + " but Columns × Rows is " + d.columns() + " × " + d.rows());
    }
    if (h.componentIds().length != d.samplesPerPixel()) {
      throw new CorruptPixelDataException("JPEG image has " + h.componentIds().length + " components but Samples per Pixel is " + d.samplesPerPixel());
    }
    PhotometricInterpretation pi = decodedInterpretation(h, d.photometricInterpretation());
    if (h.isDct() && h.precision() > 8) {
      return twelveBit.decode(data, h, d, pi);
    }
    return ImageIoRasters.read(ImageIoRasters.provider(JPEGImageReaderSpi.class), "JPEG", data, d, pi);
  }

  static PhotometricInterpretation decodedInterpretation(JpegHeader h, PhotometricInterpretation pi) {
    if (h.componentIds().length != 3) return pi;
    return switch (pi) {
      case YBR_FULL, YBR_FULL_422 -> PhotometricInterpretation.YBR_FULL;
      case YBR_PARTIAL_420, YBR_PARTIAL_422 -> PhotometricInterpretation.YBR_PARTIAL_422;
      case RGB -> h.threeComponentsAreYcbcr() ? PhotometricInterpretation.YBR_FULL : PhotometricInterpretation.RGB;
      default -> pi;
    };
  }
}
