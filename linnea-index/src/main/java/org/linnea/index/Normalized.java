package org.linnea.index;

import java.time.LocalTime;
import java.util.Locale;
import org.linnea.dicom.data.DateTimes;
import org.linnea.dicom.data.PersonName;

/** How values are stored so that SQL can match them: fixed-width dates and times, upper-cased names. */
final class Normalized {
  private Normalized() {}

  /** A person name for case-insensitive matching: its DICOM form, trailing separators removed, upper-cased. */
  static String personName(String pn) {
    if (pn == null || pn.isBlank()) return null;
    return PersonName.parse(pn).toString().toUpperCase(Locale.ROOT);
  }

  /** A query value for a person name, wildcards kept: upper-cased, trailing '^' and '=' removed. */
  static String personNamePattern(String pn) {
    String s = pn.strip().toUpperCase(Locale.ROOT);
    if (s.indexOf('*') < 0 && s.indexOf('?') < 0) return personName(pn);
    return s;
  }

  /** YYYYMMDD, or null for an absent or unparseable date. */
  static String date(String da) {
    if (da == null) return null;
    return DateTimes.parseDate(da).map(DateTimes::formatDate).orElse(null);
  }

  /** HHMMSS.FFFFFF (always 13 characters), or null. */
  static String time(String tm) {
    if (tm == null) return null;
    return DateTimes.parseTime(tm).map(Normalized::time).orElse(null);
  }

  static String time(LocalTime t) {
    return String.format("%02d%02d%02d.%06d", t.getHour(), t.getMinute(), t.getSecond(), t.getNano() / 1000);
  }

  /**
   * The last instant a partial time stands for, as HHMMSS.FFFFFF: "10" is 10:59:59.999999, "1030"
   * 10:30:59.999999 (PS3.4 C.2.2.2.5: a time matches to the precision given).
   */
  static String timeUpper(String tm) {
    String t = tm.strip().replace(":", "");
    int dot = t.indexOf('.');
    String main = dot < 0 ? t : t.substring(0, dot);
    String frac = dot < 0 ? "" : t.substring(dot + 1);
    if (DateTimes.parseTime(tm).isEmpty()) return null;
    String full = (main + "5959".substring(0, Math.max(0, 6 - main.length())));
    if (main.length() == 2) full = main + "5959";
    else if (main.length() == 4) full = main + "59";
    return full + "." + (frac + "999999").substring(0, 6);
  }

  /** The value cut to {@code max} characters (the columns' width), or null when blank. */
  static String cut(String s, int max) {
    if (s == null) return null;
    s = s.strip();
    if (s.isEmpty()) return null;
    return s.length() <= max ? s : s.substring(0, max);
  }
}
