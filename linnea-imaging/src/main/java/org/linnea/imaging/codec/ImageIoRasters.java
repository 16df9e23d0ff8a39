package org.linnea.imaging.codec;

import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageReader;
import javax.imageio.spi.IIORegistry;
import javax.imageio.spi.ImageReaderSpi;
import javax.imageio.stream.MemoryCacheImageInputStream;
import org.linnea.imaging.CorruptPixelDataException;
import org.linnea.imaging.ImagingException;
import org.linnea.imaging.pixel.DecodedFrame;
import org.linnea.imaging.pixel.ImageDescription;
import org.linnea.imaging.pixel.PhotometricInterpretation;

/**
 * Reads one image with an ImageIO reader as a raw raster: sample values as coded, with no colour
 * conversion and no reduction to 8 bits (so 12- and 16-bit lossless JPEG keep their values).
 * Readers are not thread-safe, so each call makes its own and disposes of it.
 */
final class ImageIoRasters {
  private ImageIoRasters() {}

  /** The registered provider of a plugin class, scanning the class path once if need be. */
  static <T extends ImageReaderSpi> T provider(Class<T> spiClass) {
    IIORegistry registry = IIORegistry.getDefaultInstance();
    T spi = registry.getServiceProviderByClass(spiClass);
    if (spi == null) {
      synchronized (ImageIoRasters.class) {
        spi = registry.getServiceProviderByClass(spiClass);
        if (spi == null) {
          javax.imageio.ImageIO.scanForPlugins();
          spi = registry.getServiceProviderByClass(spiClass);
        }
      }
    }
    if (spi == null) throw new IllegalStateException("ImageIO plugin " + spiClass.getName() + " is not registered");
    return spi;
  }

  static DecodedFrame read(ImageReaderSpi spi, String codec, byte[] data, ImageDescription d, PhotometricInterpretation pi)
      throws ImagingException {
    ImageReader reader;
    try {
      reader = spi.createReaderInstance();
    } catch (IOException e) {
      throw new ImagingException("cannot create the " + codec + " reader: " + e.getMessage(), e);
    }
    try (MemoryCacheImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(data))) {
      reader.setInput(in, true, true);
      // libjpeg reports a truncated stream ("Premature end of JPEG file") as a warning and
      // fills the rest with grey: for a medical image that is corruption, not a detail.
      List<String> warnings = new ArrayList<>(1);
      reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
      int w = reader.getWidth(0);
      int h = reader.getHeight(0);
      if (w != d.columns() || h != d.rows()) {
        throw new CorruptPixelDataException(codec + " image is " + w + " × " + h + " but Columns × Rows is " + d.columns() + " × " + d.rows());
      }
      Raster r = reader.readRaster(0, null);
      int bands = r.getNumBands();
      if (bands != d.samplesPerPixel()) {
        throw new CorruptPixelDataException(codec + " image has " + bands + " components but Samples per Pixel is " + d.samplesPerPixel());
      }
      if (r.getWidth() != w || r.getHeight() != h) {
        throw new CorruptPixelDataException(codec + " decoder returned " + r.getWidth() + " × " + r.getHeight() + " for a " + w + " × " + h + " image");
      }
      if (!warnings.isEmpty()) {
        throw new CorruptPixelDataException(codec + " data is damaged: " + String.join("; ", warnings));
      }
      int[] values = r.getPixels(r.getMinX(), r.getMinY(), w, h, (int[]) null);
      for (int i = 0; i < values.length; i++) values[i] = d.maskedValue(values[i]);
      return new DecodedFrame(w, h, bands, pi, values);
    } catch (ImagingException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      // Decoders signal truncated or malformed streams with IIOException or, in places, with
      // runtime exceptions from deep inside; both mean the same to a caller.
      throw new CorruptPixelDataException(codec + " data cannot be decoded: " + e, e);
    } catch (Error e) {
      // jj2000 (inside jai-imageio's JPEG 2000 reader) ends decoding of a damaged codestream by
      // throwing ThreadDeath after printing it; nothing else is an error we can answer for.
      if (!e.getClass().getName().equals("java.lang.ThreadDeath")) throw e;
      throw new CorruptPixelDataException(codec + " data cannot be decoded (damaged or truncated)", e);
    } finally {
      reader.dispose();
    }
  }
}
