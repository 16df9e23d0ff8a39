package org.linnea.net.dimse;

/** A C-FIND, C-MOVE or C-GET request as a handler sees it: the command and the identifier. */
public record QueryRequest(DimseAssociation association, Command command, EncodedDataSet identifier) {
  public String sopClassUid() {
    return command.affectedSopClassUid().orElse("");
  }
}
