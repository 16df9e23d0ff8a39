package org.linnea.net.pdu;

/**
 * The acceptor's answer to one proposed presentation context (PS3.8 section 9.3.3.2).
 *
 * @param result one of the result constants
 * @param transferSyntax the chosen transfer syntax; significant only when accepted
 */
public record PresentationContextAC(int id, int result, String transferSyntax) {
  public static final int ACCEPTANCE = 0;
  public static final int USER_REJECTION = 1;
  public static final int NO_REASON = 2;
  public static final int ABSTRACT_SYNTAX_NOT_SUPPORTED = 3;
  public static final int TRANSFER_SYNTAXES_NOT_SUPPORTED = 4;

  public boolean accepted() {
    return result == ACCEPTANCE;
  }

  public static String describeResult(int result) {
    return switch (result) {
      case ACCEPTANCE -> "accepted";
      case USER_REJECTION -> "rejected by the user";
      case ABSTRACT_SYNTAX_NOT_SUPPORTED -> "SOP class not supported";
      case TRANSFER_SYNTAXES_NOT_SUPPORTED -> "none of the transfer syntaxes supported";
      default -> "rejected, no reason given";
    };
  }
}
