/**
 * Roles, permissions, principals and the organisation boundary: flat role-based access control
 * (the "core RBAC" of ANSI/INCITS 359, NIST) with one fixed table from {@link
 * org.linnea.security.access.Role} to {@link org.linnea.security.access.Permission}, documented in
 * {@code docs/security.md} (a test keeps the two equal).
 *
 * <p>{@link org.linnea.security.access.AccessPolicy} is the one place that decides; the query and
 * retrieve services call it (and {@link org.linnea.security.access.QueryScope} for the SQL filter)
 * so that the organisation boundary is enforced in the query layer, not only in the UI.
 */
package org.linnea.security.access;
