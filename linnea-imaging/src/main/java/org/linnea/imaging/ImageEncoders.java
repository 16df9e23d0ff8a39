package org.linnea.imaging;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Iterator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Encodes rendered images as PNG or JPEG (the media types image/png and image/jpeg of PS3.18
 * 8.7.4) onto an output stream, without temporary files. The stream is flushed, not closed.
 */
public final class ImageEncoders {
  private ImageEncoders() {}

  /** PNG: lossless. */
  public static void writePng(BufferedImage img, OutputStream out) throws IOException {
    encode(img, "png", null, out);
  }

  /** JPEG (baseline, JFIF) at {@code quality} from 0 to 1. */
  public static void writeJpeg(BufferedImage img, float quality, OutputStream out) throws IOException {
    if (!(quality >= 0 && quality <= 1)) throw new IllegalArgumentException("quality must be between 0 and 1, not " + quality);
    encode(img, "jpeg", quality, out);
  }

  /** PNG or JPEG by media type ({@code image/png}, {@code image/jpeg}). */
  public static void write(BufferedImage img, String mediaType, float quality, OutputStream out) throws IOException {
    switch (mediaType) {
      case "image/png" -> writePng(img, out);
      case "image/jpeg" -> writeJpeg(img, quality, out);
      default -> throw new IllegalArgumentException("cannot encode " + mediaType + "; image/png and image/jpeg are supported");
    }
  }

  private static void encode(BufferedImage img, String format, Float quality, OutputStream out) throws IOException {
    Iterator<ImageWriter> it = ImageIO.getImageWritersByFormatName(format);
    if (!it.hasNext()) throw new IOException("no ImageIO writer for " + format);
    ImageWriter writer = it.next();
    try (ImageOutputStream ios = new MemoryCacheImageOutputStream(out)) {
      writer.setOutput(ios);
      ImageWriteParam param = writer.getDefaultWriteParam();
      if (quality != null) {
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality(quality);
      }
      writer.write(null, new IIOImage(img, null, null), param);
      ios.flush();
    } finally {
      writer.dispose();
    }
    out.flush();
  }
}
