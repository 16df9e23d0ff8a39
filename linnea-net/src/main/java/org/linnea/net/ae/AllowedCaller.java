package org.linnea.net.ae;

import java.util.Set;

/**
 * An entry of the calling-AE allow-list: an AE title and the IP addresses it may call from (empty
 * for any address).
 */
public record AllowedCaller(String aeTitle, Set<String> addresses) {
  public AllowedCaller {
    AeConfig.checkAeTitle(aeTitle);
    addresses = Set.copyOf(addresses);
  }

  public boolean matches(String callingAeTitle, String remoteHost) {
    return aeTitle.equals(callingAeTitle) && (addresses.isEmpty() || addresses.contains(remoteHost));
  }
}
