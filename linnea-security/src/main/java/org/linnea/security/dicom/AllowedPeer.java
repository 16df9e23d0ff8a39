package org.linnea.security.dicom;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.linnea.security.access.Role;

/**
 * One entry of the calling-AE allow-list: an AE title, the addresses it may call from, and what
 * it is in Linnea.
 *
 * @param aeTitle the calling AE title (compared after trimming spaces, case-sensitive as PS3.5
 *     says AE titles are)
 * @param networks the addresses or CIDR ranges it may call from ("10.1.2.3", "10.1.0.0/16",
 *     "fd00::/8"); never empty — an AE title alone proves nothing
 * @param organisation the organisation its data belongs to
 * @param roles what it may do (typically UPLOADER for a modality, READER for a workstation)
 */
public record AllowedPeer(String aeTitle, List<String> networks, String organisation, Set<Role> roles) {

  public AllowedPeer {
    Objects.requireNonNull(aeTitle, "aeTitle");
    aeTitle = aeTitle.trim();
    if (aeTitle.isEmpty() || aeTitle.length() > 16) {
      throw new IllegalArgumentException("an AE title has 1 to 16 characters: '" + aeTitle + "'");
    }
    networks = List.copyOf(networks);
    if (networks.isEmpty()) {
      throw new IllegalArgumentException("AE " + aeTitle + ": at least one address or network");
    }
    for (String n : networks) {
      parse(n);
    }
    Objects.requireNonNull(organisation, "organisation");
    roles = Set.copyOf(roles);
  }

  /** Whether the address is in one of the entry's networks. */
  public boolean allows(InetAddress address) {
    for (String n : networks) {
      Network net = parse(n);
      if (net.contains(address)) {
        return true;
      }
    }
    return false;
  }

  private record Network(byte[] base, int prefix) {
    boolean contains(InetAddress a) {
      byte[] b = a.getAddress();
      if (b.length != base.length) {
        return false;
      }
      int full = prefix / 8;
      for (int i = 0; i < full; i++) {
        if (b[i] != base[i]) {
          return false;
        }
      }
      int rest = prefix % 8;
      if (rest == 0) {
        return true;
      }
      int mask = (0xff << (8 - rest)) & 0xff;
      return (b[full] & mask) == (base[full] & mask);
    }
  }

  private static Network parse(String n) {
    String s = n.trim();
    int slash = s.indexOf('/');
    String host = slash < 0 ? s : s.substring(0, slash);
    if (!host.matches("[0-9.]+|[0-9a-fA-F:.]*:[0-9a-fA-F:.]*")) {
      throw new IllegalArgumentException("not an IP address or network (no host names): " + n);
    }
    byte[] base;
    try {
      base = InetAddress.getByName(host).getAddress();
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("not an IP address: " + n, e);
    }
    int prefix = base.length * 8;
    if (slash >= 0) {
      try {
        prefix = Integer.parseInt(s.substring(slash + 1));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("bad prefix length: " + n, e);
      }
      if (prefix < 0 || prefix > base.length * 8) {
        throw new IllegalArgumentException("bad prefix length: " + n);
      }
    }
    return new Network(base, prefix);
  }
}
