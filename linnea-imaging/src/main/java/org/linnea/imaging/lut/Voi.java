package org.linnea.imaging.lut;

import java.util.Optional;
import org.linnea.dicom.Tag;
import org.linnea.dicom.data.Dataset;
import org.linnea.imaging.CorruptPixelDataException;

/**
 * The VOI LUT stage (PS3.3 C.11.2): modality values to output values, here 0 to 255, by a
 * window (centre, width and function) or by a VOI LUT table.
 */
public sealed interface Voi {

  /** The output, in [0, 255], for a modality value. */
  double apply(double x);

  /** A window: Window Center (0028,1050), Window Width (0028,1051), VOI LUT Function. */
  record Window(double center, double width, VoiLutFunction function) implements Voi {
    public Window {
      if (!Double.isFinite(center) || !Double.isFinite(width) || width <= 0) {
        throw new IllegalArgumentException("window centre " + center + " width " + width + ": the width must be positive");
      }
    }

    @Override
    public double apply(double x) {
      return function.apply(x, center, width, 0, 255);
    }
  }

  /** A table from the VOI LUT Sequence, scaled from its entry range to 0..255. */
  record Table(LookupTable lut) implements Voi {
    @Override
    public double apply(double x) {
      return lut.lookup(Math.round(x)) * 255.0 / lut.maxEntry();
    }
  }

  /**
   * The first window of the dataset (PS3.3 C.11.2.1.2: Window Center and Width may hold several
   * windows; the first is the default), with its VOI LUT Function; a width that is not positive
   * is ignored.
   */
  static Optional<Window> firstWindow(Dataset ds) {
    double[] c = ds.getDoubles(Tag.WindowCenter);
    double[] w = ds.getDoubles(Tag.WindowWidth);
    if (c.length == 0 || w.length == 0 || !(w[0] > 0) || !Double.isFinite(c[0]) || !Double.isFinite(w[0])) return Optional.empty();
    VoiLutFunction f = ds.getString(Tag.VOILUTFunction).flatMap(VoiLutFunction::of).orElse(VoiLutFunction.LINEAR);
    if (f == VoiLutFunction.LINEAR && w[0] < 1) return Optional.empty();
    return Optional.of(new Window(c[0], w[0], f));
  }

  /** The first item of the VOI LUT Sequence (0028,3010), if any. */
  static Optional<Table> firstTable(Dataset ds, boolean signed) throws CorruptPixelDataException {
    var seq = ds.getSequence(Tag.VOILUTSequence);
    if (seq.isEmpty() || seq.get().isEmpty()) return Optional.empty();
    return Optional.of(new Table(LookupTable.read(seq.get().get(0), Tag.LUTDescriptor, Tag.LUTData, signed, "VOI LUT")));
  }
}
