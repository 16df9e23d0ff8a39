package org.linnea.net.dimse;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import org.linnea.dicom.data.Dataset;
import org.linnea.dicom.io.DicomReader;
import org.linnea.dicom.io.ReadOptions;
import org.linnea.dicom.io.TransferSyntax;

/**
 * A small data set (a C-FIND, C-MOVE or C-GET identifier) as received: its bytes, encoded in the
 * transfer syntax of its presentation context.
 */
public record EncodedDataSet(String transferSyntax, byte[] bytes) {
  @Override
  public boolean equals(Object o) {
    return o instanceof EncodedDataSet e && e.transferSyntax.equals(transferSyntax) && Arrays.equals(e.bytes, bytes);
  }

  @Override
  public int hashCode() {
    return transferSyntax.hashCode() * 31 + Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return "EncodedDataSet[" + transferSyntax + ", " + bytes.length + " bytes]";
  }

  /** Decodes the bytes with the core's reader. */
  public Dataset dataset() throws IOException {
    try (DicomReader r = DicomReader.open(new ByteArrayInputStream(bytes))) {
      return r.readDataset(TransferSyntax.of(transferSyntax), ReadOptions.DEFAULT);
    }
  }

  /** A writer that sends these bytes as they are (the transfer syntax must match). */
  public DataWriter writer() {
    return (out, ts) -> out.write(bytes);
  }
}
