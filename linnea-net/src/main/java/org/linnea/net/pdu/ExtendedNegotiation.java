package org.linnea.net.pdu;

import java.util.Arrays;

/**
 * SOP class extended negotiation sub-item (PS3.7 Annex D.3.3.5). For query/retrieve SOP classes
 * byte 0 is relational-queries support (PS3.4 C.5.1.1); the bytes are kept opaque here.
 */
public record ExtendedNegotiation(String sopClassUid, byte[] info) {
  public ExtendedNegotiation {
    info = info.clone();
  }

  @Override
  public byte[] info() {
    return info.clone();
  }

  /** Byte {@code index} of the application information, or 0 when absent. */
  public int infoByte(int index) {
    return index < info.length ? info[index] & 0xFF : 0;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ExtendedNegotiation e && e.sopClassUid.equals(sopClassUid) && Arrays.equals(e.info, info);
  }

  @Override
  public int hashCode() {
    return sopClassUid.hashCode() * 31 + Arrays.hashCode(info);
  }

  @Override
  public String toString() {
    return "ExtendedNegotiation[" + sopClassUid + ", " + Arrays.toString(info) + "]";
  }
}
