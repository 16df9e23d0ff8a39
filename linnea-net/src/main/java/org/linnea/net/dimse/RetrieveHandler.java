package org.linnea.net.dimse;

import java.io.IOException;
import java.util.List;

/**
 * Retrieve service provider (C-MOVE and C-GET, PS3.4 Annex C): resolves the identifier to the
 * instances to send; this module performs the C-STORE sub-operations, pending responses with
 * sub-operation counts, C-CANCEL and the final status (with Failed SOP Instance UID List). Throw a
 * {@link DicomServiceException} to refuse (for example 0xA900 or 0xC000).
 */
@FunctionalInterface
public interface RetrieveHandler {
  List<? extends Instance> retrieve(QueryRequest request) throws DicomServiceException, IOException;
}
