package org.apiaudit.ingest.format;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneRules;

/**
 * Hand-written timestamp readers for the encodings access logs use, returning UTC epoch
 * milliseconds or {@link #INVALID}.
 *
 * <p>Why not {@code DateTimeFormatter}: it allocates several objects per call and is the
 * dominant cost when a parser reads half a million lines a second. These readers check each
 * digit, compute the epoch day arithmetically (proleptic Gregorian, as {@code java.time}
 * does) and reject impossible values (month 13, 31 June, hour 24) instead of rolling them
 * over. Fractions finer than a millisecond are truncated, as {@code Instant.toEpochMilli}
 * does.
 *
 * <p>Zone-less local times are resolved with a {@link ZoneId} (the {@code --tz} option). A
 * fixed offset costs one subtraction; a region zone asks its {@link ZoneRules}, which picks
 * the earlier offset in an overlap and shifts a gap time forward, as {@code ZonedDateTime}
 * does.
 */
public final class Timestamps {
  /** Returned for a value that is not a valid timestamp (same marker as an unset field). */
  public static final long INVALID = Long.MIN_VALUE;

  /** Returned by {@link #offsetSeconds} for an unreadable offset; no real offset is this big. */
  public static final int INVALID_OFFSET = Integer.MIN_VALUE;

  private static final long MILLIS_PER_DAY = 86_400_000L;
  private static final int[] DAYS_IN_MONTH = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

  private Timestamps() {}

  /**
   * Reads nginx/Apache {@code $time_local}, {@code 10/Jun/2023:14:22:01 +0530}: exactly 26
   * characters, English month abbreviation, numeric offset.
   */
  public static long nginxLocal(CharSequence s, int from, int to) {
    if (to - from != 26
        || s.charAt(from + 2) != '/'
        || s.charAt(from + 6) != '/'
        || s.charAt(from + 11) != ':'
        || s.charAt(from + 14) != ':'
        || s.charAt(from + 17) != ':'
        || s.charAt(from + 20) != ' ') {
      return INVALID;
    }
    int day = digits(s, from, 2);
    int month = month(s, from + 3);
    int year = digits(s, from + 7, 4);
    long days = epochDay(year, month, day);
    long time = timeOfDay(digits(s, from + 12, 2), digits(s, from + 15, 2), digits(s, from + 18, 2));
    int offset = offsetSeconds(s, from + 21, to);
    if (days == INVALID || time < 0 || offset == INVALID_OFFSET) {
      return INVALID;
    }
    return days * MILLIS_PER_DAY + time - offset * 1000L;
  }

  /**
   * Reads the nginx error log's {@code 2021/09/30 09:23:53}: exactly 19 characters, local time
   * without an offset (nginx writes the server's zone), read in {@code zone}.
   */
  public static long nginxError(CharSequence s, int from, int to, ZoneId zone) {
    if (to - from != 19
        || s.charAt(from + 4) != '/'
        || s.charAt(from + 7) != '/'
        || s.charAt(from + 10) != ' '
        || s.charAt(from + 13) != ':'
        || s.charAt(from + 16) != ':') {
      return INVALID;
    }
    long days = epochDay(digits(s, from, 4), digits(s, from + 5, 2), digits(s, from + 8, 2));
    long time = timeOfDay(digits(s, from + 11, 2), digits(s, from + 14, 2), digits(s, from + 17, 2));
    if (days == INVALID || time < 0) {
      return INVALID;
    }
    return localToUtc(days * MILLIS_PER_DAY + time, zone);
  }

  /**
   * Reads ISO-8601 / RFC 3339 date-times: {@code yyyy-MM-dd}, then {@code T} or a space, then
   * {@code HH:mm[:ss[.f…]]}, then an optional offset ({@code Z}, {@code +05:30}, {@code +0530},
   * {@code +05}). Without an offset the time is local to {@code zone}.
   */
  public static long iso(CharSequence s, int from, int to, ZoneId zone) {
    if (to - from < 16) {
      return INVALID;
    }
    long days = date(s, from);
    char sep = s.charAt(from + 10);
    if (days == INVALID || (sep != 'T' && sep != ' ' && sep != 't')) {
      return INVALID;
    }
    int i = from + 11;
    int end = i;
    while (end < to && isTimeChar(s.charAt(end))) {
      end++;
    }
    long time = time(s, i, end);
    if (time < 0) {
      return INVALID;
    }
    long local = days * MILLIS_PER_DAY + time;
    if (end == to) {
      return localToUtc(local, zone);
    }
    int offset = offsetSeconds(s, end, to);
    return offset == INVALID_OFFSET ? INVALID : local - offset * 1000L;
  }

