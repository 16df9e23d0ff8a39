package org.linnea.net.pdu;

import java.util.List;
import java.util.Optional;

/**
 * A-ASSOCIATE-AC, PS3.8 section 9.3.3. The AE title fields repeat the request's and are not
 * interpreted (PS3.8 says they shall not be tested).
 */
public record AAssociateAC(
    int protocolVersion,
    String calledAeTitle,
    String callingAeTitle,
    String applicationContext,
    List<PresentationContextAC> presentationContexts,
    UserInformation userInformation)
    implements Pdu {

  public AAssociateAC {
    presentationContexts = List.copyOf(presentationContexts);
  }

  @Override
  public int type() {
    return A_ASSOCIATE_AC;
  }

  public Optional<PresentationContextAC> presentationContext(int id) {
    return presentationContexts.stream().filter(pc -> pc.id() == id).findFirst();
  }
}
