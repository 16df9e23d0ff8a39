package org.linnea.dicom.data;

import java.util.Arrays;

/**
 * A Person Name (PN) value: up to three component groups — alphabetic, ideographic and phonetic —
 * separated by '=', each of five components (family, given, middle, prefix, suffix) separated by
 * '^' (PS3.5 6.2.1). {@code "Yamada^Tarou=山田^太郎=やまだ^たろう"}.
 */
public record PersonName(Group alphabetic, Group ideographic, Group phonetic) {

  /** The five components of one group; empty strings for absent components. */
  public record Group(String family, String given, String middle, String prefix, String suffix) {
    public static final Group EMPTY = new Group("", "", "", "", "");

    static Group parse(String s) {
      String[] c = Arrays.copyOf(s.split("\\^", 5), 5);
      for (int i = 0; i < 5; i++) {
        c[i] = c[i] == null ? "" : c[i].strip();
      }
      return new Group(c[0], c[1], c[2], c[3], c[4]);
    }

    public boolean isEmpty() {
      return family.isEmpty() && given.isEmpty() && middle.isEmpty() && prefix.isEmpty() && suffix.isEmpty();
    }

    /** The DICOM encoding, trailing empty components and their '^' removed. */
    @Override
    public String toString() {
      String[] c = {family, given, middle, prefix, suffix};
      int n = 5;
      while (n > 0 && c[n - 1].isEmpty()) n--;
      return String.join("^", Arrays.copyOf(c, n));
    }
  }

  public static PersonName parse(String value) {
    String[] g = value.split("=", 3);
    return new PersonName(
        Group.parse(g[0]),
        g.length > 1 ? Group.parse(g[1]) : Group.EMPTY,
        g.length > 2 ? Group.parse(g[2]) : Group.EMPTY);
  }

  /** The DICOM encoding, trailing empty groups removed. */
  @Override
  public String toString() {
    String[] s = {alphabetic.toString(), ideographic.toString(), phonetic.toString()};
    int n = 3;
    while (n > 1 && s[n - 1].isEmpty()) n--;
    return String.join("=", Arrays.copyOf(s, n));
  }
}
