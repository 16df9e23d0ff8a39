package org.linnea.net.pdu;

import java.util.List;

/**
 * A proposed presentation context (PS3.8 section 9.3.2.2): an odd identifier 1..255, one abstract
 * syntax (a SOP class or meta SOP class UID) and the transfer syntaxes the requestor can use for it.
 */
public record PresentationContextRQ(int id, String abstractSyntax, List<String> transferSyntaxes) {
  public PresentationContextRQ {
    transferSyntaxes = List.copyOf(transferSyntaxes);
  }

  public PresentationContextRQ(int id, String abstractSyntax, String... transferSyntaxes) {
    this(id, abstractSyntax, List.of(transferSyntaxes));
  }
}
