package org.linnea.security.account;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.linnea.security.access.Role;

/**
 * A local account, of a person or a machine.
 *
 * @param username unique, case-sensitive, 1–64 of {@code A–Z a–z 0–9 . _ @ -}
 * @param organisation the organisation id, same alphabet
 * @param roles its roles
 * @param disabled a disabled account cannot authenticate
 * @param created when it was added
 * @param changed when it last changed
 * @param passwordHash the Argon2id PHC string, empty for machine accounts that use only API keys
 * @param apiKeys its API keys (hashes only)
 */
public record Account(
    String username,
    String organisation,
    Set<Role> roles,
    boolean disabled,
    Instant created,
    Instant changed,
    Optional<String> passwordHash,
    List<ApiKey> apiKeys) {

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._@-]{1,64}");

  public Account {
    requireName(username, "username");
    requireName(organisation, "organisation");
    roles = Set.copyOf(roles);
    Objects.requireNonNull(created, "created");
    Objects.requireNonNull(changed, "changed");
    passwordHash = Objects.requireNonNullElse(passwordHash, Optional.empty());
    apiKeys = List.copyOf(apiKeys);
  }

  /** Checks a user name or organisation id; throws IllegalArgumentException when not valid. */
  public static String requireName(String value, String what) {
    if (value == null || !NAME.matcher(value).matches()) {
      throw new IllegalArgumentException(
          what + " must be 1-64 characters of A-Z a-z 0-9 . _ @ -: " + (value == null ? "null" : "'" + value + "'"));
    }
    return value;
  }

  Account withPasswordHash(String hash, Instant now) {
    return new Account(username, organisation, roles, disabled, created, now, Optional.of(hash), apiKeys);
  }

  Account withApiKeys(List<ApiKey> keys, Instant now) {
    return new Account(username, organisation, roles, disabled, created, now, passwordHash, keys);
  }

  Account withRoles(Set<Role> newRoles, Instant now) {
    return new Account(username, organisation, newRoles, disabled, created, now, passwordHash, apiKeys);
  }

  Account withDisabled(boolean d, Instant now) {
    return new Account(username, organisation, roles, d, created, now, passwordHash, apiKeys);
  }

  /** Never shows the password hash: records are printed by accident more often than on purpose. */
  @Override
  public String toString() {
    return "Account[username=" + username + ", organisation=" + organisation + ", roles=" + roles
        + ", disabled=" + disabled + ", created=" + created + ", changed=" + changed
        + ", password=" + (passwordHash.isPresent() ? "(set)" : "(none)") + ", apiKeys=" + apiKeys + "]";
  }
}
