package org.linnea.net.dimse;

import java.util.Optional;
import org.linnea.dicom.Tag;

/** A C-STORE request as a handler sees it. */
public record StoreRequest(DimseAssociation association, Command command, String transferSyntax) {
  public String sopClassUid() {
    return command.affectedSopClassUid().orElse("");
  }

  public String sopInstanceUid() {
    return command.affectedSopInstanceUid().orElse("");
  }

  /** The AE title of the C-MOVE SCU when this store is a C-MOVE sub-operation. */
  public Optional<String> moveOriginatorAeTitle() {
    return command.getString(Tag.MoveOriginatorApplicationEntityTitle);
  }
}
