package org.linnea.net.ae;

/**
 * Decides whether a calling AE from an address may associate at all, before presentation contexts
 * are looked at; a refused caller gets A-ASSOCIATE-RJ "calling AE title not recognized". The
 * security layer supplies one (allow-list entries with networks, loopback defaults).
 */
@FunctionalInterface
public interface CallerCheck {
  /**
   * @param withIdentity whether the request carries a user identity, which the {@link
   *     IdentityCheck} verifies next (a caller may be admitted on its identity alone)
   */
  boolean admits(String callingAeTitle, String remoteHost, boolean withIdentity);
}
