package org.linnea.net.assoc;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.linnea.net.pdu.AAssociateAC;
import org.linnea.net.pdu.AAssociateRJ;
import org.linnea.net.pdu.AAssociateRQ;
import org.linnea.net.pdu.ExtendedNegotiation;
import org.linnea.net.pdu.PresentationContextAC;
import org.linnea.net.pdu.PresentationContextRQ;
import org.linnea.net.pdu.RoleSelection;
import org.linnea.net.pdu.UserIdentity;
import org.linnea.net.pdu.UserInformation;

/**
 * The acceptor's side of association negotiation (PS3.8 section 7.1.1 and PS3.7 Annex D.3.3):
 * checks the protocol version, application context, AE titles and user identity, picks one
 * transfer syntax per presentation context by the policy's preference, answers role selection,
 * extended negotiation and the asynchronous operations window. Pure: no I/O.
 */
public final class Negotiator {
  private Negotiator() {}

  /**
   * Builds the A-ASSOCIATE-AC for a request.
   *
   * @throws AssociationException carrying the A-ASSOCIATE-RJ to send
   */
  public static AAssociateAC negotiate(AAssociateRQ rq, String remoteHost, AcceptorPolicy policy, AssociationSettings settings)
      throws AssociationException {
    if ((rq.protocolVersion() & 1) == 0) {
      throw reject(AAssociateRJ.SOURCE_ACSE, AAssociateRJ.PROTOCOL_VERSION_NOT_SUPPORTED);
    }
    if (!AAssociateRQ.DICOM_APPLICATION_CONTEXT.equals(rq.applicationContext())) {
      throw reject(AAssociateRJ.SOURCE_USER, AAssociateRJ.APPLICATION_CONTEXT_NOT_SUPPORTED);
    }
    Optional<AAssociateRJ> callerCheck = policy.checkCaller(rq, remoteHost);
    if (callerCheck.isPresent()) {
      AAssociateRJ rj = callerCheck.get();
      throw new AssociationException(rj.describe(), rj, null, null);
    }
    UserInformation rqUi = rq.userInformation();
    Optional<byte[]> identityResponse = Optional.empty();
    if (rqUi.userIdentity().isPresent()) {
      UserIdentity id = rqUi.userIdentity().get();
      Optional<byte[]> verdict = policy.checkIdentity(id, remoteHost);
      if (verdict.isEmpty()) {
        throw reject(AAssociateRJ.SOURCE_USER, AAssociateRJ.NO_REASON_GIVEN);
      }
      if (id.positiveResponseRequested()) {
        identityResponse = verdict;
      }
    } else if (!policy.identityOptional()) {
      throw reject(AAssociateRJ.SOURCE_USER, AAssociateRJ.NO_REASON_GIVEN);
    }

    List<PresentationContextAC> pcs = new ArrayList<>();
    for (PresentationContextRQ pc : rq.presentationContexts()) {
      pcs.add(negotiate(pc, policy));
    }
    List<RoleSelection> roles = new ArrayList<>();
    for (RoleSelection r : rqUi.roleSelections()) {
      roles.add(new RoleSelection(r.sopClassUid(), r.scu(), r.scp() && policy.acceptScpRole(r.sopClassUid())));
    }
    List<ExtendedNegotiation> ext = new ArrayList<>();
    for (ExtendedNegotiation e : rqUi.extendedNegotiations()) {
      policy.extendedNegotiation(e).ifPresent(ext::add);
    }
    Optional<UserInformation.AsyncOpsWindow> async =
        rqUi.asyncOpsWindow().map(w -> new UserInformation.AsyncOpsWindow(
            min0(w.maxInvoked(), policy.asyncOpsWindow().maxInvoked()),
            min0(w.maxPerformed(), policy.asyncOpsWindow().maxPerformed())));
    UserInformation ui = new UserInformation(
        settings.maxPduLengthReceive(), settings.implementationClassUid(),
        Optional.ofNullable(settings.implementationVersionName()), async, roles, ext,
        Optional.empty(), identityResponse);
    return new AAssociateAC(1, rq.calledAeTitle(), rq.callingAeTitle(), rq.applicationContext(), pcs, ui);
  }

  /** The smaller of two window sizes where 0 means unlimited. */
  private static int min0(int a, int b) {
    return a == 0 ? b : b == 0 ? a : Math.min(a, b);
  }

  static PresentationContextAC negotiate(PresentationContextRQ pc, AcceptorPolicy policy) {
    List<String> acceptable = policy.transferSyntaxes(pc.abstractSyntax());
    if (acceptable.isEmpty()) {
      return new PresentationContextAC(pc.id(), PresentationContextAC.ABSTRACT_SYNTAX_NOT_SUPPORTED, "");
    }
    for (String ts : acceptable) {
      if (AcceptorPolicy.ANY_TRANSFER_SYNTAX.equals(ts)) {
        if (!pc.transferSyntaxes().isEmpty()) {
          return new PresentationContextAC(pc.id(), PresentationContextAC.ACCEPTANCE, pc.transferSyntaxes().get(0));
        }
      } else if (pc.transferSyntaxes().contains(ts)) {
        return new PresentationContextAC(pc.id(), PresentationContextAC.ACCEPTANCE, ts);
      }
    }
    return new PresentationContextAC(pc.id(), PresentationContextAC.TRANSFER_SYNTAXES_NOT_SUPPORTED, "");
  }

  private static AssociationException reject(int source, int reason) {
    AAssociateRJ rj = new AAssociateRJ(AAssociateRJ.PERMANENT, source, reason);
    return new AssociationException(rj.describe(), rj, null, null);
  }
}
