package org.linnea.net.pdu;

/**
 * A-ASSOCIATE-RJ, PS3.8 section 9.3.4.
 *
 * @param result 1 rejected-permanent, 2 rejected-transient
 * @param source 1 service user, 2 service provider (ACSE), 3 service provider (presentation)
 * @param reason the reason/diag value, whose meaning depends on the source
 */
public record AAssociateRJ(int result, int source, int reason) implements Pdu {
  public static final int PERMANENT = 1;
  public static final int TRANSIENT = 2;

  public static final int SOURCE_USER = 1;
  public static final int SOURCE_ACSE = 2;
  public static final int SOURCE_PRESENTATION = 3;

  /** Source 1: no reason given. */
  public static final int NO_REASON_GIVEN = 1;
  /** Source 1: application context name not supported. */
  public static final int APPLICATION_CONTEXT_NOT_SUPPORTED = 2;
  /** Source 1: calling AE title not recognized. */
  public static final int CALLING_AE_NOT_RECOGNIZED = 3;
  /** Source 1: called AE title not recognized. */
  public static final int CALLED_AE_NOT_RECOGNIZED = 7;
  /** Source 2: protocol version not supported. */
  public static final int PROTOCOL_VERSION_NOT_SUPPORTED = 2;
  /** Source 3: temporary congestion. */
  public static final int TEMPORARY_CONGESTION = 1;
  /** Source 3: local limit exceeded. */
  public static final int LOCAL_LIMIT_EXCEEDED = 2;

  @Override
  public int type() {
    return A_ASSOCIATE_RJ;
  }

  /** A readable reason, with a hint for the operator where one helps. */
  public String describe() {
    String why =
        switch (source) {
          case SOURCE_USER ->
              switch (reason) {
                case APPLICATION_CONTEXT_NOT_SUPPORTED -> "application context name not supported";
                case CALLING_AE_NOT_RECOGNIZED -> "calling AE title not recognized (check --aet, and that the peer knows this AE)";
                case CALLED_AE_NOT_RECOGNIZED -> "called AE title not recognized (check --aec)";
                default -> "no reason given (the peer may refuse this user or this AE)";
              };
          case SOURCE_ACSE ->
              reason == PROTOCOL_VERSION_NOT_SUPPORTED ? "protocol version not supported" : "no reason given";
          case SOURCE_PRESENTATION ->
              reason == TEMPORARY_CONGESTION
                  ? "temporary congestion (try again later)"
                  : reason == LOCAL_LIMIT_EXCEEDED ? "local limit exceeded (too many associations; try later or fewer in parallel)" : "reason not specified";
          default -> "reason " + reason + " from source " + source;
        };
    return (result == TRANSIENT ? "transient: " : "") + why;
  }
}
