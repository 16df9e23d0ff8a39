package org.linnea.net.pdu;

/** A-RELEASE-RP, PS3.8 section 9.3.7. */
public record AReleaseRP() implements Pdu {
  @Override
  public int type() {
    return A_RELEASE_RP;
  }
}
