package org.linnea.dicom;

/** Linnea's identity in file meta information and association negotiation. */
public final class Implementation {
  private Implementation() {}

  /** Implementation Class UID, under the UUID-derived root 2.25 (PS3.5 B.2); fixed for Linnea. */
  public static final String CLASS_UID = "2.25.281910019994025512016956186907524408010";

  /** Implementation Version Name (at most 16 characters). */
  public static final String VERSION_NAME = "LINNEA_010";
}
