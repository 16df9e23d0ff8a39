package org.linnea.security.account;

import java.time.Instant;
import java.util.Objects;

/**
 * A stored API key: its public lookup prefix and the SHA-256 of the whole key. The key itself is
 * never stored.
 *
 * @param prefix the lookup prefix (see {@link org.linnea.security.password.ApiKeys})
 * @param sha256Hex the SHA-256 of the full key, lower-case hex
 * @param label what the key is for ("CT scanner 2"), chosen by the administrator
 * @param created when it was made
 */
public record ApiKey(String prefix, String sha256Hex, String label, Instant created) {
  public ApiKey {
    Objects.requireNonNull(prefix, "prefix");
    Objects.requireNonNull(sha256Hex, "sha256Hex");
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(created, "created");
  }

  @Override
  public String toString() {
    return "ApiKey[prefix=" + prefix + ", label=" + label + ", created=" + created + "]";
  }
}
