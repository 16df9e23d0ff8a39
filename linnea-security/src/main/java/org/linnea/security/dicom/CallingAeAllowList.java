package org.linnea.security.dicom;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.linnea.security.access.Principal;
import org.linnea.security.access.Principal.Authentication;
import org.linnea.security.access.Principal.Kind;

/**
 * The calling-AE allow-list: an association is admitted only when its calling AE title is listed
 * and it comes from one of that entry's addresses. The admitted peer becomes a machine {@link
 * Principal} of the entry's organisation and roles. Unlisted AEs are rejected (A-ASSOCIATE-RJ,
 * "calling AE title not recognized"); there is no wildcard entry. Immutable; thread-safe.
 */
public final class CallingAeAllowList {

  private final Map<String, AllowedPeer> byAeTitle = new HashMap<>();

  public CallingAeAllowList(List<AllowedPeer> peers) {
    for (AllowedPeer p : peers) {
      if (byAeTitle.put(p.aeTitle(), p) != null) {
        throw new IllegalArgumentException("AE title listed twice: " + p.aeTitle());
      }
    }
  }

  /** The principal for an association from {@code address} calling as {@code callingAeTitle}. */
  public Optional<Principal> admit(String callingAeTitle, InetAddress address) {
    if (callingAeTitle == null || address == null) {
      return Optional.empty();
    }
    AllowedPeer p = byAeTitle.get(callingAeTitle.trim());
    if (p == null || !p.allows(address)) {
      return Optional.empty();
    }
    return Optional.of(new Principal(p.aeTitle(), Kind.MACHINE, p.organisation(), p.roles(),
        Authentication.DICOM_AE_TITLE, Optional.of(address.getHostAddress())));
  }

  /** The entry of an AE title, if listed. */
  public Optional<AllowedPeer> entry(String aeTitle) {
    return Optional.ofNullable(byAeTitle.get(aeTitle.trim()));
  }
}
