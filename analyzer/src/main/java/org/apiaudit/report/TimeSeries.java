package org.apiaudit.report;

import java.util.Arrays;

/**
 * Event counts in equal time buckets, for charts.
 *
 * @param start start of the first bucket, epoch ms
 * @param bucketMillis bucket width (an hour, or a multiple when the window is long)
 * @param counts events per bucket
 */
public record TimeSeries(long start, long bucketMillis, long[] counts) {
  /** End of the last bucket. */
  public long end() {
    return start + bucketMillis * counts.length;
  }

  /** The largest bucket. */
  public long max() {
    return Arrays.stream(counts).max().orElse(0);
  }

  /** Sum over all buckets. */
  public long total() {
    return Arrays.stream(counts).sum();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TimeSeries t && t.start == start && t.bucketMillis == bucketMillis
        && Arrays.equals(t.counts, counts);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(start) * 31 + Arrays.hashCode(counts);
  }

  @Override
  public String toString() {
    return "TimeSeries[start=" + start + ", bucketMillis=" + bucketMillis + ", counts=" + Arrays.toString(counts) + "]";
  }
}
