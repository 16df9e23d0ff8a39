package org.linnea.net.dimse;

import java.io.IOException;
import java.io.InputStream;

/** A stored composite instance to send: its identity, its transfer syntax and its data set. */
public interface Instance {
  String sopClassUid();

  String sopInstanceUid();

  String transferSyntax();

  /** Opens the data set (no file meta information), encoded in {@link #transferSyntax()}. */
  InputStream openDataSet() throws IOException;
}
