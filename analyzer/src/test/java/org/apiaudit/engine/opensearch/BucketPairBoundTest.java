package org.apiaudit.engine.opensearch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.TreeMap;
import org.apache.lucene.index.DirectoryReader;
import org.apiaudit.detect.CaseIndex;
import org.apiaudit.detect.DetectionService;
import org.apiaudit.detect.scan.TimeWindow;
import org.apiaudit.index.EventIndex;
import org.apiaudit.rules.RuleLoader;
import org.apiaudit.rules.Threshold;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bucket-pair bound never rules out a group the engine would report: checked against the
 * engine itself at the window's edges, and against its windowing (each event's window
 * {@code [t - W, t]}, both ends in) on random timestamps.
 */
class BucketPairBoundTest {
  private static final long W = 600_000;

  @TempDir Path tmp;

  @Test
  void twoEventsExactlyOneWindowApartFireInTheEngineAndPassTheBound() throws Exception {
    long t0 = 3 * W; // on a bucket boundary: the second event opens the next bucket
    assertTrue(engineFires(t0, t0 + W), "the engine's window includes both ends");
    assertTrue(reached(new Threshold("gte", 2), t0, t0 + W));
  }

  @Test
  void eventsOneMillisecondMoreThanAWindowApartDoNotFireButStillPassTheBound() throws Exception {
    long t0 = 3 * W + 5;
    assertFalse(engineFires(t0, t0 + W + 1), "the first event has left the window");
    // the bound is a filter, not a decision: adjacent buckets sum to 2, the engine decides
    assertTrue(reached(new Threshold("gte", 2), t0, t0 + W + 1));
  }

  @Test
  void eventsInBucketsThatAreNotAdjacentCannotReachTwo() throws Exception {
    long t0 = 3 * W + W - 1; // last millisecond of bucket 3
    long t1 = 5 * W; // first of bucket 5
    assertFalse(engineFires(t0, t1));
    assertFalse(reached(new Threshold("gte", 2), t0, t1));
  }

  @Test
  void thresholdOneIsReachedByAnyEvent() {
    assertTrue(reached(new Threshold("gte", 1), 42));
    assertTrue(reached(new Threshold("gt", 0), 42));
  }

  @Test
  void gtNeedsMoreThanTheThresholdAndGteAsMany() {
    long[] times = {0, 1, W + 1};
    assertTrue(reached(new Threshold("gte", 3), times));
    assertFalse(reached(new Threshold("gt", 3), times));
    assertTrue(reached(new Threshold("gt", 2), times));
  }

  @Test
  void aWindowEqualToTheBucketPairsOnlyNeighbours() {
    // 2 events in bucket 0, 2 in bucket 2, none in bucket 1: no window holds 3
    assertFalse(reached(new Threshold("gte", 3), 0, W - 1, 2 * W, 3 * W - 1));
    assertTrue(reached(new Threshold("gte", 3), 0, W - 1, W));
  }

  @Test
  void aNewGroupForgetsThePreviousGroupsLastBucket() {
    BucketPairBound bound = new BucketPairBound(new Threshold("gte", 2), W);
    bound.bucket(0, 1);
    assertFalse(bound.reached());
    bound.newGroup();
    bound.bucket(W, 1);
    assertFalse(bound.reached(), "the previous group's bucket 0 is not this group's");
  }

  @Test
  void onlyThresholdsPassedByLargerCountsOverAWindowAreBounded() {
    assertTrue(BucketPairBound.applies(new Threshold("gte", 5), W));
    assertTrue(BucketPairBound.applies(new Threshold("gt", 5), W));
    for (String op : new String[] {"lt", "lte", "eq", "neq"}) {
      assertFalse(BucketPairBound.applies(new Threshold(op, 5), W), op);
    }
    assertFalse(BucketPairBound.applies(new Threshold("gte", 5), 0), "no window");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new BucketPairBound(new Threshold("lte", 5), W));
    assertEquals("no bucket bound for a threshold lte 5 over 600000 ms", e.getMessage());
  }

  /** Random timestamps: whenever the engine's windowing reaches the threshold, so does the bound. */
  @Test
  void neverRulesOutAGroupTheEngineWouldReport() {
    long seed = System.nanoTime();
    Random random = new Random(seed);
    int reachedByEngine = 0;
    for (int trial = 0; trial < 20_000; trial++) {
      long width = 1 + random.nextInt(50);
      int n = 1 + random.nextInt(8);
      long[] times = new long[n];
      for (int i = 0; i < n; i++) {
        times[i] = random.nextInt((int) (width * 6));
      }
      Arrays.sort(times);
      int maxInWindow = 0;
      for (int i = 0; i < n; i++) {
        int in = 0;
        for (int j = 0; j <= i; j++) {
          in += times[j] >= times[i] - width ? 1 : 0;
        }
        for (int j = i + 1; j < n && times[j] == times[i]; j++) {
          in++;
        }
        maxInWindow = Math.max(maxInWindow, in);
      }
      Threshold t = new Threshold(random.nextBoolean() ? "gte" : "gt", 1 + random.nextInt(5));
      if (t.test(maxInWindow)) {
        reachedByEngine++;
        assertTrue(reached(t, width, times), "seed " + seed + ", trial " + trial + ": " + Arrays.toString(times)
            + " over " + width + " ms reach " + t);
      }
    }
    assertTrue(reachedByEngine > 1000, "seed " + seed + ": too few trials reached a threshold: " + reachedByEngine);
  }

  private static boolean reached(Threshold t, long... times) {
    return reached(t, W, times);
  }

  /** The bound over {@code times} as the cluster's fixed buckets count them. */
  private static boolean reached(Threshold t, long width, long[] times) {
    TreeMap<Long, Long> buckets = new TreeMap<>();
    for (long time : times) {
      buckets.merge(Math.floorDiv(time, width) * width, 1L, Long::sum);
    }
    BucketPairBound bound = new BucketPairBound(t, width);
    buckets.forEach(bound::bucket);
    return bound.reached();
  }

  /** Whether the engine reports an address with an event at each of {@code times} for "2 within 10 minutes". */
  private boolean engineFires(long... times) throws Exception {
    Path rules = Files.createDirectories(tmp.resolve("rules"));
    Files.writeString(rules.resolve("two_calls.yml"), CorrelationCandidatesTest.ANY_CALL + "---\n"
        + CorrelationCandidatesTest.correlation("000000000002", "event_count", "source.ip", "10m", "gte: 2"));
    Path dir = tmp.resolve("index-" + Arrays.toString(times).hashCode());
    try (CaseIndex index = new CaseIndex(dir)) {
      for (long t : times) {
        index.add(t, "198.51.100.7", "curl/8", "none", "-", "public", "/api/v2/x", null, 200);
      }
    }
    try (DirectoryReader reader = EventIndex.openReader(dir)) {
      return new DetectionService().detect(reader, new RuleLoader().load(rules), TimeWindow.ALL, null).actors()
          .stream().anyMatch(a -> a.value().equals("198.51.100.7"));
    }
  }
}