  /**
   * Reads a W3C extended log {@code date} ({@code yyyy-MM-dd}) and {@code time}
   * ({@code HH:mm:ss[.f…]}) pair; W3C logs are UTC by definition.
   */
  public static long w3c(CharSequence date, CharSequence time) {
    return w3c(date, 0, date.length(), time, 0, time.length());
  }

  /** {@link #w3c(CharSequence, CharSequence)} on ranges, to read a line without copying. */
  public static long w3c(
      CharSequence date, int dateFrom, int dateTo, CharSequence time, int timeFrom, int timeTo) {
    if (dateTo - dateFrom != 10) {
      return INVALID;
    }
    long days = date(date, dateFrom);
    long millis = time(time, timeFrom, timeTo);
    return days == INVALID || millis < 0 ? INVALID : days * MILLIS_PER_DAY + millis;
  }

  /** Reads epoch seconds with an optional fraction ({@code $msec}, Caddy {@code ts}). */
  public static long epochSeconds(CharSequence s, int from, int to) {
    return Decimals.scaled(s, from, to, 3);
  }

  /** Reads epoch milliseconds, fraction truncated. */
  public static long epochMillis(CharSequence s, int from, int to) {
    return Decimals.scaled(s, from, to, 0);
  }

  /**
   * Reads a UTC offset: {@code Z}, {@code UTC}, {@code GMT}, optionally followed (for the last
   * two) by a signed {@code hh}, {@code hhmm} or {@code hh:mm} ({@code GMT-0700} as Apache CSV
   * exports write it). Returns seconds east of UTC, or {@link #INVALID_OFFSET}.
   */
  public static int offsetSeconds(CharSequence s, int from, int to) {
    int n = to - from;
    if (n == 1 && (s.charAt(from) == 'Z' || s.charAt(from) == 'z')) {
      return 0;
    }
    if (n >= 3 && (regionMatches(s, from, "UTC") || regionMatches(s, from, "GMT"))) {
      from += 3;
      n -= 3;
      if (n == 0) {
        return 0;
      }
    }
    if (n < 3) {
      return INVALID_OFFSET;
    }
    char sign = s.charAt(from);
    if (sign != '+' && sign != '-') {
      return INVALID_OFFSET;
    }
    int hours = digits(s, from + 1, 2);
    int minutes;
    if (n == 3) {
      minutes = 0;
    } else if (n == 5) {
      minutes = digits(s, from + 3, 2);
    } else if (n == 6 && s.charAt(from + 3) == ':') {
      minutes = digits(s, from + 4, 2);
    } else {
      return INVALID_OFFSET;
    }
    if (hours < 0 || hours > 18 || minutes < 0 || minutes > 59) {
      return INVALID_OFFSET;
    }
    int seconds = hours * 3600 + minutes * 60;
    return sign == '-' ? -seconds : seconds;
  }

  /** Converts local epoch milliseconds (wall time read as if UTC) to UTC in {@code zone}. */
  public static long localToUtc(long localMillis, ZoneId zone) {
    if (zone instanceof ZoneOffset) {
      return localMillis - ((ZoneOffset) zone).getTotalSeconds() * 1000L;
    }
    ZoneRules rules = zone.getRules();
    if (rules.isFixedOffset()) {
      return localMillis - rules.getOffset(java.time.Instant.EPOCH).getTotalSeconds() * 1000L;
    }
    LocalDateTime ldt =
        LocalDateTime.ofEpochSecond(
            Math.floorDiv(localMillis, 1000L), 0, ZoneOffset.UTC);
    // The zone's own resolution: earlier offset in an overlap, a gap time moved forward.
    long epochSecond = ldt.atZone(zone).toEpochSecond();
    return epochSecond * 1000L + Math.floorMod(localMillis, 1000L);
  }

