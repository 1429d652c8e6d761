package org.apiaudit.nightly;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apiaudit.detect.findings.CaseFindings;
import org.apiaudit.detect.judge.Verdict;
import org.apiaudit.rules.RuleMeta;

/**
 * Keeps only what a nightly report should say: findings about tonight's events that were not
 * reported before, or got worse. An actor is reported again when its verdict is worse, and a
 * rule hit when it is new for that actor, its level is higher, or its measured value grew by at
 * least the escalation factor. Actors judged {@code no-sign} are never reported.
 */
final class NoveltyFilter {
  private final double escalationFactor;

  NoveltyFilter(double escalationFactor) {
    this.escalationFactor = escalationFactor;
  }

  /** The actors to report and the state that records them as reported. */
  record Selection(List<CaseFindings.ActorFinding> actors, ReportedFindings reported) {}

  /**
   * @param newFrom first event time of tonight's events: a rule hit that ended before it is
   *     about history only (it was judged on an earlier night)
   */
  Selection select(List<CaseFindings.ActorFinding> actors, long newFrom, ReportedFindings reported) {
    List<CaseFindings.ActorFinding> out = new ArrayList<>();
    ReportedFindings state = reported;
    for (CaseFindings.ActorFinding a : actors) {
      if (severity(a.verdict()) == Verdict.NO_SIGN.ordinal()) {
        continue;
      }
      String key = a.kind() + ":" + a.value();
      ReportedFindings.Actor before = reported.actors().get(key);
      boolean verdictWorse = before == null || worse(a.verdict(), before.verdict());
      List<CaseFindings.RuleHit> hits = new ArrayList<>();
      for (CaseFindings.RuleHit h : a.rules()) {
        if (h.lastSeen() < newFrom) {
          continue;
        }
        if (verdictWorse || isNews(h, before.rules().get(h.ruleId()))) {
          hits.add(h);
        }
      }
      if (hits.isEmpty()) {
        continue;
      }
      out.add(new CaseFindings.ActorFinding(a.kind(), a.value(), a.members(), a.verdict(), a.confidence(), hits,
          a.firstSeen(), a.lastSeen(), a.requests(), a.distinctSubjects(), a.endpoints(), a.statuses(), a.ips(),
          a.userAgents(), a.evidence()));
      Map<String, ReportedFindings.Hit> recorded = new LinkedHashMap<>();
      for (CaseFindings.RuleHit h : hits) {
        recorded.put(h.ruleId(), new ReportedFindings.Hit(h.level(), h.measured()));
      }
      state = state.with(key, ReportedFindings.merge(before, a.verdict(), recorded));
    }
    return new Selection(out, state);
  }

  private boolean isNews(CaseFindings.RuleHit h, ReportedFindings.Hit before) {
    if (before == null) {
      return true;
    }
    if (RuleMeta.rank(h.level()) > RuleMeta.rank(before.level())) {
      return true;
    }
    return Math.abs(h.measured()) >= escalationFactor * Math.abs(before.measured()) && h.measured() != before.measured();
  }

  /** Whether verdict {@code a} is more severe than {@code b} (scraping is the most severe). */
  static boolean worse(String a, String b) {
    return severity(a) < severity(b);
  }

  /** The verdict's rank, 0 most severe; an unknown label ranks as {@code no-sign}. */
  private static int severity(String label) {
    Verdict v = label == null ? null : Verdict.of(label);
    return (v == null ? Verdict.NO_SIGN : v).ordinal();
  }

  /** The incidents that one of the selected actors (or a member of a selected cluster) belongs to. */
  static List<CaseFindings.Incident> incidentsOf(List<CaseFindings.Incident> incidents,
      List<CaseFindings.ActorFinding> selected) {
    java.util.Set<String> labels = new java.util.HashSet<>();
    for (CaseFindings.ActorFinding a : selected) {
      labels.add(a.kind() + ":" + a.value());
      a.members().forEach(m -> labels.add(m.kind() + ":" + m.value()));
    }
    return incidents.stream().filter(i -> i.actors().stream().anyMatch(labels::contains)).toList();
  }
}
