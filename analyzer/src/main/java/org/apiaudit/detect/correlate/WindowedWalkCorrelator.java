package org.apiaudit.detect.correlate;

import org.apiaudit.detect.memory.LastSeenMap;
import org.apiaudit.detect.scan.EventColumns;
import org.apiaudit.detect.scan.ScanEvent;
import org.apiaudit.rules.CorrelationRule;
import org.apiaudit.schema.Event;
import org.apiaudit.schema.Field;

/**
 * {@code x-apiaudit/walk} with a {@code timespan}: the same run measure as {@link WalkCorrelator},
 * over the identifiers a group read within a sliding window in log time ending at each event.
 * For groups that live as long as the export, such as a carrier NAT address, the whole-window
 * walk keeps every id ever read behind the address, and chance runs become likelier the longer
 * the export; a window keeps both the state and the rule's false-positive rationale the same
 * whatever the span.
 *
 * <p>State per group: the (block, offset) pairs read within the window, by last time read,
 * capped ({@code cap}, default 1,000,000). On each read, the run through the new id is found by
 * probing its neighbours, at most {@code max-gap} apart, in both directions (a block holds at
 * most 1,000 offsets, so a probe is bounded).
 */
final class WindowedWalkCorrelator extends GroupedCorrelator<LastSeenMap> {
  private final long span;
  private final int blockSlot;
  private final int offsetSlot;
  private final int maxGap;
  private final int cap;

  WindowedWalkCorrelator(CorrelationRule rule, int[] ruleIndices, EventColumns columns) {
    super(rule, ruleIndices, rule.groupBy(), rule.threshold(), columns, LastSeenMap::new);
    this.span = rule.timespanMs();
    slidingWindow(span);
    this.blockSlot = columns.slot(Field.SUBJECT_BLOCK);
    this.offsetSlot = columns.slot(Field.SUBJECT_OFFSET);
    this.maxGap = (int) rule.param("max-gap");
    this.cap = (int) rule.param("cap");
  }

  @Override
  void update(long key, LastSeenMap pairs, ScanEvent e) {
    int block = e.ord(blockSlot);
    long offset = e.number(offsetSlot);
    if (block < 0 || offset == Event.NO_VALUE || offset < 0 || offset > 999) {
      return;
    }
    pairs.evictBefore(e.timestamp - span);
    pairs.see(WalkCorrelator.pack(block, (int) offset), e.timestamp);
    if (pairs.size() > cap) {
      pairs.removeFirst();
    }
    long[] first = {e.timestamp};
    int run = runThrough(pairs, block, (int) offset, maxGap, first);
    measure(key, run, first[0], e.timestamp);
  }

  /**
   * The length of the run (as {@link WalkCorrelator#longestRun} counts it) through {@code offset}
   * of {@code block}, which is in {@code pairs}, lowering {@code first[0]} to the earliest time one
   * of its members was read.
   */
  static int runThrough(LastSeenMap pairs, int block, int offset, int maxGap, long[] first) {
    return 1 + extend(pairs, block, offset, -1, maxGap, first) + extend(pairs, block, offset, 1, maxGap, first);
  }

  /** How many members the run through {@code offset} has on one side ({@code step} -1 or 1). */
  private static int extend(LastSeenMap pairs, int block, int offset, int step, int maxGap, long[] first) {
    int members = 0;
    for (int at = offset; ; members++) {
      int next = -1;
      for (int d = 1; d <= maxGap; d++) {
        int candidate = at + step * d;
        if (candidate < 0 || candidate > 999) {
          break;
        }
        long seen = pairs.timeOf(WalkCorrelator.pack(block, candidate), Long.MIN_VALUE);
        if (seen != Long.MIN_VALUE) {
          next = candidate;
          first[0] = Math.min(first[0], seen);
          break;
        }
      }
      if (next < 0) {
        return members;
      }
      at = next;
    }
  }

  /** A sliding window and a probe of the neighbouring ids per event: about four times a counter's work. */
  @Override
  public int cost() {
    return 4;
  }
}
