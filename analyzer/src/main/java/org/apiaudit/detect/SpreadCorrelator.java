package org.apiaudit.detect;

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
 * <p>State per group: three exact distinct sets of ordinals, capped ({@code cap}, default 200,000).
 */
final class SpreadCorrelator extends WholeWindowCorrelator<SpreadCorrelator.State> {
  static final class State extends GroupSpan {
    final IntHashSet subjects = new IntHashSet();
    final IntHashSet principals = new IntHashSet();
    final IntHashSet ips = new IntHashSet();
    /** Events per address, only kept when {@code max-top-ip-share} is set. */
    final LongCounts perIp = new LongCounts();
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
    this.minSubjects = rule.param("min-subjects", 100);
    this.minIps = rule.param("min-ips", 1);
    this.cap = (int) rule.param("cap", 200_000);
    this.maxTopIpShare = rule.param("max-top-ip-share", 1.0);
  }

  @Override
  void update(long key, State s, ScanEvent e) {
    s.see(e.timestamp);
    add(s.subjects, e.ord(subjectSlot));
    add(s.principals, e.ord(principalSlot));
    add(s.ips, e.ord(ipSlot));
    if (maxTopIpShare < 1.0 && e.ord(ipSlot) >= 0 && s.perIp.size() < cap) {
      s.perIp.add(e.ord(ipSlot));
    }
  }

  private void add(IntHashSet set, int ord) {
    if (ord >= 0 && set.size() < cap) {
      set.add(ord);
    }
  }

  @Override
  void conclude(long key, State s) {
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
  }

  @Override
  public State read(GroupSpill.In in) {
    State s = readSpan(new State(), in);
    s.subjects.read(in);
    s.principals.read(in);
    s.ips.read(in);
    s.perIp.read(in);
    return s;
  }
}
