package org.linnea.dicom.json;

import java.io.IOException;

/**
 * Malformed, ill-typed or hostile DICOM JSON input. Carries the position in the JSON text where
 * the problem was found (1-based line and column; -1 when unknown) and the path of tags leading
 * to the attribute, for example {@code 00081140[2]/00081155}.
 */
public class DicomJsonException extends IOException {
  private static final long serialVersionUID = 1L;

  private final int line;
  private final int column;
  private final String tagPath;

  public DicomJsonException(String problem, int line, int column, String tagPath) {
    this(problem, line, column, tagPath, null);
  }

  public DicomJsonException(String problem, int line, int column, String tagPath, Throwable cause) {
    super(problem + (line > 0 ? " at line " + line + ", column " + column : "")
        + (tagPath == null || tagPath.isEmpty() ? "" : ", in " + tagPath), cause);
    this.line = line;
    this.column = column;
    this.tagPath = tagPath == null ? "" : tagPath;
  }

  /** 1-based line of the JSON text, or -1. */
  public int line() {
    return line;
  }

  /** 1-based column of the JSON text, or -1. */
  public int column() {
    return column;
  }

  /** Tags (ggggeeee, with item indices in brackets) from the top-level dataset to the attribute; empty at top level. */
  public String tagPath() {
    return tagPath;
  }
}
