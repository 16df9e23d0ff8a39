package org.linnea.net.pdu;

import java.util.List;
import java.util.Optional;

/**
 * The user information item (PS3.8 Annex D.1 and PS3.7 Annex D.3.3) of an A-ASSOCIATE-RQ or -AC.
 *
 * @param maxPduLength the maximum P-DATA-TF PDU length the sender can receive; 0 means unlimited
 * @param asyncOpsWindow maximum operations invoked and performed, when negotiated
 * @param userIdentity the requestor's identity (RQ only)
 * @param userIdentityResponse the acceptor's server response (AC only); present, possibly empty,
 *     when the acceptor answers a request for a positive response
 */
public record UserInformation(
    int maxPduLength,
    String implementationClassUid,
    Optional<String> implementationVersionName,
    Optional<AsyncOpsWindow> asyncOpsWindow,
    List<RoleSelection> roleSelections,
    List<ExtendedNegotiation> extendedNegotiations,
    Optional<UserIdentity> userIdentity,
    Optional<byte[]> userIdentityResponse) {

  public UserInformation {
    roleSelections = List.copyOf(roleSelections);
    extendedNegotiations = List.copyOf(extendedNegotiations);
  }

  /** The asynchronous operations window (PS3.7 Annex D.3.3.3); 0 means unlimited. */
  public record AsyncOpsWindow(int maxInvoked, int maxPerformed) {}

  public static UserInformation of(int maxPduLength, String implementationClassUid, String versionName) {
    return new UserInformation(
        maxPduLength, implementationClassUid, Optional.ofNullable(versionName), Optional.empty(),
        List.of(), List.of(), Optional.empty(), Optional.empty());
  }

  public Optional<RoleSelection> roleSelection(String sopClassUid) {
    return roleSelections.stream().filter(r -> r.sopClassUid().equals(sopClassUid)).findFirst();
  }

  public Optional<ExtendedNegotiation> extendedNegotiation(String sopClassUid) {
    return extendedNegotiations.stream().filter(r -> r.sopClassUid().equals(sopClassUid)).findFirst();
  }
}
