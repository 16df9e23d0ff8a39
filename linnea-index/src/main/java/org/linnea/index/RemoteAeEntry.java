package org.linnea.index;

/**
 * A remote application entity remembered by the index (added at run time).
 *
 * @param tls whether it is reached over DICOM TLS
 */
public record RemoteAeEntry(String aeTitle, String host, int port, boolean tls) {
  /** One reached over plain TCP. */
  public RemoteAeEntry(String aeTitle, String host, int port) {
    this(aeTitle, host, port, false);
  }
}
