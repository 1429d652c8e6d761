package org.apiaudit.detect.correlate;

/** First and last event time of a group, for whole-window measures. */
class GroupSpan {
  long first = Long.MAX_VALUE;
  long last = Long.MIN_VALUE;
  long events;

  void see(long ts) {
    first = Math.min(first, ts);
    last = Math.max(last, ts);
    events++;
  }
}
