package org.linnea.imaging;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import org.linnea.dicom.Tag;
import org.linnea.dicom.data.Dataset;
import org.linnea.dicom.io.DicomFile;
import org.linnea.dicom.io.TransferSyntax;
import org.linnea.imaging.codec.Decoders;
import org.linnea.imaging.lut.ModalityLut;
import org.linnea.imaging.lut.PaletteColorLut;
import org.linnea.imaging.lut.Voi;
import org.linnea.imaging.lut.VoiLutFunction;
import org.linnea.imaging.pixel.DecodedFrame;
import org.linnea.imaging.pixel.ImageDescription;
import org.linnea.imaging.pixel.PhotometricInterpretation;
import org.linnea.imaging.pixel.PixelData;

/**
 * Renders one frame of an image to an 8-bit {@link BufferedImage}: {@code TYPE_BYTE_GRAY} for
 * MONOCHROME1 and MONOCHROME2, {@code TYPE_3BYTE_BGR} for colour. The frame is decoded, passed
 * through the grayscale or colour pipeline, stretched if its pixels are not square, and fitted
 * into the viewport if one is given; a source region, when given, is cut out of the rendered
 * frame before the stretching and the viewport (PS3.18 8.3.5.1.3). This is what WADO-RS rendered and thumbnail resources (PS3.18 8.3.5 and 8.3.6) call.
 *
 * <p>Every method is static and keeps no state: safe from any number of threads. For many
 * frames of one object, build the {@link PixelData} once and use {@link #render(Dataset,
 * PixelData, int, RenderParams)}.
 */
public final class Renderer {
  private Renderer() {}

  /** Frame {@code frame} (from 0) of a file. */
  public static BufferedImage render(DicomFile file, int frame, RenderParams params) throws ImagingException {
    return render(file.dataset(), file.transferSyntax(), frame, params);
  }

  /** Frame {@code frame} (from 0) of a dataset encoded in {@code ts}. */
  public static BufferedImage render(Dataset ds, TransferSyntax ts, int frame, RenderParams params) throws ImagingException {
    return render(ds, PixelData.of(ds, ts), frame, params);
  }

  /** Frame {@code frame} (from 0) of the pixel data of {@code ds}. */
  public static BufferedImage render(Dataset ds, PixelData pixels, int frame, RenderParams params) throws ImagingException {
    ImageDescription d = pixels.description();
    if (params.region() != null) checkRegion(params.region(), d.columns(), d.rows());
    DecodedFrame f = Decoders.decodeFrame(pixels, frame);
    BufferedImage img = toImage(ds, d, f, params);
    if (params.region() != null) img = crop(img, params.region());
    return fit(squarePixels(ds, img), params.viewportWidth(), params.viewportHeight());
  }

  /** Throws IllegalArgumentException unless the region lies inside a columns × rows image. */
  public static void checkRegion(RenderParams.Region r, int columns, int rows) {
    int w = r.columns(columns);
    int h = r.rows(rows);
    if (r.x() >= columns || r.y() >= rows || w < 1 || h < 1 || (long) r.x() + w > columns || (long) r.y() + h > rows) {
      throw new IllegalArgumentException("source region " + r.x() + "," + r.y() + "," + r.width() + "," + r.height()
          + " is not inside the " + columns + " × " + rows + " image");
    }
  }

  /** The source rectangle of an 8-bit gray or BGR image, flipped where its width or height is negative. */
  static BufferedImage crop(BufferedImage img, RenderParams.Region r) {
    int cols = img.getWidth();
    checkRegion(r, cols, img.getHeight());
    int w = r.columns(cols);
    int h = r.rows(img.getHeight());
    int bpp = img.getType() == BufferedImage.TYPE_BYTE_GRAY ? 1 : 3;
    BufferedImage out = new BufferedImage(w, h, img.getType());
    byte[] src = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
    byte[] dst = ((DataBufferByte) out.getRaster().getDataBuffer()).getData();
    for (int row = 0; row < h; row++) {
      int sy = r.y() + (r.height() < 0 ? h - 1 - row : row);
      if (r.width() >= 0) {
        System.arraycopy(src, (sy * cols + r.x()) * bpp, dst, row * w * bpp, w * bpp);
      } else {
        for (int col = 0; col < w; col++) System.arraycopy(src, (sy * cols + r.x() + w - 1 - col) * bpp, dst, (row * w + col) * bpp, bpp);
      }
    }
    return out;
  }

