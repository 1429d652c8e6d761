package org.apiaudit.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.apiaudit.detect.findings.CaseFindings.Gap;
import org.junit.jupiter.api.Test;

class SvgChartsTest {
  private static final long HOUR = ActivityCounter.HOUR;

  @Test
  void eventRateAndSparklineDrawAWindowStartingBefore1970() {
    long start = Instant.parse("1969-12-31T00:00:00Z").toEpochMilli();
    TimeSeries series = new TimeSeries(start, HOUR, new long[] {3, 0, 5});
    String rate = SvgCharts.eventRate(series, List.of(new Gap(start + HOUR, start + 2 * HOUR - 1, 0, "no-events")),
        List.of(new SvgCharts.Strip("203.0.113.7", "s-high", series)));
    assertTrue(rate.contains(">31 Dec 06:00 IST</text>"), rate);
    String spark = SvgCharts.sparkline(series, "s-high", "Requests per hour");
    assertTrue(spark.contains(">12-31 05:30</text>"), spark);
    assertTrue(spark.contains(">12-31 08:30 IST · peak 5</text>"), spark);
  }

  @Test
  void aWeekIsTickedAtIstMidnights() {
    long start = Instant.parse("2023-06-04T18:30:00Z").toEpochMilli(); // 5 Jun 00:00 IST
    TimeSeries week = new TimeSeries(start, HOUR, new long[7 * 24]);
    String rate = SvgCharts.eventRate(week, List.of(), List.of());
    for (String day : List.of("5 Jun", "6 Jun", "8 Jun", "11 Jun", "12 Jun")) {
      assertTrue(rate.contains(">" + day + "</text>"), day + " in " + rate);
    }
    assertFalse(rate.contains(":30 IST</text>"), "no tick at an odd half hour");
  }

  @Test
  void axisLabelIsIstToTheMinuteWithoutTheYear() {
    assertEquals("06-10 14:05", SvgCharts.axisLabel(Instant.parse("2023-06-10T08:35:00Z").toEpochMilli()));
  }

  @Test
  void aSeriesWiderThanTheChartIsMergedIntoWiderBuckets() {
    long[] counts = new long[100_000];
    Arrays.fill(counts, 2);
    TimeSeries wide = new TimeSeries(0, HOUR, counts);
    TimeSeries drawn = SvgCharts.bounded(wide);
    assertEquals(139 * HOUR, drawn.bucketMillis());
    assertEquals(720, drawn.counts().length);
    assertEquals(wide.total(), drawn.total());
    String svg = SvgCharts.eventRate(wide, List.of(), List.of());
    assertEquals(2 * 720, svg.split(" L", -1).length - 1 - 1, "two segments per drawn bucket, plus the closing one");
    TimeSeries narrow = new TimeSeries(0, HOUR, new long[] {1, 2});
    assertSame(narrow, SvgCharts.bounded(narrow));
  }
}
