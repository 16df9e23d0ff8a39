package org.linnea.imaging;

import java.util.OptionalDouble;

/**
 * How to render a frame, as PS3.18's rendered resources take it (8.3.5.1): an optional window
 * (centre and width, both or neither, in modality units), an optional viewport, and the quality
 * of lossy encoding.
 *
 * @param windowCenter window centre; when absent, the dataset's first window, else its VOI LUT,
 *     else the frame's range of values. Grayscale only: colour images are shown as they are
 * @param windowWidth window width, positive (at least 1 for the LINEAR function)
 * @param viewportWidth width to fit the image into, keeping its aspect ratio; 0 for no limit
 * @param viewportHeight height to fit the image into; 0 for no limit
 * @param quality JPEG quality from 0 (smallest) to 1 (best); PNG ignores it
 * @param region the source rectangle to show (PS3.18 8.3.5.1.3 {@code sx,sy,sw,sh}), cut out
 *     after the pixel pipeline and before the viewport; null for the whole image
 */
public record RenderParams(OptionalDouble windowCenter, OptionalDouble windowWidth, int viewportWidth, int viewportHeight, float quality, Region region) {

  /** The dataset's own window, natural size, quality 0.9. */
  public static final RenderParams DEFAULT = new RenderParams(OptionalDouble.empty(), OptionalDouble.empty(), 0, 0, 0.9f, null);

  /**
   * A source rectangle in image pixels (before any stretching to square pixels): from column
   * {@code x} and row {@code y}, {@code width} columns and {@code height} rows; 0 for either
   * means to the image's edge. A negative width or height takes the rectangle of that size
   * starting at {@code x}, {@code y} and flips it horizontally or vertically.
   */
  public record Region(int x, int y, int width, int height) {
    public Region {
      if (x < 0 || y < 0) throw new IllegalArgumentException("source region offsets must not be negative, not " + x + "," + y);
    }

    /** Width in columns of an image {@code columns} wide. */
    int columns(int columns) {
      return width == 0 ? columns - x : Math.abs(width);
    }

    int rows(int rows) {
      return height == 0 ? rows - y : Math.abs(height);
    }
  }

  public RenderParams(OptionalDouble windowCenter, OptionalDouble windowWidth, int viewportWidth, int viewportHeight, float quality) {
    this(windowCenter, windowWidth, viewportWidth, viewportHeight, quality, null);
  }

  public RenderParams {
    if (windowCenter.isPresent() != windowWidth.isPresent()) {
      throw new IllegalArgumentException("give both window centre and width, or neither");
    }
    if (windowWidth.isPresent() && !(windowWidth.getAsDouble() > 0 && Double.isFinite(windowWidth.getAsDouble()))) {
      throw new IllegalArgumentException("window width must be positive, not " + windowWidth.getAsDouble());
    }
    if (windowCenter.isPresent() && !Double.isFinite(windowCenter.getAsDouble())) {
      throw new IllegalArgumentException("window centre must be a number");
    }
    if (viewportWidth < 0 || viewportHeight < 0) {
      throw new IllegalArgumentException("viewport " + viewportWidth + " × " + viewportHeight + " is negative");
    }
    if (!(quality >= 0 && quality <= 1)) {
      throw new IllegalArgumentException("quality must be between 0 and 1, not " + quality);
    }
  }

  public RenderParams withWindow(double center, double width) {
    return new RenderParams(OptionalDouble.of(center), OptionalDouble.of(width), viewportWidth, viewportHeight, quality, region);
  }

  public RenderParams withoutWindow() {
    return new RenderParams(OptionalDouble.empty(), OptionalDouble.empty(), viewportWidth, viewportHeight, quality, region);
  }

  /** Fit into width × height (0 for either means no limit), keeping the aspect ratio. */
  public RenderParams withViewport(int width, int height) {
    return new RenderParams(windowCenter, windowWidth, width, height, quality, region);
  }

  public RenderParams withQuality(float quality) {
    return new RenderParams(windowCenter, windowWidth, viewportWidth, viewportHeight, quality, region);
  }

  /** Show only this source rectangle (null: the whole image). */
  public RenderParams withRegion(Region region) {
    return new RenderParams(windowCenter, windowWidth, viewportWidth, viewportHeight, quality, region);
  }
}
