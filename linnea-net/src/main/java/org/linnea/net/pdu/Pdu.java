package org.linnea.net.pdu;

/** One protocol data unit of PS3.8 section 9.3. */
public sealed interface Pdu permits AAssociateRQ, AAssociateAC, AAssociateRJ, PDataTF, AReleaseRQ, AReleaseRP, AAbort {
  int A_ASSOCIATE_RQ = 0x01;
  int A_ASSOCIATE_AC = 0x02;
  int A_ASSOCIATE_RJ = 0x03;
  int P_DATA_TF = 0x04;
  int A_RELEASE_RQ = 0x05;
  int A_RELEASE_RP = 0x06;
  int A_ABORT = 0x07;

  /** The PDU-type byte. */
  int type();

  /** The PS3.8 name of a PDU type, for logs and messages. */
  static String name(int type) {
    return switch (type) {
      case A_ASSOCIATE_RQ -> "A-ASSOCIATE-RQ";
      case A_ASSOCIATE_AC -> "A-ASSOCIATE-AC";
      case A_ASSOCIATE_RJ -> "A-ASSOCIATE-RJ";
      case P_DATA_TF -> "P-DATA-TF";
      case A_RELEASE_RQ -> "A-RELEASE-RQ";
      case A_RELEASE_RP -> "A-RELEASE-RP";
      case A_ABORT -> "A-ABORT";
      default -> String.format("unknown PDU type 0x%02X", type);
    };
  }
}
