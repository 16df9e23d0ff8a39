package org.linnea.net.pdu;

import java.io.IOException;

/**
 * A violation of the DICOM upper-layer or DIMSE protocol by the peer: a malformed or unexpected
 * PDU, an invalid item, a broken command set. The only exception the decoders of this module
 * throw on bad input. Carries the A-ABORT reason (PS3.8 section 9.3.8) to report to the peer.
 */
public class ProtocolException extends IOException {
  private static final long serialVersionUID = 1L;

  private final int abortReason;

  public ProtocolException(int abortReason, String message) {
    super(message);
    this.abortReason = abortReason;
  }

  public ProtocolException(String message) {
    this(AAbort.INVALID_PDU_PARAMETER_VALUE, message);
  }

  /** The A-ABORT reason/diag value: one of the {@code AAbort} reason constants. */
  public int abortReason() {
    return abortReason;
  }
}
