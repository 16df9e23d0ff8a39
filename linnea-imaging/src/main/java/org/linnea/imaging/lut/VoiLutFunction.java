package org.linnea.imaging.lut;

import java.util.Optional;

/** VOI LUT Function (0028,1056): how a window maps values to output, PS3.3 C.11.2.1.2. */
public enum VoiLutFunction {
  /** C.11.2.1.2.1: the window's width less one spans the output range, centred on c - 0.5. */
  LINEAR {
    @Override
    public double apply(double x, double c, double w, double yMin, double yMax) {
      w = Math.max(w, 1);
      double lower = c - 0.5 - (w - 1) / 2;
      double upper = c - 0.5 + (w - 1) / 2;
      if (x <= lower) return yMin;
      if (x > upper) return yMax;
      return ((x - (c - 0.5)) / (w - 1) + 0.5) * (yMax - yMin) + yMin;
    }
  },
  /** C.11.2.1.3.2: exactly from c - w/2 to c + w/2. */
  LINEAR_EXACT {
    @Override
    public double apply(double x, double c, double w, double yMin, double yMax) {
      if (w <= 0) w = Double.MIN_NORMAL;
      if (x <= c - w / 2) return yMin;
      if (x > c + w / 2) return yMax;
      return ((x - c) / w + 0.5) * (yMax - yMin) + yMin;
    }
  },
  /** C.11.2.1.3.1: a logistic curve, steepest at the centre, never quite reaching the ends. */
  SIGMOID {
    @Override
    public double apply(double x, double c, double w, double yMin, double yMax) {
      if (w <= 0) w = Double.MIN_NORMAL;
      return (yMax - yMin) / (1 + Math.exp(-4 * (x - c) / w)) + yMin;
    }
  };

  /** The output for input {@code x} of the window (c, w), in [yMin, yMax]. */
  public abstract double apply(double x, double c, double w, double yMin, double yMax);

  /** The function named by a VOI LUT Function value; LINEAR when absent or unknown. */
  public static Optional<VoiLutFunction> of(String term) {
    try {
      return Optional.of(valueOf(term.strip()));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
