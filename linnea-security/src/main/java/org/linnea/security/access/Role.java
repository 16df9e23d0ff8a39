package org.linnea.security.access;

import static org.linnea.security.access.Permission.AUDIT_READ;
import static org.linnea.security.access.Permission.CONFIGURE;
import static org.linnea.security.access.Permission.DELETE;
import static org.linnea.security.access.Permission.EXPORT;
import static org.linnea.security.access.Permission.MANAGE_USERS;
import static org.linnea.security.access.Permission.QUERY;
import static org.linnea.security.access.Permission.RETRIEVE;
import static org.linnea.security.access.Permission.SHARE;
import static org.linnea.security.access.Permission.STORE;

import java.util.Collection;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The roles, and the one table from roles to permissions. {@code docs/security.md} shows the same
 * table; {@code RoleTableDocumentationTest} fails when they differ.
 *
 * <p>Roles are additive: a principal with several roles has the union of their permissions.
 * Nobody has a permission no role gives (there is no "superuser" bypass).
 */
public enum Role {
  /** Runs the node: everything, within its organisation. */
  ADMINISTRATOR(EnumSet.allOf(Permission.class)),
  /** A radiologist or clinician: finds, views and exports studies. */
  READER(EnumSet.of(QUERY, RETRIEVE, EXPORT)),
  /** A modality or an import station: sends studies in, sees nothing. */
  UPLOADER(EnumSet.of(STORE)),
  /** Reads the audit trail, and nothing else. */
  AUDITOR(EnumSet.of(AUDIT_READ)),
  /** Machine-to-machine exchange (another node, a hub): finds, reads and stores. */
  SERVICE(EnumSet.of(QUERY, RETRIEVE, STORE));

  private final Set<Permission> permissions;

  Role(EnumSet<Permission> permissions) {
    this.permissions = Set.copyOf(permissions);
  }

  /** The permissions of this role (unmodifiable). */
  public Set<Permission> permissions() {
    return permissions;
  }

  /** Whether this role grants the permission. */
  public boolean grants(Permission permission) {
    return permissions.contains(permission);
  }

  /** Whether any of the roles grants the permission. */
  public static boolean anyGrants(Collection<Role> roles, Permission permission) {
    for (Role r : roles) {
      if (r.grants(permission)) {
        return true;
      }
    }
    return false;
  }

  /** The role of that name, case-insensitive ("reader", "READER"), if there is one. */
  public static Optional<Role> parse(String name) {
    if (name == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(valueOf(name.trim().toUpperCase(Locale.ROOT)));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
