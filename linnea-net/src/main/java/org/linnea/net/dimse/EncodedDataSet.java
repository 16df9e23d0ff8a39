package org.linnea.net.dimse;

import java.util.Arrays;

/**
 * A small data set (a C-FIND, C-MOVE or C-GET identifier) as received: its bytes, encoded in the
 * transfer syntax of its presentation context. Decode it with the core's reader.
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

  /** A writer that sends these bytes as they are (the transfer syntax must match). */
  public DataWriter writer() {
    return (out, ts) -> out.write(bytes);
  }
}
