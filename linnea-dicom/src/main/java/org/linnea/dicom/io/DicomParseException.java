package org.linnea.dicom.io;

import java.io.IOException;
import org.linnea.dicom.Tags;

/**
 * Malformed, truncated or hostile DICOM input. Carries the byte offset in the stream where the
 * problem was found and the path of tags leading to it, for example
 * {@code (0008,1140)[2]/(0008,1155)}, so that an operator can find the spot with a hex viewer.
 */
public class DicomParseException extends IOException {
  private static final long serialVersionUID = 1L;

  private final long offset;
  private final String tagPath;

  public DicomParseException(String problem, long offset, String tagPath) {
    this(problem, offset, tagPath, null);
  }

  public DicomParseException(String problem, long offset, String tagPath, Throwable cause) {
    super(problem + " at byte offset " + offset + (tagPath.isEmpty() ? "" : ", in " + tagPath), cause);
    this.offset = offset;
    this.tagPath = tagPath;
  }

  /** Byte offset in the (inflated, for deflated syntaxes) stream. */
  public long offset() {
    return offset;
  }

  /** Tags from the top-level dataset to the element being read; empty at top level. */
  public String tagPath() {
    return tagPath;
  }

  static String tag(int tag) {
    return Tags.toString(tag);
  }
}
