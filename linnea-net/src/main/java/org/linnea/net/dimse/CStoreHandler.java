package org.linnea.net.dimse;

import java.io.IOException;
import java.io.InputStream;

/**
 * Storage service provider (PS3.4 Annex B): receives one composite instance per call, on the
 * association's reading thread, as a stream over the PDV fragments straight from the socket.
 *
 * <p>The stream yields the data set without file meta information, in {@link
 * StoreRequest#transferSyntax()}. The handler need not read it to the end (the rest is skipped) and
 * must not keep it after returning. Return normally for success; throw a {@link
 * DicomServiceException} for a failure or a warning status; an {@link IOException} of the
 * handler's own (disk full) becomes status 0xA700 with the message as error comment.
 */
@FunctionalInterface
public interface CStoreHandler {
  void store(StoreRequest request, InputStream dataSet) throws DicomServiceException, IOException;
}
