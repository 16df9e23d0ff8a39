package org.linnea.net.ae;

/**
 * A known remote application entity: where to reach it, for example as a C-MOVE destination.
 *
 * @param tls whether it is reached over DICOM TLS (PS3.15 Annex B) rather than plain TCP
 */
public record RemoteAe(String aeTitle, String host, int port, boolean tls) {
  /** One reached over plain TCP. */
  public RemoteAe(String aeTitle, String host, int port) {
    this(aeTitle, host, port, false);
  }

  public RemoteAe {
    AeConfig.checkAeTitle(aeTitle);
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port out of range: " + port);
    }
  }
}
