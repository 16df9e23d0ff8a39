package org.linnea.net.assoc;

/** An accepted presentation context: the abstract syntax and the transfer syntax agreed for it. */
public record PresentationContext(int id, String abstractSyntax, String transferSyntax) {}
