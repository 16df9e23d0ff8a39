package org.linnea.net.pdu;

import java.util.List;

/**
 * P-DATA-TF, PS3.8 section 9.3.5: one or more presentation data values. The values refer to slices
 * of the PDU's body, which is not copied.
 */
public record PDataTF(List<Pdv> pdvs) implements Pdu {
  public PDataTF {
    pdvs = List.copyOf(pdvs);
  }

  @Override
  public int type() {
    return P_DATA_TF;
  }

  /**
   * A presentation data value (PS3.8 section 9.3.5.1 and Annex E.2): a fragment of a DIMSE
   * command or data set.
   */
  public record Pdv(int presentationContextId, boolean command, boolean last, byte[] buffer, int offset, int length) {
    public static Pdv of(int pcid, boolean command, boolean last, byte[] data) {
      return new Pdv(pcid, command, last, data, 0, data.length);
    }

    /** A copy of this value's bytes. */
    public byte[] bytes() {
      return java.util.Arrays.copyOfRange(buffer, offset, offset + length);
    }

    /** The message control header byte. */
    public int controlHeader() {
      return (command ? 1 : 0) | (last ? 2 : 0);
    }
  }
}
