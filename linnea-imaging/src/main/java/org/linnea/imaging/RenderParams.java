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
 */
public record RenderParams(OptionalDouble windowCenter, OptionalDouble windowWidth, int viewportWidth, int viewportHeight, float quality) {

  /** The dataset's own window, natural size, quality 0.9. */
  public static final RenderParams DEFAULT = new RenderParams(OptionalDouble.empty(), OptionalDouble.empty(), 0, 0, 0.9f);

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
    return new RenderParams(OptionalDouble.of(center), OptionalDouble.of(width), viewportWidth, viewportHeight, quality);
  }

  public RenderParams withoutWindow() {
    return new RenderParams(OptionalDouble.empty(), OptionalDouble.empty(), viewportWidth, viewportHeight, quality);
  }

  /** Fit into width × height (0 for either means no limit), keeping the aspect ratio. */
  public RenderParams withViewport(int width, int height) {
    return new RenderParams(windowCenter, windowWidth, width, height, quality);
  }

  public RenderParams withQuality(float quality) {
    return new RenderParams(windowCenter, windowWidth, viewportWidth, viewportHeight, quality);
  }
}
