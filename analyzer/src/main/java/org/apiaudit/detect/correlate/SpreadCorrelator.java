package org.apiaudit.detect.correlate;

import org.apiaudit.detect.memory.GroupSpill;
import org.apiaudit.detect.memory.IntHashSet;
import org.apiaudit.detect.memory.LongCounts;
import org.apiaudit.detect.scan.EventColumns;
import org.apiaudit.detect.scan.ScanEvent;
import org.apiaudit.rules.CorrelationRule;
import org.apiaudit.schema.Field;

/**
 * {@code x-apiaudit/spread}: distinct subjects per distinct principal within a group, over the
 * whole window. Behind a NAT or a common browser user agent, many citizens each read their own
 * few records (a handful of subjects per token); a distributed scraper sharing a user agent or
 * subnet reads many subjects through one or no credential. Judged only once the group reached
 * {@code min-subjects} subjects and {@code min-ips} addresses, and, with {@code max-top-ip-share},
 * only when no single address carries more than that share of the group's events (one busy
 * scraper behind a common browser string is judged by its own address and token rules; the
 * spread is for many addresses).
 *
 * <p>A group is judged at the end of the window, or as soon as it reaches {@code cap} distinct
 * subjects (default 50,000): on the traffic up to its cap-th subject, after which its sets are
 * dropped. A common browser string reaches the cap within days; a ratio measured over its
 * first 50,000 subjects says as much as one over millions, and memory per group stays bounded
 * (about 3 MB at most) however long the export. Counting on past the cap instead would drive
 * the ratio of every big group towards 1, hiding a scraper with many tokens.
 *
 * <p>State per group: distinct subjects and principals (exact, up to the cap), addresses up to
 * {@code min-ips}, and events per address when {@code max-top-ip-share} is set.
 */
final class SpreadCorrelator extends WholeWindowCorrelator<SpreadCorrelator.State> {
  static final class State extends GroupSpan {
    IntHashSet subjects = new IntHashSet();
    IntHashSet principals = new IntHashSet();
    IntHashSet ips = new IntHashSet();
    /** Events per address, only kept when {@code max-top-ip-share} is set. */
    LongCounts perIp = new LongCounts();
    /** Judged at the cap: the sets are empty and later events are ignored. */
    boolean judged;

    /** Marks the group judged and lets its sets go. */
    void judged() {
      judged = true;
      subjects = new IntHashSet();
      principals = new IntHashSet();
      ips = new IntHashSet();
      perIp = new LongCounts();
    }
  }

  private final int subjectSlot;
  private final int principalSlot;
  private final int ipSlot;
  private final double minSubjects;
  private final double minIps;
  private final int cap;
  private final double maxTopIpShare;

  SpreadCorrelator(CorrelationRule rule, int[] ruleIndices, EventColumns columns) {
    super(rule, ruleIndices, rule.groupBy(), rule.threshold(), columns, State::new);
    this.subjectSlot = columns.slot(Field.SUBJECT_ID);
    this.principalSlot = columns.slot(Field.PRINCIPAL);
    this.ipSlot = columns.slot(Field.SOURCE_IP);
    this.minSubjects = rule.param("min-subjects");
    this.minIps = rule.param("min-ips");
    this.cap = (int) rule.param("cap", 50_000);
    this.maxTopIpShare = rule.param("max-top-ip-share");
  }

  @Override
  void update(long key, State s, ScanEvent e) {
    if (s.judged) {
      return;
    }
    s.see(e.timestamp);
    int subject = e.ord(subjectSlot);
    if (subject >= 0) {
      s.subjects.add(subject);
    }
    add(s.principals, e.ord(principalSlot), cap);
    add(s.ips, e.ord(ipSlot), (int) Math.ceil(minIps));
    if (maxTopIpShare < 1.0 && e.ord(ipSlot) >= 0 && s.perIp.size() < cap) {
      s.perIp.add(e.ord(ipSlot));
    }
    if (s.subjects.size() >= cap) {
      conclude(key, s);
      s.judged();
    }
  }

  private static void add(IntHashSet set, int ord, int cap) {
    if (ord >= 0 && set.size() < cap) {
      set.add(ord);
    }
  }

  @Override
  void conclude(long key, State s) {
    if (s.judged) {
      return; // judged at the cap
    }
    if (maxTopIpShare < 1.0 && s.perIp.max() > maxTopIpShare * s.events) {
      return; // one address carries the group: that address is the actor, not the spread
    }
    if (s.subjects.size() >= minSubjects && s.ips.size() >= minIps) {
      measure(key, (double) s.subjects.size() / Math.max(1, s.principals.size()), s.first, s.last);
    }
  }

  @Override
  public void write(State s, GroupSpill.Out out) {
    super.write(s, out);
    s.subjects.write(out);
    s.principals.write(out);
    s.ips.write(out);
    s.perIp.write(out);
    out.putInt(s.judged ? 1 : 0);
  }

  @Override
  public State read(GroupSpill.In in) {
    State s = readSpan(new State(), in);
    s.subjects.read(in);
    s.principals.read(in);
    s.ips.read(in);
    s.perIp.read(in);
    s.judged = in.getInt() == 1;
    return s;
  }
}
