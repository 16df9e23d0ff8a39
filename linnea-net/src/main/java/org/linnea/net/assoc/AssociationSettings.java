package org.linnea.net.assoc;

import java.time.Duration;

/**
 * Upper-layer parameters of one side of an association, immutable.
 *
 * @param maxPduLengthReceive the maximum P-DATA-TF PDU length announced to the peer
 * @param maxPduLengthSend a cap on the PDUs sent, below what the peer announces; 0 for none
 * @param connectTimeout TCP connect (requestor)
 * @param artimTimeout the ARTIM timer of PS3.8 section 9.1.5: waiting for A-ASSOCIATE-RQ, -AC or
 *     -RJ, for A-RELEASE-RP and for the peer to close the transport
 * @param idleTimeout an established association with no PDU for this long is aborted
 * @param readTimeout the longest wait for the rest of a PDU once its header arrived
 * @param writeTimeout a write blocked this long (the peer stopped reading) aborts the association
 */
public record AssociationSettings(
    int maxPduLengthReceive,
    int maxPduLengthSend,
    Duration connectTimeout,
    Duration artimTimeout,
    Duration idleTimeout,
    Duration readTimeout,
    Duration writeTimeout,
    String implementationClassUid,
    String implementationVersionName) {

  /** Linnea's implementation class UID, as in file meta information. */
  public static final String IMPLEMENTATION_CLASS_UID = org.linnea.dicom.Implementation.CLASS_UID;

  public static final String IMPLEMENTATION_VERSION_NAME = org.linnea.dicom.Implementation.VERSION_NAME;

  public AssociationSettings {
    if (maxPduLengthReceive != 0 && maxPduLengthReceive < 4096) {
      throw new IllegalArgumentException("maxPduLengthReceive must be 0 or at least 4096: " + maxPduLengthReceive);
    }
  }

  public static AssociationSettings defaults() {
    return new AssociationSettings(
        65536, 0, Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofSeconds(60),
        Duration.ofSeconds(30), Duration.ofSeconds(30), IMPLEMENTATION_CLASS_UID, IMPLEMENTATION_VERSION_NAME);
  }

  public AssociationSettings withTimeouts(Duration artim, Duration idle, Duration read, Duration write) {
    return new AssociationSettings(
        maxPduLengthReceive, maxPduLengthSend, connectTimeout, artim, idle, read, write,
        implementationClassUid, implementationVersionName);
  }

  public AssociationSettings withMaxPduLength(int receive, int send) {
    return new AssociationSettings(
        receive, send, connectTimeout, artimTimeout, idleTimeout, readTimeout, writeTimeout,
        implementationClassUid, implementationVersionName);
  }

  public AssociationSettings withConnectTimeout(Duration connect) {
    return new AssociationSettings(
        maxPduLengthReceive, maxPduLengthSend, connect, artimTimeout, idleTimeout, readTimeout, writeTimeout,
        implementationClassUid, implementationVersionName);
  }

  public static int millis(Duration d) {
    return (int) Math.min(Integer.MAX_VALUE, Math.max(0, d.toMillis()));
  }
}
