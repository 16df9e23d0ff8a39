package org.linnea.security.token;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.linnea.security.access.Role;

/**
 * Which claims of a token say who, of which organisation, with which roles.
 *
 * <p>Claim names may be dotted paths into nested objects ({@code realm_access.roles}, as Keycloak
 * puts roles). The roles claim may be an array of strings or one space-separated string (as
 * {@code scope} is). Each value is mapped through {@code roleNames} first (provider name → Linnea
 * role), then by name ("reader", "READER"); values that map to nothing are ignored.
 *
 * @param usernameClaim e.g. {@code preferred_username} or {@code sub}
 * @param organisationClaim e.g. {@code organisation}
 * @param rolesClaim e.g. {@code roles} or {@code realm_access.roles}
 * @param defaultOrganisation the organisation for tokens without the organisation claim (a
 *     single-organisation node); empty to refuse such tokens
 * @param roleNames provider role names mapped to Linnea roles
 */
public record ClaimMapping(
    String usernameClaim,
    String organisationClaim,
    String rolesClaim,
    Optional<String> defaultOrganisation,
    Map<String, Role> roleNames) {

  public ClaimMapping {
    Objects.requireNonNull(usernameClaim, "usernameClaim");
    Objects.requireNonNull(organisationClaim, "organisationClaim");
    Objects.requireNonNull(rolesClaim, "rolesClaim");
    defaultOrganisation = Objects.requireNonNullElse(defaultOrganisation, Optional.empty());
    roleNames = Map.copyOf(roleNames);
  }

  /** {@code preferred_username}, {@code organisation}, {@code roles}, no default organisation. */
  public static ClaimMapping defaults() {
    return new ClaimMapping("preferred_username", "organisation", "roles", Optional.empty(), Map.of());
  }
}
