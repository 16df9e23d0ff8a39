package org.linnea.dicom;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Lookup in the UID registry of PS3.6 Annex A: names and types of the registered UIDs. */
public final class UIDs {
  private UIDs() {}

  /** A registered UID. {@code type} is the standard's, such as "SOP Class" or "Transfer Syntax". */
  public record Entry(String uid, String keyword, String type, boolean retired, String name) {}

  private static final Map<String, Entry> BY_UID = new HashMap<>(1024);
  private static final Map<String, Entry> BY_KEYWORD = new HashMap<>(1024);

  static {
    for (String[] r : UID.TABLE) {
      Entry e = new Entry(r[0], r[1], r[2], "Y".equals(r[3]), r[4]);
      BY_UID.put(e.uid(), e);
      BY_KEYWORD.put(e.keyword(), e);
    }
  }

  public static Optional<Entry> lookup(String uid) {
    return Optional.ofNullable(BY_UID.get(uid));
  }

  public static Optional<Entry> byKeyword(String keyword) {
    return Optional.ofNullable(BY_KEYWORD.get(keyword));
  }

  /** The registered name ("CT Image Storage"), or the UID itself when it is not registered. */
  public static String nameOf(String uid) {
    Entry e = BY_UID.get(uid);
    return e == null ? uid : e.name();
  }

  public static int size() {
    return BY_UID.size();
  }

  /** A new UID under the UUID-derived root 2.25 (PS3.5 B.2): unique without registration. */
  public static String generate() {
    java.util.UUID u = java.util.UUID.randomUUID();
    java.math.BigInteger b = new java.math.BigInteger(1, java.nio.ByteBuffer.allocate(16)
        .putLong(u.getMostSignificantBits()).putLong(u.getLeastSignificantBits()).array());
    return "2.25." + b;
  }
}