  /**
   * Days since 1970-01-01 for a proleptic Gregorian date, or {@link #INVALID} when the date
   * does not exist (H. Hinnant's days_from_civil, no tables, no allocation).
   */
  public static long epochDay(int year, int month, int day) {
    if (year < 0 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
      return INVALID;
    }
    int y = month <= 2 ? year - 1 : year;
    int era = Math.floorDiv(y, 400);
    int yoe = y - era * 400;
    int doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
    int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146_097L + doe - 719_468L;
  }

  private static int daysInMonth(int year, int month) {
    if (month == 2 && (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0))) {
      return 29;
    }
    return DAYS_IN_MONTH[month - 1];
  }

  /** {@code yyyy-MM-dd} at {@code from} (10 characters) as an epoch day, or INVALID. */
  private static long date(CharSequence s, int from) {
    if (s.charAt(from + 4) != '-' || s.charAt(from + 7) != '-') {
      return INVALID;
    }
    return epochDay(digits(s, from, 4), digits(s, from + 5, 2), digits(s, from + 8, 2));
  }

  /** {@code HH:mm[:ss[.f…]]} exactly filling [from, to) as millis of day, or -1. */
  private static long time(CharSequence s, int from, int to) {
    int n = to - from;
    if (n != 5 && n < 8 || s.charAt(from + 2) != ':') {
      return -1;
    }
    int hour = digits(s, from, 2);
    int minute = digits(s, from + 3, 2);
    int second = 0;
    int millis = 0;
    if (n >= 8) {
      if (s.charAt(from + 5) != ':') {
        return -1;
      }
      second = digits(s, from + 6, 2);
      if (n > 8) {
        char dot = s.charAt(from + 8);
        if ((dot != '.' && dot != ',') || n == 9) {
          return -1;
        }
        for (int i = from + 9, scale = 100; i < to; i++, scale /= 10) {
          int d = s.charAt(i) - '0';
          if (d < 0 || d > 9) {
            return -1;
          }
          millis += d * scale;
        }
      }
    }
    long t = timeOfDay(hour, minute, second);
    return t < 0 ? -1 : t + millis;
  }

  private static long timeOfDay(int hour, int minute, int second) {
    // A leap second (60) is not accepted: logs written by NTP-smeared clocks never show one.
    if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
      return -1;
    }
    return (hour * 3600L + minute * 60L + second) * 1000L;
  }

  private static boolean isTimeChar(char c) {
    return (c >= '0' && c <= '9') || c == ':' || c == '.' || c == ',';
  }

  /** {@code n} decimal digits at {@code from} as an int, or -1 if any is not a digit. */
  static int digits(CharSequence s, int from, int n) {
    int v = 0;
    for (int i = from; i < from + n; i++) {
      int d = s.charAt(i) - '0';
      if (d < 0 || d > 9) {
        return -1;
      }
      v = v * 10 + d;
    }
    return v;
  }

  /** English three-letter month abbreviation (any case) at {@code from}, 1-12, or -1. */
  private static int month(CharSequence s, int from) {
    int key =
        (Character.toLowerCase(s.charAt(from)) << 16)
            | (Character.toLowerCase(s.charAt(from + 1)) << 8)
            | Character.toLowerCase(s.charAt(from + 2));
    switch (key) {
      case ('j' << 16) | ('a' << 8) | 'n': return 1;
      case ('f' << 16) | ('e' << 8) | 'b': return 2;
      case ('m' << 16) | ('a' << 8) | 'r': return 3;
      case ('a' << 16) | ('p' << 8) | 'r': return 4;
      case ('m' << 16) | ('a' << 8) | 'y': return 5;
      case ('j' << 16) | ('u' << 8) | 'n': return 6;
      case ('j' << 16) | ('u' << 8) | 'l': return 7;
      case ('a' << 16) | ('u' << 8) | 'g': return 8;
      case ('s' << 16) | ('e' << 8) | 'p': return 9;
      case ('o' << 16) | ('c' << 8) | 't': return 10;
      case ('n' << 16) | ('o' << 8) | 'v': return 11;
      case ('d' << 16) | ('e' << 8) | 'c': return 12;
      default: return -1;
    }
  }

  private static boolean regionMatches(CharSequence s, int from, String word) {
    for (int i = 0; i < word.length(); i++) {
      if (Character.toUpperCase(s.charAt(from + i)) != word.charAt(i)) {
        return false;
      }
    }
    return true;
  }
}
