package org.linnea.index;

import java.util.List;

/**
 * The attribute matching types of PS3.4 C.2.2.2 that a query key may use.
 */
public sealed interface Matching {
  /** Universal matching: an empty value; every entity matches (C.2.2.2.3). */
  record Universal() implements Matching {}

  /** Single value matching (C.2.2.2.1): equality; for person names, case-insensitive. */
  record Single(String value) implements Matching {}

  /** Wildcard matching (C.2.2.2.4): {@code *} any sequence of characters, {@code ?} any one character. */
  record Wildcard(String pattern) implements Matching {}

  /** Range matching of dates and times (C.2.2.2.5); either end may be null (open). */
  record Range(String lower, String upper) implements Matching {}

  /** List of UID matching (C.2.2.2.2); also used for a value list of Modalities in Study. */
  record UidList(List<String> uids) implements Matching {
    public UidList {
      uids = List.copyOf(uids);
    }
  }

  Matching UNIVERSAL = new Universal();

  /**
   * The matching a query value asks for, given the attribute's VR code ("DA", "PN", "UI", …).
   * Dates and times with '-' are ranges; UIDs with '\' lists; other values with '*' or '?'
   * wildcards (a lone '*' is universal).
   */
  static Matching of(String vr, String value) {
    if (value == null) return UNIVERSAL;
    String v = value.strip();
    if (v.isEmpty() || v.equals("*")) return UNIVERSAL;
    switch (vr) {
      case "DA", "TM", "DT" -> {
        int dash = v.indexOf('-');
        if (dash >= 0) {
          String lo = v.substring(0, dash).strip();
          String hi = v.substring(dash + 1).strip();
          return new Range(lo.isEmpty() ? null : lo, hi.isEmpty() ? null : hi);
        }
        return new Single(v);
      }
      case "UI" -> {
        return v.indexOf('\\') >= 0 ? new UidList(java.util.Arrays.stream(v.split("\\\\")).map(String::strip).filter(s -> !s.isEmpty()).toList()) : new Single(v);
      }
      default -> {
        if (v.indexOf('*') >= 0 || v.indexOf('?') >= 0) return new Wildcard(v);
        return new Single(v);
      }
    }
  }
}
