package org.linnea.net.pdu;

/** A-RELEASE-RQ, PS3.8 section 9.3.6. */
public record AReleaseRQ() implements Pdu {
  @Override
  public int type() {
    return A_RELEASE_RQ;
  }
}
