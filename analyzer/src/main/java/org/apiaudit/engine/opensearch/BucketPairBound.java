package org.apiaudit.engine.opensearch;

import org.apiaudit.rules.Threshold;

/**
 * Whether a group of a sliding-window correlation can reach its threshold, decided from its
 * event counts in fixed time buckets as wide as the window, one group at a time.
 *
 * <p>The engine measures a group at each of its events at time t over the events of
 * {@code [t - W, t]}, both ends included (its state drops only what is older than t - W). With
 * buckets {@code [kW, (k+1)W)}, t lies in bucket k and t - W in bucket k - 1, so every window
 * lies within two adjacent buckets and holds at most their summed count. {@code event_count}
 * measures that count, {@code value_count} the distinct values among those events (never more
 * than the events); both only grow with the events, so a group whose every pair of adjacent
 * buckets sums below the threshold cannot fire, and its events can be left unread. A group that
 * passes is only a candidate: the engine decides it exactly. Only thresholds that larger counts
 * pass ({@code gt}, {@code gte}) bound this way; {@code lt}, {@code lte}, {@code eq} and
 * {@code neq} can be met by a group of any size, so their groups are all read.
 */
final class BucketPairBound {
  private final Threshold threshold;
  private final long width;
  private long lastStart;
  private long lastCount;
  private boolean reached;

  /** A bound for {@code threshold} over windows of {@code width} ms; see {@link #applies}. */
  BucketPairBound(Threshold threshold, long width) {
    if (!applies(threshold, width)) {
      throw new IllegalArgumentException("no bucket bound for a threshold " + threshold + " over " + width + " ms");
    }
    this.threshold = threshold;
    this.width = width;
    newGroup();
  }

  /** Whether counts bound this threshold: one passed by larger counts, over a window of at least 1 ms. */
  static boolean applies(Threshold threshold, long width) {
    return threshold.upward() && width > 0;
  }

  /** Starts the next group: its buckets follow, in time order. */
  void newGroup() {
    lastStart = Long.MIN_VALUE;
    lastCount = 0;
    reached = false;
  }

  /**
   * One bucket of the current group, after those of earlier start: {@code start} a multiple of
   * the width, {@code count} the group's events in it. Buckets without events may be left out.
   */
  void bucket(long start, long count) {
    long previous = lastStart != Long.MIN_VALUE && start - lastStart == width ? lastCount : 0;
    reached |= threshold.test(previous + count);
    lastStart = start;
    lastCount = count;
  }

  /** Whether some window of the group's buckets so far may hold enough events to fire. */
  boolean reached() {
    return reached;
  }
}
