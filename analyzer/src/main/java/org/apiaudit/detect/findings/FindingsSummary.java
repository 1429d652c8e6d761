package org.apiaudit.detect.findings;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.apiaudit.output.Escaping;
import org.apiaudit.rules.RuleMeta;

/** The human summary {@code analyzer detect} prints: the conclusion and a table of flagged actors. */
public final class FindingsSummary {
  private static final int VALUE_WIDTH = 40;

  private final ZoneId zone;
  private final DateTimeFormatter time;

  /** A summary printing times in {@code zone} (the command's --tz, or the case's zone). */
  public FindingsSummary(ZoneId zone) {
    this.zone = zone;
    this.time = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT).withZone(zone);
  }

  public String render(CaseFindings f) {
    StringBuilder sb = new StringBuilder();
    CaseFindings.Conclusion c = f.conclusion();
    sb.append("Conclusion: ").append(c.verdict()).append(String.format(Locale.ROOT, " (confidence %.2f)%n", c.confidence()));
    sb.append("  ").append(c.summary()).append('\n');
    for (CaseFindings.Hypothesis h : c.hypotheses()) {
      sb.append(String.format(Locale.ROOT, "  %s %-30s %-12s %.2f%n", h.id(), h.title(), h.verdict(), h.confidence()));
    }
    CaseFindings.Coverage cov = f.coverage();
    sb.append(String.format(Locale.ROOT, "Coverage: %d events (%d on record-returning endpoints), %s .. %s %s; channels %s%n",
        cov.events(), cov.recordEvents(), time(cov.from()), time(cov.to()), zone, Escaping.terminal(String.valueOf(cov.channels()))));
    if (!cov.rulesSkipped().isEmpty()) {
      sb.append("  rules: ").append(cov.rulesLoaded()).append(" run, ").append(cov.rulesSkipped().size())
          .append(" skipped (reasons in findings.json coverage.rulesSkipped)\n");
    }
    if (!cov.fieldsMissing().isEmpty()) {
      sb.append("  fields absent from the data: ").append(String.join(", ", cov.fieldsMissing())).append('\n');
    }
    if (!cov.gaps().isEmpty()) {
      sb.append("  gaps: ").append(cov.gaps().size()).append(" stretch(es) with no or few events\n");
    }
    long shown = f.actors().stream().filter(a -> !a.verdict().equals("no-sign")).count();
    sb.append(String.format(Locale.ROOT, "Actors: %d flagged%n", shown));
    if (shown > 0) {
      sb.append(String.format(Locale.ROOT, "  %-18s %-10s %-" + VALUE_WIDTH + "s %5s %9s %9s  %s%n",
          "verdict", "kind", "actor", "conf", "requests", "subjects", "rules"));
      for (CaseFindings.ActorFinding a : f.actors()) {
        if (a.verdict().equals("no-sign")) {
          continue;
        }
        sb.append(String.format(Locale.ROOT, "  %-18s %-10s %-" + VALUE_WIDTH + "s %5.2f %9d %9d  %d%n", a.verdict(),
            a.kind(), clip(Escaping.terminal(a.value())), a.confidence(), a.requests(), a.distinctSubjects(), a.rules().size()));
      }
    }
    if (f.leak() != null) {
      CaseFindings.LeakCorrelation l = f.leak();
      sb.append(String.format(Locale.ROOT, "Leak sample: %d identifiers, %d accessed, %d by flagged actors, %d owner-only%n",
          l.sampleSize(), l.accessed(), l.accessedByFlagged(), l.ownerOnly()));
    }
    return sb.toString();
  }

  private static String clip(String s) {
    return s.length() <= VALUE_WIDTH ? s : s.substring(0, VALUE_WIDTH - 1) + "…";
  }

  private String time(long ms) {
    return ms < 0 ? "-" : time.format(Instant.ofEpochMilli(ms));
  }

  /** Whether a flagged (not benign, not no-sign) actor has a rule at or above {@code level}. */
  public static boolean reachesLevel(CaseFindings f, String level) {
    int min = RuleMeta.rank(level);
    for (CaseFindings.ActorFinding a : f.actors()) {
      if (a.verdict().equals("no-sign") || a.verdict().equals("benign-automation")) {
        continue;
      }
      for (CaseFindings.RuleHit h : a.rules()) {
        if (RuleMeta.rank(h.level()) >= min) {
          return true;
        }
      }
    }
    return false;
  }
}
