package org.linnea.net.dimse;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes a data set, encoded in the transfer syntax negotiated for its presentation context, to the
 * fragment stream of a DIMSE message. The stream must not be closed by the writer.
 */
@FunctionalInterface
public interface DataWriter {
  void writeTo(OutputStream out, String transferSyntax) throws IOException;
}
