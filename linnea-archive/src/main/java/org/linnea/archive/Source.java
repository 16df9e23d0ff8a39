package org.linnea.archive;

/**
 * Where an instance came from, recorded with it: the door and who or what used it.
 *
 * @param door "DIMSE", "IMPORT", "STOW", "SWEEP", "REINDEX"
 * @param origin the calling AE title, the file imported, the user
 */
public record Source(String door, String origin) {
  public static Source dimse(String callingAeTitle) {
    return new Source("DIMSE", callingAeTitle);
  }

  public static Source importOf(String path) {
    return new Source("IMPORT", path);
  }

  @Override
  public String toString() {
    return door + ":" + origin;
  }
}
