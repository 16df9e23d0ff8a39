package org.linnea.net.ae;

import java.util.Optional;
import org.linnea.net.pdu.UserIdentity;

/**
 * Verifies the user identity of an association request (PS3.7 D.3.3.7): username, username and
 * passcode, Kerberos, SAML or JWT. The security module supplies the real one.
 */
@FunctionalInterface
public interface IdentityCheck {
  /**
   * @return the server response to send back when the requestor asked for one (empty bytes when
   *     there is nothing to say), or empty to refuse the association
   */
  Optional<byte[]> verify(UserIdentity identity, String remoteHost);

  /** Accepts every identity, answering with empty bytes. */
  IdentityCheck ACCEPT_ALL = (id, host) -> Optional.of(new byte[0]);
}
