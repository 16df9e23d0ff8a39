package org.linnea.net.dimse;

/** Verification service provider (PS3.4 Annex A). The default answers success. */
@FunctionalInterface
public interface CEchoHandler {
  /** Returns normally for success; throw to answer with the exception's status. */
  void echo(DimseAssociation association, Command rq) throws DicomServiceException;
}
