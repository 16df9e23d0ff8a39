package org.linnea.net.assoc;

import java.util.List;
import java.util.Optional;
import org.linnea.net.pdu.AAssociateRJ;
import org.linnea.net.pdu.AAssociateRQ;
import org.linnea.net.pdu.ExtendedNegotiation;
import org.linnea.net.pdu.UserIdentity;
import org.linnea.net.pdu.UserInformation;

/**
 * What an acceptor agrees to; consulted by {@link Negotiator} for each A-ASSOCIATE-RQ. The DIMSE
 * server implements it from its registered handlers and AE configuration.
 */
public interface AcceptorPolicy {
  /** Wildcard in {@link #transferSyntaxes}: accept the first transfer syntax proposed. */
  String ANY_TRANSFER_SYNTAX = "*";

  /**
   * Checks the AE titles and the caller's address; an empty result accepts. Typical answers:
   * called AE not recognized (source 1, reason 7), calling AE not recognized (source 1, reason 3).
   */
  Optional<AAssociateRJ> checkCaller(AAssociateRQ rq, String remoteHost);

  /**
   * Verifies a user identity (PS3.7 D.3.3.7).
   *
   * @return the server response to send when the requestor asked for one (empty bytes when there
   *     is nothing to say), or empty to refuse the association
   */
  Optional<byte[]> checkIdentity(UserIdentity identity, String remoteHost);

  /** Whether a request without a user identity is accepted. */
  boolean identityOptional();

  /**
   * Transfer syntaxes acceptable for an abstract syntax, in order of preference; empty when the
   * abstract syntax is not supported. May contain {@link #ANY_TRANSFER_SYNTAX}.
   */
  List<String> transferSyntaxes(String abstractSyntax);

  /** Whether the requestor may act as SCP of this SOP class (C-GET storage sub-operations). */
  boolean acceptScpRole(String sopClassUid);

  /** The answer to a SOP class extended negotiation item; empty to leave it unanswered. */
  Optional<ExtendedNegotiation> extendedNegotiation(ExtendedNegotiation requested);

  /** The asynchronous operations window this side supports; (1, 1) when operations are sequential. */
  UserInformation.AsyncOpsWindow asyncOpsWindow();
}
