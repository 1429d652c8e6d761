package org.apiaudit.detect.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apiaudit.detect.findings.CaseFindings;
import org.junit.jupiter.api.Test;

class CoverageCollectorTest {
  private static final long HOUR = 3_600_000L;

  /** The gaps as the collector computed them before it went sparse: one counter per hour of the span. */
  private static List<CaseFindings.Gap> denseGaps(SortedMap<Long, long[]> hours) {
    List<CaseFindings.Gap> out = new ArrayList<>();
    if (hours.isEmpty()) {
      return out;
    }
    long firstHour = hours.firstKey();
    long[] counts = new long[(int) (hours.lastKey() - firstHour + 1)];
    hours.forEach((h, n) -> counts[(int) (h - firstHour)] = n[0]);
    long[] sorted = counts.clone();
    Arrays.sort(sorted);
    long median = sorted[sorted.length / 2];
    String kind = null;
    long start = 0;
    long sum = 0;
    for (int i = 0; i <= counts.length; i++) {
      String k = i == counts.length ? null
          : counts[i] == 0 ? "no-events" : counts[i] < median * CoverageCollector.LOW_HOUR_SHARE ? "low" : null;
      if (!Objects.equals(k, kind)) {
        if (kind != null) {
          out.add(new CaseFindings.Gap((firstHour + start) * HOUR, (firstHour + i) * HOUR - 1, sum, kind));
        }
        kind = k;
        start = i;
        sum = 0;
      }
      if (i < counts.length) {
        sum += counts[i];
      }
    }
    return out;
  }

  @Test
  void sparseGapsEqualTheDenseComputation() {
    long seed = new Random().nextLong();
    Random random = new Random(seed);
    for (int round = 0; round < 2000; round++) {
      SortedMap<Long, long[]> hours = new TreeMap<>();
      long base = 470_000 + random.nextInt(1000);
      int span = 1 + random.nextInt(random.nextBoolean() ? 10 : 400);
      double fill = random.nextDouble();
      for (int h = 0; h < span; h++) {
        if (h == 0 || h == span - 1 || random.nextDouble() < fill) {
          hours.put(base + h, new long[] {1 + (random.nextInt(8) == 0 ? random.nextInt(5) : random.nextInt(5000))});
        }
      }
      assertEquals(denseGaps(hours), CoverageCollector.gaps(hours), "seed " + seed + ", round " + round + ": " + hours.keySet());
    }
  }

  @Test
  void oneEventIn1970AndOneIn9999MakeOneGapWithoutAPerHourArray() {
    // 70 million hours apart: the dense array took 1.1 GB (and the report never came);
    // a year of 292 million is 2^31 hours, which it could not even allocate.
    long early = 0;
    long late = Instant.parse("9999-12-31T23:00:00Z").toEpochMilli();
    long far = Long.MAX_VALUE / 2;
    for (long end : new long[] {late, far}) {
      SortedMap<Long, long[]> hours = new TreeMap<>();
      hours.put(Math.floorDiv(early, HOUR), new long[] {1});
      hours.put(Math.floorDiv(end, HOUR), new long[] {1});
      long endHour = Math.floorDiv(end, HOUR);
      assertEquals(List.of(new CaseFindings.Gap(HOUR, endHour * HOUR - 1, 0, "no-events")), CoverageCollector.gaps(hours));
    }
  }
}
