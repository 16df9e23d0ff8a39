package org.linnea.net.dimse;

import java.util.Optional;
import org.linnea.dicom.Tag;

/**
 * A service failure (or warning) that is the DIMSE response: its status, Error Comment (0000,0902),
 * Offending Element (0000,0901) and Error ID (0000,0903) go into the response command as they are.
 * Handlers throw it; {@link #toResponse} turns it into the response. Throw one with a warning
 * status (0xBxxx) from a C-STORE handler to store with a warning.
 */
public class DicomServiceException extends Exception {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final int[] offendingElements;
  private final Integer errorId;

  public DicomServiceException(int status, String errorComment) {
    this(status, errorComment, null, new int[0]);
  }

  public DicomServiceException(int status, String errorComment, Throwable cause) {
    this(status, errorComment, cause, new int[0]);
  }

  public DicomServiceException(int status, String errorComment, Throwable cause, int... offendingElements) {
    this(status, errorComment, cause, null, offendingElements);
  }

  private DicomServiceException(int status, String errorComment, Throwable cause, Integer errorId, int[] offendingElements) {
    super(errorComment, cause);
    this.status = status;
    this.offendingElements = offendingElements.clone();
    this.errorId = errorId;
  }

  /** A copy with Error ID (0000,0903) set. */
  public DicomServiceException withErrorId(int id) {
    return new DicomServiceException(status, getMessage(), getCause(), id, offendingElements);
  }

  public int status() {
    return status;
  }

  public Optional<String> errorComment() {
    return Optional.ofNullable(getMessage());
  }

  public int[] offendingElements() {
    return offendingElements.clone();
  }

  /** The response to {@code rq} this exception stands for. */
  public Command toResponse(Command rq) {
    Command rsp = Command.response(rq, status, false);
    errorComment().ifPresent(c -> rsp.setString(Tag.ErrorComment, truncate(c)));
    if (offendingElements.length > 0) {
      rsp.setTags(Tag.OffendingElement, offendingElements);
    }
    if (errorId != null) {
      rsp.setUS(Tag.ErrorID, errorId);
    }
    return rsp;
  }

  /** Error Comment is LO: at most 64 characters of the default repertoire. */
  private static String truncate(String s) {
    String ascii = s.replaceAll("[^\\x20-\\x7E]", "?").replace('\\', '/');
    return ascii.length() <= 64 ? ascii : ascii.substring(0, 64);
  }
}
