package org.linnea.dicom.data;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.Temporal;
import java.util.Optional;

/**
 * Parsing of the DA, TM and DT value representations (PS3.5 6.2), including the partial
 * precision the standard allows ("2024", "1530") and the ACR-NEMA forms still found in old files
 * ("2024.01.31", "15:30:00"). Unparseable values give an empty Optional, never an exception.
 */
public final class DateTimes {
  private DateTimes() {}

  /** YYYYMMDD, or the old YYYY.MM.DD. */
  public static Optional<LocalDate> parseDate(String s) {
    String t = s.strip().replace(".", "");
    if (t.length() != 8 || !digits(t, 0, 8)) return Optional.empty();
    try {
      return Optional.of(LocalDate.of(num(t, 0, 4), num(t, 4, 6), num(t, 6, 8)));
    } catch (java.time.DateTimeException e) {
      return Optional.empty();
    }
  }

  /** HH[MM[SS[.F{1,6}]]], or the old HH:MM:SS. Missing parts are zero. */
  public static Optional<LocalTime> parseTime(String s) {
    String t = s.strip().replace(":", "");
    int dot = t.indexOf('.');
    String main = dot < 0 ? t : t.substring(0, dot);
    if (main.length() < 2 || main.length() > 6 || (main.length() & 1) != 0 || !digits(main, 0, main.length())) {
      return Optional.empty();
    }
    int h = num(main, 0, 2);
    int m = main.length() >= 4 ? num(main, 2, 4) : 0;
    int sec = main.length() >= 6 ? num(main, 4, 6) : 0;
    int nanos = 0;
    if (dot >= 0) {
      String f = t.substring(dot + 1);
      if (f.isEmpty() || f.length() > 6 || !digits(f, 0, f.length())) return Optional.empty();
      nanos = Integer.parseInt((f + "000000000").substring(0, 9));
    }
    if (sec == 60) sec = 59; // a leap second, which java.time cannot hold
    try {
      return Optional.of(LocalTime.of(h, m, sec, nanos));
    } catch (java.time.DateTimeException e) {
      return Optional.empty();
    }
  }

  /**
   * YYYY[MM[DD[HH[MM[SS[.F{1,6}]]]]]][&amp;ZZXX]: a {@link LocalDateTime}, or an
   * {@link OffsetDateTime} when the value carries a UTC offset.
   */
  public static Optional<Temporal> parseDateTime(String s) {
    String t = s.strip();
    ZoneOffset offset = null;
    int sign = Math.max(t.indexOf('+'), t.indexOf('-'));
    if (sign > 0) {
      String z = t.substring(sign);
      t = t.substring(0, sign);
      if (z.length() != 5 || !digits(z, 1, 5)) return Optional.empty();
      try {
        offset = ZoneOffset.ofHoursMinutes((z.charAt(0) == '-' ? -1 : 1) * num(z, 1, 3), (z.charAt(0) == '-' ? -1 : 1) * num(z, 3, 5));
      } catch (java.time.DateTimeException e) {
        return Optional.empty();
      }
    }
    int dot = t.indexOf('.');
    String main = dot < 0 ? t : t.substring(0, dot);
    if (main.length() < 4 || main.length() > 14 || (main.length() & 1) != 0 || !digits(main, 0, main.length())) {
      return Optional.empty();
    }
    int year = num(main, 0, 4);
    int month = main.length() >= 6 ? num(main, 4, 6) : 1;
    int day = main.length() >= 8 ? num(main, 6, 8) : 1;
    LocalTime time = LocalTime.MIDNIGHT;
    if (main.length() > 8) {
      Optional<LocalTime> lt = parseTime(main.substring(8) + (dot >= 0 ? t.substring(dot) : ""));
      if (lt.isEmpty()) return Optional.empty();
      time = lt.get();
    } else if (dot >= 0) {
      return Optional.empty();
    }
    try {
      LocalDateTime ldt = LocalDateTime.of(LocalDate.of(year, month, day), time);
      return Optional.of(offset == null ? ldt : ldt.atOffset(offset));
    } catch (java.time.DateTimeException e) {
      return Optional.empty();
    }
  }

  /** DA encoding: YYYYMMDD. */
  public static String formatDate(LocalDate d) {
    return String.format("%04d%02d%02d", d.getYear(), d.getMonthValue(), d.getDayOfMonth());
  }

  /** TM encoding: HHMMSS, with .FFFFFF when there are fractions of a second. */
  public static String formatTime(LocalTime t) {
    String s = String.format("%02d%02d%02d", t.getHour(), t.getMinute(), t.getSecond());
    return t.getNano() == 0 ? s : s + String.format(".%06d", t.getNano() / 1000);
  }

  private static boolean digits(String s, int from, int to) {
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') return false;
    }
    return true;
  }

  private static int num(String s, int from, int to) {
    return Integer.parseInt(s, from, to, 10);
  }
}
