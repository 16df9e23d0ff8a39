package org.linnea.net.pdu;

/**
 * A-ABORT, PS3.8 section 9.3.8.
 *
 * @param source 0 service user, 2 service provider
 * @param reason when the provider aborts: one of the reason constants; 0 for the user
 */
public record AAbort(int source, int reason) implements Pdu {
  public static final int SERVICE_USER = 0;
  public static final int SERVICE_PROVIDER = 2;

  public static final int REASON_NOT_SPECIFIED = 0;
  public static final int UNRECOGNIZED_PDU = 1;
  public static final int UNEXPECTED_PDU = 2;
  public static final int UNRECOGNIZED_PDU_PARAMETER = 4;
  public static final int UNEXPECTED_PDU_PARAMETER = 5;
  public static final int INVALID_PDU_PARAMETER_VALUE = 6;

  @Override
  public int type() {
    return A_ABORT;
  }

  /** A readable account of who aborted and why. */
  public String describe() {
    if (source == SERVICE_USER) {
      return "aborted by the service user";
    }
    String why =
        switch (reason) {
          case UNRECOGNIZED_PDU -> "unrecognized PDU";
          case UNEXPECTED_PDU -> "unexpected PDU";
          case UNRECOGNIZED_PDU_PARAMETER -> "unrecognized PDU parameter";
          case UNEXPECTED_PDU_PARAMETER -> "unexpected PDU parameter";
          case INVALID_PDU_PARAMETER_VALUE -> "invalid PDU parameter value";
          default -> "reason not specified";
        };
    return "aborted by the service provider (" + why + ")";
  }
}
