package org.linnea.imaging.lut;

import org.linnea.dicom.Tag;
import org.linnea.dicom.data.Dataset;
import org.linnea.dicom.data.Sequence;
import org.linnea.imaging.CorruptPixelDataException;

/**
 * The Modality LUT stage (PS3.3 C.11.1): stored values to modality values (Hounsfield units for
 * CT, for instance), by Rescale Slope and Intercept or by the first item of the Modality LUT
 * Sequence (0028,3000). Absent both, the identity.
 */
public sealed interface ModalityLut {

  /** The modality value of a stored value. */
  double apply(double stored);

  /** Whether this is the identity (slope 1, intercept 0). */
  default boolean isIdentity() {
    return this instanceof Rescale r && r.slope() == 1 && r.intercept() == 0;
  }

  /** Rescale: {@code stored × slope + intercept}. */
  record Rescale(double slope, double intercept) implements ModalityLut {
    public static final Rescale IDENTITY = new Rescale(1, 0);

    @Override
    public double apply(double stored) {
      return stored * slope + intercept;
    }
  }

  /** A table from the Modality LUT Sequence. */
  record Table(LookupTable lut) implements ModalityLut {
    @Override
    public double apply(double stored) {
      return lut.lookup((long) stored);
    }
  }

  /**
   * The modality LUT of a dataset. A Modality LUT Sequence wins over rescale values; a slope of
   * 0 or one that is not a number is taken as 1 (it would flatten the image, and is always a
   * writer's mistake).
   */
  static ModalityLut of(Dataset ds, boolean signed) throws CorruptPixelDataException {
    var seq = ds.getSequence(Tag.ModalityLUTSequence);
    if (seq.isPresent() && seq.get().size() > 0) {
      Sequence s = seq.get();
      Dataset item = s.get(0);
      return new Table(LookupTable.read(item, Tag.LUTDescriptor, Tag.LUTData, signed, "Modality LUT"));
    }
    double slope = ds.getDouble(Tag.RescaleSlope).orElse(1);
    double intercept = ds.getDouble(Tag.RescaleIntercept).orElse(0);
    if (slope == 0 || !Double.isFinite(slope)) slope = 1;
    if (!Double.isFinite(intercept)) intercept = 0;
    return slope == 1 && intercept == 0 ? Rescale.IDENTITY : new Rescale(slope, intercept);
  }
}
