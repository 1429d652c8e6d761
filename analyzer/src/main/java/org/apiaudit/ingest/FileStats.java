package org.apiaudit.ingest;

import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;

/** Per-file counters that worker threads update concurrently. */
final class FileStats {
  final LongAdder lines = new LongAdder();
  final LongAdder events = new LongAdder();
  final LongAdder rejected = new LongAdder();
  private final LongAccumulator first = new LongAccumulator(Math::min, Long.MAX_VALUE);
  private final LongAccumulator last = new LongAccumulator(Math::max, Long.MIN_VALUE);

  void record(long eventCount, long rejectCount, long firstTs, long lastTs) {
    events.add(eventCount);
    rejected.add(rejectCount);
    if (eventCount > 0) {
      first.accumulate(firstTs);
      last.accumulate(lastTs);
    }
  }

  /** Earliest event time, or -1 when there was none. */
  long first() {
    long v = first.get();
    return v == Long.MAX_VALUE ? -1 : v;
  }

  long last() {
    long v = last.get();
    return v == Long.MIN_VALUE ? -1 : v;
  }
}
