package org.linnea.index;

/** An instance was refused under the duplicate policy; carries what is already stored. */
public class DuplicateInstanceException extends IndexException {
  private static final long serialVersionUID = 1L;

  private final String sopInstanceUid;
  private final String existingSha256;

  public DuplicateInstanceException(String sopInstanceUid, String existingSha256, String why) {
    super("duplicate SOP Instance UID " + sopInstanceUid + ": " + why);
    this.sopInstanceUid = sopInstanceUid;
    this.existingSha256 = existingSha256;
  }

  public String sopInstanceUid() {
    return sopInstanceUid;
  }

  public String existingSha256() {
    return existingSha256;
  }
}
