package org.linnea.net.dimse;

import java.io.IOException;

/**
 * Query service provider (C-FIND, PS3.4 Annex C). Runs on a virtual thread of its own; report each
 * match with {@link FindResponder#match}, stop early when {@link FindResponder#isCancelled()}.
 * Returning normally ends with Success (or Cancel after a C-CANCEL); throw a {@link
 * DicomServiceException} to end with its status.
 */
@FunctionalInterface
public interface CFindHandler {
  void find(QueryRequest request, FindResponder responder) throws DicomServiceException, IOException;

  /** Sends pending responses. */
  interface FindResponder {
    /** Sends one pending C-FIND-RSP carrying {@code identifier}. */
    void match(DataWriter identifier) throws IOException;

    /** Whether the service user sent C-CANCEL. */
    boolean isCancelled();

    /** The transfer syntax identifiers must be written in. */
    String transferSyntax();
  }
}
