package org.apiaudit.ingest.format;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TimestampsTest {
  private static final ZoneId UTC = ZoneOffset.UTC;

  private static long nginx(String s) {
    return Timestamps.nginxLocal(s, 0, s.length());
  }

  private static long iso(String s, ZoneId zone) {
    return Timestamps.iso(s, 0, s.length(), zone);
  }

  @Test
  void readsNginxTimeLocalWithPositiveOffset() {
    assertEquals(1686387121000L, nginx("10/Jun/2023:14:22:01 +0530"));
  }

  @Test
  void readsNginxTimeLocalWithNegativeAndHalfHourOffsets() {
    assertEquals(1097396413000L, nginx("10/Oct/2004:04:20:13 -0400"));
    assertEquals(1548116774000L, nginx("22/Jan/2019:03:56:14 +0330"));
    assertEquals(1431857103000L, nginx("17/May/2015:10:05:03 +0000"));
  }

  @Test
  void rejectsImpossibleNginxTimes() {
    assertEquals(Timestamps.INVALID, nginx("10/Jum/2023:14:22:01 +0530"));
    assertEquals(Timestamps.INVALID, nginx("31/Jun/2023:14:22:01 +0530"));
    assertEquals(Timestamps.INVALID, nginx("29/Feb/2023:14:22:01 +0530"));
    assertEquals(Timestamps.INVALID, nginx("10/Jun/2023:24:00:00 +0530"));
    assertEquals(Timestamps.INVALID, nginx("10/Jun/2023:14:22:01 0530"));
    assertEquals(Timestamps.INVALID, nginx("10/Jun/2023:14:22:01"));
  }

  @Test
  void acceptsLeapDay() {
    assertEquals(951911999000L, nginx("29/Feb/2000:23:59:59 -1200"));
  }

  @Test
  void readsIsoWithOffsetFractionAndZ() {
    assertEquals(1686387121123L, iso("2023-06-10T14:22:01.123+05:30", UTC));
    assertEquals(1686387121123L, iso("2023-06-10T14:22:01.123+0530", UTC));
    assertEquals(1686388921000L, iso("2023-06-10T14:22:01+05", UTC));
    assertEquals(1686406921123L, iso("2023-06-10T14:22:01.123Z", UTC));
    assertEquals(1686406921123L, iso("2023-06-10T14:22:01.123456789Z", UTC));
    assertEquals(1686406920000L, iso("2023-06-10T14:22Z", UTC));
  }

  @Test
  void resolvesZoneLessIsoWithConfiguredZone() {
    assertEquals(1686406921000L, iso("2023-06-10 14:22:01", UTC));
    assertEquals(1686387121000L, iso("2023-06-10 14:22:01", ZoneId.of("Asia/Kolkata")));
    assertEquals(1523195353000L, iso("2018-04-08 06:49:13", ZoneOffset.ofHours(-7)));
  }

  @Test
  void resolvesDstGapForwardAndOverlapToEarlierOffset() {
    ZoneId berlin = ZoneId.of("Europe/Berlin");
    assertEquals(1679794200000L, iso("2023-03-26T02:30:00", berlin));
    assertEquals(1698539400000L, iso("2023-10-29T02:30:00", berlin));
  }

  @Test
  void rejectsMalformedIso() {
    assertEquals(Timestamps.INVALID, iso("2023-13-10T14:22:01Z", UTC));
    assertEquals(Timestamps.INVALID, iso("2023-06-10X14:22:01Z", UTC));
    assertEquals(Timestamps.INVALID, iso("2023-06-10T14:22:01+25:00", UTC));
    assertEquals(Timestamps.INVALID, iso("2023-06-10T14:22:01 junk", UTC));
    assertEquals(Timestamps.INVALID, iso("2023-06-10T14:22:01.Z", UTC));
    assertEquals(Timestamps.INVALID, iso("2023-06-10", UTC));
  }

  @Test
  void readsW3cDateAndTimeAsUtc() {
    assertEquals(1421109137000L, Timestamps.w3c("2015-01-13", "00:32:17"));
    assertEquals(1421109137250L, Timestamps.w3c("2015-01-13", "00:32:17.25"));
    assertEquals(Timestamps.INVALID, Timestamps.w3c("2015-01-13", "0:32:17"));
  }

  @Test
  void readsEpochSecondsAndMillisTruncatingFraction() {
    String caddy = "1761019828.6153953";
    assertEquals(1761019828615L, Timestamps.epochSeconds(caddy, 0, caddy.length()));
    assertEquals(1686387121000L, Timestamps.epochSeconds("1686387121", 0, 10));
    assertEquals(1686387121123L, Timestamps.epochMillis("1686387121123.9", 0, 15));
    assertEquals(Timestamps.INVALID, Timestamps.epochSeconds("12a4", 0, 4));
  }

  @Test
  void readsOffsetsInEveryWrittenForm() {
    assertEquals(-25200, Timestamps.offsetSeconds("GMT-0700", 0, 8));
    assertEquals(19800, Timestamps.offsetSeconds("+05:30", 0, 6));
    assertEquals(0, Timestamps.offsetSeconds("UTC", 0, 3));
    assertEquals(0, Timestamps.offsetSeconds("Z", 0, 1));
    assertEquals(Timestamps.INVALID_OFFSET, Timestamps.offsetSeconds("+5:30", 0, 5));
  }

  @Test
  void agreesWithJavaTimeOnRandomInstants() {
    long seed = System.nanoTime();
    Random random = new Random(seed);
    DateTimeFormatter nginxFormat =
        DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH);
    for (int i = 0; i < 2000; i++) {
      long seconds = random.nextInt(Integer.MAX_VALUE) * 2L - 1_000_000_000L;
      ZoneOffset offset = ZoneOffset.ofTotalSeconds((random.nextInt(57) - 28) * 1800);
      ZonedDateTime t = Instant.ofEpochSecond(seconds).atZone(offset);
      String text = nginxFormat.format(t);
      assertEquals(seconds * 1000, nginx(text), "seed " + seed + ": " + text);
      String isoText = t.toOffsetDateTime().toString();
      assertEquals(seconds * 1000, iso(isoText, UTC), "seed " + seed + ": " + isoText);
    }
  }
}
