package org.apiaudit.report;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * How the report writes instants. CERT-In asks for local time and UTC side by side, so every
 * human-facing time is given in IST (Asia/Kolkata, UTC+05:30, no daylight saving) and UTC;
 * machine-facing times (JSON, CSV, STIX) are RFC 3339 UTC with milliseconds and {@code Z}.
 * A negative epoch value means "none" throughout the findings contract and prints as a dash.
 */
public final class Times {
  /** India Standard Time. */
  public static final ZoneId IST = ZoneId.of("Asia/Kolkata");

  private static final DateTimeFormatter HUMAN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);
  private static final DateTimeFormatter RFC3339 =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final String NONE = "—";

  private Times() {}

  /** {@code 2023-06-10 14:05:00 IST}, or a dash for "none". */
  public static String ist(long epochMillis) {
    return epochMillis < 0 ? NONE : HUMAN.withZone(IST).format(Instant.ofEpochMilli(epochMillis)) + " IST";
  }

  /** {@code 2023-06-10 14:05}: IST to the minute, for dense tables whose heading says IST. */
  public static String istShort(long epochMillis) {
    return epochMillis < 0 ? NONE : HUMAN.withZone(IST).format(Instant.ofEpochMilli(epochMillis)).substring(0, 16);
  }

  /** {@code 2023-06-10 08:35:00 UTC}, or a dash for "none". */
  public static String utc(long epochMillis) {
    return epochMillis < 0 ? NONE : HUMAN.withZone(ZoneOffset.UTC).format(Instant.ofEpochMilli(epochMillis)) + " UTC";
  }

  /** {@code 2023-06-10 14:05:00 IST (08:35:00 UTC)}: one time for a human, in both zones. */
  public static String both(long epochMillis) {
    if (epochMillis < 0) {
      return NONE;
    }
    String utc = HUMAN.withZone(ZoneOffset.UTC).format(Instant.ofEpochMilli(epochMillis));
    return ist(epochMillis) + " (" + utc.substring(11) + " UTC" + (sameDay(epochMillis) ? "" : " " + utc.substring(0, 10)) + ")";
  }

  /** {@code 2023-06-10T08:35:00.000Z}, or the empty string for "none". */
  public static String rfc3339(long epochMillis) {
    return epochMillis < 0 ? "" : RFC3339.format(Instant.ofEpochMilli(epochMillis));
  }

  /** A duration in words: {@code 2 d 3 h}, {@code 5 h 12 min}, {@code 40 s}. */
  public static String duration(long millis) {
    if (millis < 0) {
      return NONE;
    }
    long s = millis / 1000;
    if (s < 120) {
      return s + " s";
    }
    long min = s / 60;
    if (min < 120) {
      return min + " min";
    }
    long h = min / 60;
    if (h < 48) {
      return h + " h " + (min % 60) + " min";
    }
    return (h / 24) + " d " + (h % 24) + " h";
  }

  private static boolean sameDay(long epochMillis) {
    Instant i = Instant.ofEpochMilli(epochMillis);
    return i.atZone(IST).toLocalDate().equals(i.atZone(ZoneOffset.UTC).toLocalDate());
  }
}
