/**
 * Linnea's security foundation: who may do what, with which proof, and a record of what was done
 * that cannot be quietly changed.
 *
 * <p>The subpackages, each naming the standard it follows:
 *
 * <ul>
 *   <li>{@link org.linnea.security.access} — roles, permissions, principals and the organisation
 *       boundary (role-based access control, NIST RBAC model in its simplest "flat" form);
 *   <li>{@link org.linnea.security.password} — Argon2id password hashes (RFC 9106) in the PHC
 *       string format, and API keys for machines;
 *   <li>{@link org.linnea.security.account} — local accounts and their persistence;
 *   <li>{@link org.linnea.security.token} — OpenID Connect bearer tokens (RFC 7519 JWT, RFC 7515
 *       JWS, RFC 7517 JWK sets, RFC 8725 best current practice);
 *   <li>{@link org.linnea.security.dicom} — calling-AE allow-list and DICOM User Identity
 *       Negotiation (PS3.7 Annex D.3.3.7);
 *   <li>{@link org.linnea.security.throttle} — login throttling with exponential back-off;
 *   <li>{@link org.linnea.security.audit} — audit messages of DICOM PS3.15 Annex A.5 (IHE ATNA)
 *       and the append-only, hash-chained audit log;
 *   <li>{@link org.linnea.security.syslog} — forwarding over syslog, RFC 5424 over TLS with RFC
 *       5425 framing;
 *   <li>{@link org.linnea.security.tls} — TLS 1.3/1.2 contexts for HTTPS and DICOM TLS (PS3.15
 *       Annex B, BCP 195 / RFC 9325).
 * </ul>
 *
 * <p>This module has no HTTP server, archive or database driver: whatever it keeps (accounts, the
 * audit log) sits behind a small interface with a file-backed implementation here; the archive
 * adds JDBC ones.
 */
package org.linnea.security;
