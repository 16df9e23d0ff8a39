package org.linnea.index;

import java.util.Locale;
import java.util.Optional;

/** Query/Retrieve Level (0008,0052), PS3.4 C.6: the hierarchy's four levels, top down. */
public enum Level {
  PATIENT, STUDY, SERIES, IMAGE;

  /** The level of a Query/Retrieve Level value ("STUDY", "IMAGE"…). */
  public static Optional<Level> of(String value) {
    try {
      return Optional.of(valueOf(value.strip().toUpperCase(Locale.ROOT)));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  public boolean isAbove(Level other) {
    return ordinal() < other.ordinal();
  }
}
