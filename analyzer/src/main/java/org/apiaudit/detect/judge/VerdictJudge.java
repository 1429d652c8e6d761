package org.apiaudit.detect.judge;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apiaudit.detect.correlate.GroupHit;
import org.apiaudit.rules.Rule;

/**
 * Combines the rules that fired for one actor into a verdict and a confidence. No single
 * supporting signal decides: 
 * <ul>
 *   <li>{@code credential-misuse}: a strong misuse signal plus another misuse signal, or one
 *       strong signal at least {@link #DECISIVE}× its threshold;</li>
 *   <li>{@code scraping}: a strong scraping signal (record fan-out beyond a token's family,
 *       identifier walks, subjects per credential across a cluster);</li>
 *   <li>{@code benign-automation}: a benign-automation signal (public-only machine traffic) and
 *       no personal record touched at all; or a strong benign-automation signal (a role's
 *       integration traffic, e.g. a partner) with no scraping or misuse signal at all;</li>
 *   <li>{@code no-sign}: only automation fingerprints (benign-automation signals) on an actor that
 *       reads records, or one supporting scraping or misuse signal alone, less than
 *       {@link #DECISIVE}× past its threshold (examined, listed, not reported);</li>
 *   <li>{@code suspicious}: anything else that fired;</li>
 *   <li>{@code no-sign} too when nothing fired.</li>
 * </ul>
 * Confidence grows with the number of distinct rules agreeing.
 */
public final class VerdictJudge {
  /** A strong signal this many times past its threshold decides on its own. */
  static final double DECISIVE = 3.0;

  public record Judgement(Verdict verdict, double confidence) {}

  public Judgement judge(List<GroupHit> hits, ActorProfile profile) {
    if (hits.isEmpty()) {
      return new Judgement(Verdict.NO_SIGN, 0.5);
    }
    Set<String> distinct = new HashSet<>();
    int misuse = 0;
    boolean strongMisuse = false;
    boolean decisiveMisuse = false;
    boolean strongScraping = false;
    boolean benign = false;
    boolean strongBenign = false;
    boolean suspicion = false;
    int incidentSignals = 0;
    for (GroupHit h : hits) {
      distinct.add(h.rule().id());
      Verdict argued = argued(h.rule());
      boolean strong = isStrong(h.rule());
      if (argued == Verdict.CREDENTIAL_MISUSE) {
        misuse++;
        incidentSignals++;
        strongMisuse |= strong;
        decisiveMisuse |= strong && strength(h) >= DECISIVE;
      } else if (argued == Verdict.SCRAPING) {
        strongScraping |= strong;
        incidentSignals++;
      } else if (argued == Verdict.BENIGN_AUTOMATION) {
        benign = true;
        strongBenign |= strong;
      } else {
        suspicion = true;
      }
    }
    int support = distinct.size() - 1;
    if (strongMisuse && (misuse >= 2 || decisiveMisuse)) {
      return new Judgement(Verdict.CREDENTIAL_MISUSE, Math.min(0.95, 0.6 + 0.1 * support));
    }
    if (strongScraping) {
      return new Judgement(Verdict.SCRAPING, Math.min(0.95, 0.6 + 0.1 * support));
    }
    if (strongBenign && incidentSignals == 0) {
      // role automation (a partner integration) that no scraping or misuse signal contradicts
      return new Judgement(Verdict.BENIGN_AUTOMATION, Math.min(0.9, 0.7 + 0.05 * support));
    }
    if (benign && profile.distinctSubjects() == 0 && profile.recordEvents() == 0) {
      return new Judgement(Verdict.BENIGN_AUTOMATION, Math.min(0.9, 0.7 + 0.05 * support));
    }
    if (incidentSignals == 0 && !suspicion) {
      // only automation fingerprints, on an actor that reads records within its role (a partner's
      // servers): machine traffic is no attack by itself
      return new Judgement(Verdict.NO_SIGN, 0.6);
    }
    if (incidentSignals == 1 && !suspicion && !strongMisuse && !strongScraping && strongest(hits) < DECISIVE) {
      // one supporting scraping or misuse signal, barely past its threshold, is what ordinary work
      // produces now and then (a busy vaccinator's regular service times); examined, not reported
      return new Judgement(Verdict.NO_SIGN, 0.6);
    }
    return new Judgement(Verdict.SUSPICIOUS, Math.min(0.6, 0.3 + 0.05 * support));
  }

  private static double strongest(List<GroupHit> hits) {
    return hits.stream().mapToDouble(VerdictJudge::strength).max().orElse(0);
  }

  static Verdict argued(Rule r) {
    Verdict v = Verdict.of(r.meta().ext("verdict", "suspicious"));
    return v == null ? Verdict.SUSPICIOUS : v;
  }

  static boolean isStrong(Rule r) {
    return "strong".equals(r.meta().ext("weight", "supporting"));
  }

  /** How far past its threshold a hit is, >= 1 when it fired. */
  static double strength(GroupHit h) {
    boolean upward = h.op().startsWith("g");
    if (upward) {
      return h.threshold() <= 0 ? 1 : h.measured() / h.threshold();
    }
    return h.measured() <= 0 ? DECISIVE : h.threshold() / h.measured();
  }
}
