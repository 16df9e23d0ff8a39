package org.linnea.security.access;

import java.util.Objects;
import java.util.Optional;

/**
 * The one place that decides who may do what. Two rules:
 *
 * <ol>
 *   <li>one of the principal's roles must grant the permission ({@link Role}); and
 *   <li>the resource must belong to the principal's organisation — or, for reading a study
 *       ({@link Permission#isGrantedBySharing() QUERY, RETRIEVE}), the study's organisation must
 *       have shared it with the principal's organisation ({@link SharingGrants}).
 * </ol>
 *
 * <p>Node resources (configuration, accounts, the audit log) belong to the organisation that runs
 * the node: callers pass that organisation as {@code resourceOrganisation}.
 *
 * <p>Thread-safe and stateless apart from the grants it asks.
 */
public final class AccessPolicy {

  private final SharingGrants grants;

  public AccessPolicy(SharingGrants grants) {
    this.grants = Objects.requireNonNull(grants, "grants");
  }

  /**
   * Decide an action on a resource of an organisation, not a particular study (so no sharing
   * grant applies): configuration, accounts, the audit log, storing into an organisation.
   */
  public AccessDecision check(
      Principal principal, Permission permission, String resourceOrganisation) {
    return check(principal, permission, resourceOrganisation, null);
  }

  /**
   * Decide an action on one study of {@code resourceOrganisation}.
   *
   * @param studyUid the study's Study Instance UID, or null when the resource is not a study
   */
  public AccessDecision check(
      Principal principal, Permission permission, String resourceOrganisation, String studyUid) {
    Objects.requireNonNull(principal, "principal");
    Objects.requireNonNull(permission, "permission");
    Objects.requireNonNull(resourceOrganisation, "resourceOrganisation");
    if (!principal.has(permission)) {
      return AccessDecision.deny(
          "no role of " + principal.name() + " " + principal.roles() + " grants " + permission);
    }
    if (principal.organisation().equals(resourceOrganisation)) {
      return AccessDecision.allow(permission + " in own organisation");
    }
    if (studyUid != null
        && permission.isGrantedBySharing()
        && grants.isShared(studyUid, resourceOrganisation, principal.organisation())) {
      return AccessDecision.allow(
          permission + " on a study shared by " + resourceOrganisation + " with "
              + principal.organisation());
    }
    return AccessDecision.deny(
        permission + " on a resource of organisation " + resourceOrganisation + " by a principal of "
            + principal.organisation() + (studyUid == null ? "" : " without a sharing grant"));
  }

  /** Like {@link #check(Principal, Permission, String, String)}, throwing when refused. */
  public void require(
      Principal principal, Permission permission, String resourceOrganisation, String studyUid) {
    AccessDecision d = check(principal, permission, resourceOrganisation, studyUid);
    if (!d.allowed()) {
      throw new AccessDeniedException(d);
    }
  }

  /**
   * What a query (QUERY, or RETRIEVE by query) by this principal may see; empty when its roles do
   * not grant the permission at all.
   */
  public Optional<QueryScope> queryScope(Principal principal, Permission permission) {
    if (!principal.has(permission)) {
      return QueryScope.none();
    }
    return Optional.of(
        new QueryScope(principal.organisation(), permission.isGrantedBySharing()));
  }
}
