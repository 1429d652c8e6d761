package org.apiaudit.simulate;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;

/**
 * Writes event times in the three notations the exports use, by hand.
 *
 * <p>Why not {@code DateTimeFormatter}: it allocates and costs about a microsecond per call,
 * as much as the rest of a line. Here the date part is formatted once per day and cached; the
 * time of day is plain integer arithmetic.
 */
final class TimestampWriter {
  /** India Standard Time, the gateway's clock: +05:30, no daylight saving. */
  static final long IST_OFFSET_MILLIS = (5 * 60 + 30) * 60_000L;

  static final long DAY_MILLIS = 86_400_000L;

  private static final String[] MONTHS = {
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"
  };
  private static final byte[] NGINX_ZONE = " +0530".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] ISO_ZONE = "+05:30".getBytes(StandardCharsets.US_ASCII);

  private long nginxDay = Long.MIN_VALUE;
  private byte[] nginxDate;
  private long isoDay = Long.MIN_VALUE;
  private byte[] isoDate;
  private long utcDay = Long.MIN_VALUE;
  private byte[] utcDate;

  /** {@code 10/Jun/2023:14:22:01 +0530}: nginx {@code $time_local}, seconds only. */
  void writeNginxLocal(long epochMillis, AsciiBuffer out) {
    long local = epochMillis + IST_OFFSET_MILLIS;
    long day = Math.floorDiv(local, DAY_MILLIS);
    if (day != nginxDay) {
      LocalDate date = LocalDate.ofEpochDay(day);
      nginxDate =
          String.format(
                  "%02d/%s/%04d:", date.getDayOfMonth(), MONTHS[date.getMonthValue() - 1],
                  date.getYear())
              .getBytes(StandardCharsets.US_ASCII);
      nginxDay = day;
    }
    out.append(nginxDate);
    writeTimeOfDay(Math.floorMod(local, DAY_MILLIS), out);
    out.append(NGINX_ZONE);
  }

  /** {@code 2023-06-10T14:22:01.123+05:30}: ISO-8601 in IST with milliseconds. */
  void writeIsoLocal(long epochMillis, AsciiBuffer out) {
    long local = epochMillis + IST_OFFSET_MILLIS;
    long day = Math.floorDiv(local, DAY_MILLIS);
    if (day != isoDay) {
      isoDate = (LocalDate.ofEpochDay(day) + "T").getBytes(StandardCharsets.US_ASCII);
      isoDay = day;
    }
    out.append(isoDate);
    long ofDay = Math.floorMod(local, DAY_MILLIS);
    writeTimeOfDay(ofDay, out);
    out.append((byte) '.').append3Digits((int) (ofDay % 1000));
    out.append(ISO_ZONE);
  }

  /** {@code 2023-06-10<TAB>08:52:01}: the W3C {@code date} and {@code time} fields, in UTC. */
  void writeW3cUtc(long epochMillis, AsciiBuffer out) {
    long day = Math.floorDiv(epochMillis, DAY_MILLIS);
    if (day != utcDay) {
      utcDate = (LocalDate.ofEpochDay(day) + "\t").getBytes(StandardCharsets.US_ASCII);
      utcDay = day;
    }
    out.append(utcDate);
    writeTimeOfDay(Math.floorMod(epochMillis, DAY_MILLIS), out);
  }

  private static void writeTimeOfDay(long millisOfDay, AsciiBuffer out) {
    int seconds = (int) (millisOfDay / 1000);
    out.append2Digits(seconds / 3600).append((byte) ':');
    out.append2Digits(seconds / 60 % 60).append((byte) ':');
    out.append2Digits(seconds % 60);
  }
}
