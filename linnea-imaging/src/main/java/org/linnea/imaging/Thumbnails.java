package org.linnea.imaging;

import java.awt.image.BufferedImage;
import org.linnea.dicom.io.DicomFile;

/**
 * Small previews (PS3.18 8.3.5.1.3, the thumbnail resources): the first frame, or the middle
 * one of a multi-frame object, with the dataset's own window, fitted into a square of {@link
 * #DEFAULT_SIZE} pixels and never enlarged.
 */
public final class Thumbnails {
  /** The longest side of a thumbnail unless asked otherwise. */
  public static final int DEFAULT_SIZE = 128;

  private Thumbnails() {}

  public static BufferedImage of(DicomFile file) throws ImagingException {
    return of(file, DEFAULT_SIZE);
  }

  /** A thumbnail whose longer side is at most {@code maxSize} pixels. */
  public static BufferedImage of(DicomFile file, int maxSize) throws ImagingException {
    if (maxSize < 1) throw new IllegalArgumentException("thumbnail size must be positive, not " + maxSize);
    int frames = file.dataset().getInt(org.linnea.dicom.Tag.NumberOfFrames).orElse(1);
    BufferedImage img = Renderer.render(file, frames > 1 ? frames / 2 : 0, RenderParams.DEFAULT);
    if (img.getWidth() <= maxSize && img.getHeight() <= maxSize) return img;
    return Renderer.fit(img, maxSize, maxSize);
  }
}
