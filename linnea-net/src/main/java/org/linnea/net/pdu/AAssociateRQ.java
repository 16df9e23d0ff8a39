package org.linnea.net.pdu;

import java.util.List;
import java.util.Optional;

/** A-ASSOCIATE-RQ, PS3.8 section 9.3.2. */
public record AAssociateRQ(
    int protocolVersion,
    String calledAeTitle,
    String callingAeTitle,
    String applicationContext,
    List<PresentationContextRQ> presentationContexts,
    UserInformation userInformation)
    implements Pdu {

  /** The DICOM application context name, PS3.7 Annex A.2.1. */
  public static final String DICOM_APPLICATION_CONTEXT = "1.2.840.10008.3.1.1.1";

  public AAssociateRQ {
    presentationContexts = List.copyOf(presentationContexts);
  }

  @Override
  public int type() {
    return A_ASSOCIATE_RQ;
  }

  public Optional<PresentationContextRQ> presentationContext(int id) {
    return presentationContexts.stream().filter(pc -> pc.id() == id).findFirst();
  }
}
