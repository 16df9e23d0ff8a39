package org.linnea.archive;

import java.io.IOException;

/**
 * An instance was not stored. The reason maps to a C-STORE status (PS3.4 B.2.3) and an HTTP
 * status for STOW-RS (PS3.18 10.5.3).
 */
public class IngestException extends IOException {
  private static final long serialVersionUID = 1L;

  /** Why, with the DIMSE and HTTP statuses that say it. */
  public enum Reason {
    /** Duplicate SOP Instance UID refused by the policy: 0x0111, 409 Conflict. */
    DUPLICATE(0x0111, 409),
    /** The data set lacks an identifying UID or contradicts the request: 0xA900, 400. */
    INVALID(0xA900, 400),
    /** Not DICOM, or unreadable: 0xC000 (cannot understand), 400. */
    CANNOT_UNDERSTAND(0xC000, 400),
    /** The store or index failed (disk full, database down): 0xA700, 503. */
    OUT_OF_RESOURCES(0xA700, 503);

    private final int dimseStatus;
    private final int httpStatus;

    Reason(int dimseStatus, int httpStatus) {
      this.dimseStatus = dimseStatus;
      this.httpStatus = httpStatus;
    }

    public int dimseStatus() {
      return dimseStatus;
    }

    public int httpStatus() {
      return httpStatus;
    }
  }

  private final Reason reason;

  public IngestException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  public IngestException(Reason reason, String message) {
    this(reason, message, null);
  }

  public Reason reason() {
    return reason;
  }
}
