package org.linnea.net.ae;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Which AEs a node is and whom it talks to.
 *
 * @param localAeTitles the called AE titles accepted; empty accepts any
 * @param remoteAes known remote AEs by title (C-MOVE destinations)
 * @param allowListEnabled whether only callers on {@code allowList} may associate
 * @param allowList the calling AEs (and addresses) allowed when enabled
 */
public record AeConfig(Set<String> localAeTitles, Map<String, RemoteAe> remoteAes, boolean allowListEnabled, List<AllowedCaller> allowList) {
  public AeConfig {
    localAeTitles.forEach(AeConfig::checkAeTitle);
    localAeTitles = Set.copyOf(localAeTitles);
    remoteAes = Map.copyOf(remoteAes);
    allowList = List.copyOf(allowList);
  }

  /** Accepts calls to {@code localAeTitles}, knows no remote AEs, allows every caller. */
  public static AeConfig of(String... localAeTitles) {
    return new AeConfig(Set.of(localAeTitles), Map.of(), false, List.of());
  }

  public AeConfig withRemoteAes(RemoteAe... remotes) {
    return new AeConfig(localAeTitles, java.util.Arrays.stream(remotes).collect(Collectors.toMap(RemoteAe::aeTitle, Function.identity())), allowListEnabled, allowList);
  }

  public AeConfig withAllowList(AllowedCaller... callers) {
    return new AeConfig(localAeTitles, remoteAes, true, List.of(callers));
  }

  public boolean acceptsCalledAeTitle(String called) {
    return localAeTitles.isEmpty() || localAeTitles.contains(called);
  }

  public boolean allowsCaller(String callingAeTitle, String remoteHost) {
    return !allowListEnabled || allowList.stream().anyMatch(a -> a.matches(callingAeTitle, remoteHost));
  }

  public Optional<RemoteAe> remoteAe(String aeTitle) {
    return Optional.ofNullable(remoteAes.get(aeTitle));
  }

  /** AE titles: 1 to 16 characters of the default repertoire, no backslash, not all spaces (PS3.5). */
  public static void checkAeTitle(String ae) {
    if (ae == null || ae.isBlank() || ae.length() > 16 || !ae.chars().allMatch(c -> c >= 0x20 && c < 0x7F && c != '\\')) {
      throw new IllegalArgumentException("invalid AE title '" + ae + "': 1 to 16 printable ASCII characters, no backslash");
    }
  }
}
