package org.linnea.net.dimse;

import java.io.IOException;
import java.io.OutputStream;
import org.linnea.dicom.data.Dataset;
import org.linnea.dicom.io.DicomWriter;
import org.linnea.dicom.io.TransferSyntax;

/**
 * Writes a data set, encoded in the transfer syntax negotiated for its presentation context, to the
 * fragment stream of a DIMSE message. The stream must not be closed by the writer.
 */
@FunctionalInterface
public interface DataWriter {
  void writeTo(OutputStream out, String transferSyntax) throws IOException;

  /** Writes {@code dataset} with the core's writer in whatever syntax was negotiated. */
  static DataWriter of(Dataset dataset) {
    return (out, ts) -> {
      DicomWriter w = new DicomWriter(out);
      w.writeDataset(dataset, TransferSyntax.of(ts));
      w.flush(); // not close: the fragment stream belongs to the caller
    };
  }
}
