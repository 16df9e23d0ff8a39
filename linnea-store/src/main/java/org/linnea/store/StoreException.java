package org.linnea.store;

import java.io.IOException;

/** A storage failure: the object could not be written, read or found. */
public class StoreException extends IOException {
  private static final long serialVersionUID = 1L;

  public StoreException(String message) {
    super(message);
  }

  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