  /**
   * Stretches an image of non-square pixels so that they are square: by Pixel Aspect Ratio
   * (0028,0034, vertical\horizontal), else by Pixel Spacing (0028,0030, row spacing\column
   * spacing). Ratios within 1% of 1, or beyond 1:16, are left alone.
   */
  static BufferedImage squarePixels(Dataset ds, BufferedImage img) {
    double ratio = 1;
    int[] par = ds.getInts(Tag.PixelAspectRatio);
    double[] spacing = ds.getDoubles(Tag.PixelSpacing);
    if (par.length == 2 && par[0] > 0 && par[1] > 0) ratio = (double) par[0] / par[1];
    else if (spacing.length == 2 && spacing[0] > 0 && spacing[1] > 0) ratio = spacing[0] / spacing[1];
    if (!(ratio > 1.0 / 16 && ratio < 16) || Math.abs(ratio - 1) < 0.01) return img;
    int w = img.getWidth();
    int h = img.getHeight();
    return ratio > 1 ? scaled(img, w, (int) Math.round(h * ratio)) : scaled(img, (int) Math.round(w / ratio), h);
  }

  /** A decoded frame through the pixel pipeline, at its own size. */
  public static BufferedImage toImage(Dataset ds, ImageDescription d, DecodedFrame f, RenderParams params) throws ImagingException {
    PhotometricInterpretation pi = f.photometricInterpretation();
    if (pi.isMonochrome()) {
      if (f.samples() != 1) throw new CorruptPixelDataException(pi.term() + " image with " + f.samples() + " samples per pixel");
      BufferedImage img = new BufferedImage(f.width(), f.height(), BufferedImage.TYPE_BYTE_GRAY);
      byte[] out = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
      ModalityLut modality = ModalityLut.of(ds, d.signed());
      Voi voi = voi(ds, d, f, modality, params);
      GrayscalePipeline.render(f, d, modality, voi, inverted(ds, pi), out);
      return img;
    }
    if (f.samples() != (pi == PhotometricInterpretation.PALETTE_COLOR ? 1 : 3)) {
      throw new CorruptPixelDataException(pi.term() + " image with " + f.samples() + " samples per pixel");
    }
    BufferedImage img = new BufferedImage(f.width(), f.height(), BufferedImage.TYPE_3BYTE_BGR);
    byte[] out = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
    PaletteColorLut palette = pi == PhotometricInterpretation.PALETTE_COLOR ? PaletteColorLut.of(ds, d.signed()) : null;
    ColourPipeline.render(f, d, palette, out);
    return img;
  }

  /**
   * The VOI stage in force: the window asked for (with the dataset's VOI LUT Function), else
   * the dataset's first window, else its first VOI LUT, else the frame's range.
   */
  static Voi voi(Dataset ds, ImageDescription d, DecodedFrame f, ModalityLut modality, RenderParams params) throws ImagingException {
    if (params.windowCenter().isPresent()) {
      VoiLutFunction fn = ds.getString(Tag.VOILUTFunction).flatMap(VoiLutFunction::of).orElse(VoiLutFunction.LINEAR);
      double w = params.windowWidth().getAsDouble();
      if (fn == VoiLutFunction.LINEAR && w < 1) fn = VoiLutFunction.LINEAR_EXACT;
      return new Voi.Window(params.windowCenter().getAsDouble(), w, fn);
    }
    var window = Voi.firstWindow(ds);
    if (window.isPresent()) return window.get();
    var table = Voi.firstTable(ds, d.signed());
    if (table.isPresent()) return table.get();
    return GrayscalePipeline.minMaxWindow(f, d, modality);
  }

  /**
   * MONOCHROME1 shows low values bright; Presentation LUT Shape (2050,0020) INVERSE inverts a
   * MONOCHROME2 image (for MONOCHROME1 it restates the inversion, as the DX IOD uses it).
   */
  static boolean inverted(Dataset ds, PhotometricInterpretation pi) {
    if (pi == PhotometricInterpretation.MONOCHROME1) return true;
    return ds.getString(Tag.PresentationLUTShape).map(s -> s.equals("INVERSE")).orElse(false);
  }

  /**
   * Fits an image into width × height (0 meaning no limit) keeping its aspect ratio, with
   * bilinear interpolation; large reductions go by halves so that no source pixel is skipped.
   */
  public static BufferedImage fit(BufferedImage img, int width, int height) {
    int w = img.getWidth();
    int h = img.getHeight();
    if (width <= 0 && height <= 0) return img;
    double sx = width > 0 ? (double) width / w : Double.POSITIVE_INFINITY;
    double sy = height > 0 ? (double) height / h : Double.POSITIVE_INFINITY;
    double s = Math.min(sx, sy);
    int tw = Math.max(1, (int) Math.round(w * s));
    int th = Math.max(1, (int) Math.round(h * s));
    if (tw == w && th == h) return img;
    BufferedImage cur = img;
    while (cur.getWidth() / 2 >= tw && cur.getHeight() / 2 >= th) {
      cur = scaled(cur, cur.getWidth() / 2, cur.getHeight() / 2);
    }
    return cur.getWidth() == tw && cur.getHeight() == th ? cur : scaled(cur, tw, th);
  }

  private static BufferedImage scaled(BufferedImage src, int w, int h) {
    BufferedImage dst = new BufferedImage(w, h, src.getType());
    Graphics2D g = dst.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
      g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
      g.drawImage(src, 0, 0, w, h, null);
    } finally {
      g.dispose();
    }
    return dst;
  }
}
