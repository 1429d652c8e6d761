package org.apiaudit.detect.correlate;

import org.apiaudit.detect.memory.LastSeenMap;
import org.apiaudit.detect.scan.EventColumns;
import org.apiaudit.detect.scan.ScanEvent;
import org.apiaudit.rules.CorrelationRule;
import org.apiaudit.schema.Field;

/**
 * {@code x-apiaudit/spread} with a {@code timespan}: distinct subjects per distinct principal of a
 * group within a sliding window in log time ending at each event, judged once the window holds
 * {@code min-subjects} subjects and {@code min-ips} addresses. For groups that live as long as the
 * export (a carrier NAT address), the state then follows the window's traffic, not the export's.
 *
 * <p>State per group: subjects, principals and addresses by last time seen, each capped
 * ({@code cap}, default 200,000). {@code max-top-ip-share} needs the whole window and is refused
 * with a timespan when the rule is loaded.
 */
final class WindowedSpreadCorrelator extends GroupedCorrelator<WindowedSpreadCorrelator.State> {
  static final class State {
    final LastSeenMap subjects = new LastSeenMap();
    final LastSeenMap principals = new LastSeenMap();
    final LastSeenMap ips = new LastSeenMap();
  }

  private final long span;
  private final int subjectSlot;
  private final int principalSlot;
  private final int ipSlot;
  private final double minSubjects;
  private final double minIps;
  private final int cap;

  WindowedSpreadCorrelator(CorrelationRule rule, int[] ruleIndices, EventColumns columns) {
    super(rule, ruleIndices, rule.groupBy(), rule.threshold(), columns, State::new);
    this.span = rule.timespanMs();
    slidingWindow(span);
    this.subjectSlot = columns.slot(Field.SUBJECT_ID);
    this.principalSlot = columns.slot(Field.PRINCIPAL);
    this.ipSlot = columns.slot(Field.SOURCE_IP);
    this.minSubjects = rule.param("min-subjects");
    this.minIps = rule.param("min-ips");
    this.cap = (int) rule.param("cap", 200_000);
  }

  @Override
  void update(long key, State s, ScanEvent e) {
    long oldest = e.timestamp - span;
    see(s.subjects, e.ord(subjectSlot), e.timestamp, oldest);
    see(s.principals, e.ord(principalSlot), e.timestamp, oldest);
    see(s.ips, e.ord(ipSlot), e.timestamp, oldest);
    if (s.subjects.size() >= minSubjects && s.ips.size() >= minIps) {
      long first = Math.min(s.subjects.firstTime(), s.ips.firstTime());
      measure(key, (double) s.subjects.size() / Math.max(1, s.principals.size()), first, e.timestamp);
    }
  }

  private void see(LastSeenMap values, int ord, long now, long oldest) {
    values.evictBefore(oldest);
    if (ord >= 0) {
      values.see(ord, now);
      if (values.size() > cap) {
        values.removeFirst();
      }
    }
  }

  /** Three sliding windows of distinct values per event: about four times a counter's work. */
  @Override
  public int cost() {
    return 4;
  }
}
