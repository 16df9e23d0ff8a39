package org.linnea.net.dimse;

/**
 * DIMSE status codes (PS3.7 Annex C and the service classes of PS3.4) and their categories.
 * Categories follow PS3.7 C.1: 0x0000 success, 0xFF00/0xFF01 pending, 0xFE00 cancel, 0x0001 and
 * 0xBxxx warning, everything else failure.
 */
public final class Status {
  private Status() {}

  public static final int SUCCESS = 0x0000;
  public static final int PENDING = 0xFF00;
  /** C-FIND: pending, but optional keys were not supported. */
  public static final int PENDING_WARNING = 0xFF01;
  public static final int CANCEL = 0xFE00;

  /** Warning: attribute list error (PS3.7 C.4.2). */
  public static final int ATTRIBUTE_LIST_ERROR = 0x0107;
  /** C-STORE warning: coercion of data elements. */
  public static final int COERCION_OF_DATA_ELEMENTS = 0xB000;
  /** C-STORE warning: elements discarded. */
  public static final int ELEMENTS_DISCARDED = 0xB006;
  /** C-STORE warning: data set does not match SOP class. */
  public static final int DATA_SET_DOES_NOT_MATCH_SOP_CLASS_WARNING = 0xB007;
  /** C-MOVE/C-GET warning: sub-operations complete, one or more failures or warnings. */
  public static final int SUB_OPERATIONS_COMPLETE_WITH_FAILURES = 0xB000;

  public static final int NO_SUCH_SOP_CLASS = 0x0118;
  public static final int SOP_CLASS_NOT_SUPPORTED = 0x0122;
  public static final int PROCESSING_FAILURE = 0x0110;
  public static final int DUPLICATE_SOP_INSTANCE = 0x0111;
  public static final int UNRECOGNIZED_OPERATION = 0x0211;
  public static final int NOT_AUTHORIZED = 0x0124;
  public static final int MISTYPED_ARGUMENT = 0x0212;
  public static final int DUPLICATE_INVOCATION = 0x0210;
  public static final int INVALID_ARGUMENT_VALUE = 0x0115;
  /** C-STORE/C-FIND refused: out of resources. */
  public static final int OUT_OF_RESOURCES = 0xA700;
  /** C-MOVE/C-GET refused: out of resources, unable to calculate number of matches. */
  public static final int OUT_OF_RESOURCES_UNABLE_TO_CALCULATE_MATCHES = 0xA701;
  /** C-MOVE/C-GET refused: out of resources, unable to perform sub-operations. */
  public static final int OUT_OF_RESOURCES_UNABLE_TO_PERFORM_SUB_OPERATIONS = 0xA702;
  /** C-MOVE refused: move destination unknown. */
  public static final int MOVE_DESTINATION_UNKNOWN = 0xA801;
  /** Error: data set does not match SOP class. */
  public static final int DATA_SET_DOES_NOT_MATCH_SOP_CLASS = 0xA900;
  /** C-FIND/C-MOVE/C-GET failed: identifier does not match SOP class. */
  public static final int IDENTIFIER_DOES_NOT_MATCH_SOP_CLASS = 0xA900;
  /** Error: cannot understand (0xCxxx). */
  public static final int CANNOT_UNDERSTAND = 0xC000;
  /** C-FIND/C-MOVE/C-GET failed: unable to process. */
  public static final int UNABLE_TO_PROCESS = 0xC000;

  public static boolean isPending(int status) {
    return status == PENDING || status == PENDING_WARNING;
  }

  public static boolean isSuccess(int status) {
    return status == SUCCESS;
  }

  public static boolean isCancel(int status) {
    return status == CANCEL;
  }

  public static boolean isWarning(int status) {
    return status == 0x0001 || (status & 0xF000) == 0xB000 || status == ATTRIBUTE_LIST_ERROR;
  }

  public static boolean isFailure(int status) {
    return !isSuccess(status) && !isPending(status) && !isCancel(status) && !isWarning(status);
  }

  /** A readable description of a status, with its code. */
  public static String describe(int status) {
    String s =
        switch (status) {
          case SUCCESS -> "success";
          case PENDING -> "pending";
          case PENDING_WARNING -> "pending (optional keys not supported)";
          case CANCEL -> "cancelled";
          case ATTRIBUTE_LIST_ERROR -> "warning: attribute list error";
          case 0xB000 -> "warning: coercion of data elements, or sub-operations completed with failures";
          case ELEMENTS_DISCARDED -> "warning: elements discarded";
          case DATA_SET_DOES_NOT_MATCH_SOP_CLASS_WARNING -> "warning: data set does not match SOP class";
          case NO_SUCH_SOP_CLASS -> "failure: no such SOP class";
          case SOP_CLASS_NOT_SUPPORTED -> "failure: SOP class not supported";
          case PROCESSING_FAILURE -> "failure: processing failure";
          case DUPLICATE_SOP_INSTANCE -> "failure: duplicate SOP instance";
          case UNRECOGNIZED_OPERATION -> "failure: unrecognized operation";
          case NOT_AUTHORIZED -> "failure: not authorized";
          case MISTYPED_ARGUMENT -> "failure: mistyped argument";
          case INVALID_ARGUMENT_VALUE -> "failure: invalid argument value";
          case OUT_OF_RESOURCES -> "refused: out of resources";
          case OUT_OF_RESOURCES_UNABLE_TO_CALCULATE_MATCHES -> "refused: out of resources (unable to calculate matches)";
          case OUT_OF_RESOURCES_UNABLE_TO_PERFORM_SUB_OPERATIONS -> "refused: out of resources (unable to perform sub-operations)";
          case MOVE_DESTINATION_UNKNOWN -> "refused: move destination unknown";
          case DATA_SET_DOES_NOT_MATCH_SOP_CLASS -> "error: data set or identifier does not match SOP class";
          default ->
              (status & 0xF000) == 0xC000
                  ? "error: cannot understand / unable to process"
                  : (status & 0xFF00) == 0xA700 ? "refused: out of resources"
                  : isWarning(status) ? "warning" : "failure";
        };
    return String.format("%s (0x%04X)", s, status);
  }
}
