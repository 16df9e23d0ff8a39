package org.linnea.net.ae;

/** A known remote application entity: where to reach it, for example as a C-MOVE destination. */
public record RemoteAe(String aeTitle, String host, int port) {
  public RemoteAe {
    AeConfig.checkAeTitle(aeTitle);
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port out of range: " + port);
    }
  }
}
