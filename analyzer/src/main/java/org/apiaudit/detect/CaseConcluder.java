package org.apiaudit.detect;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apiaudit.index.Instants;

/**
 * Concludes on the case from the actor verdicts and the coverage: H1 (direct API scraping),
 * H2 (credential misuse), H3 (no sign of direct access, only as good as the coverage).
 *
 * <p>Coverage is incomplete when attribution fields (auth type, principal, subject) are absent
 * from the data or when there are hours without events inside the window; then "no sign" is
 * reported as {@code inconclusive} for H3, and the case verdict says so.
 */
final class CaseConcluder {
  /** Share of the window that may be without events before "no sign" becomes inconclusive. */
  static final double MAX_EMPTY_SHARE = 0.25;
  /** Confidence in any absence when coverage is incomplete: the logs cannot show it. */
  static final double INCOMPLETE = 0.3;
  /** Channels whose callers can read records; a case lacking one cannot speak for it. */
  static final List<String> RECORD_CHANNELS = List.of("citizen", "vaccinator", "partner");

  /**
   * How sure "no sign" is, from what the logs cover: half for having looked at all, the other
   * half scaled by the share of the window with events and the share of record-reading channels
   * present, less 0.05 per actor that stays suspicious. A full week of every channel with no
   * suspicious actor gives 0.95; a day missing or a channel absent lowers it in proportion.
   */
  static double absenceConfidence(CaseFindings.Coverage coverage, long emptyMs, long spanMs, int suspicious) {
    double covered = Math.max(0, 1 - (double) emptyMs / spanMs);
    long channels = RECORD_CHANNELS.stream().filter(c -> coverage.channels().getOrDefault(c, 0L) > 0).count();
    double value = 0.5 + 0.45 * covered * channels / RECORD_CHANNELS.size() - 0.05 * suspicious;
    return Math.max(INCOMPLETE, value);
  }

  CaseFindings.Conclusion conclude(List<CaseFindings.ActorFinding> actors, IncidentBuilder.Result incidents,
      CaseFindings.Coverage coverage, CaseFindings.LeakCorrelation leak) {
    List<String> scraping = new ArrayList<>();
    List<String> misuse = new ArrayList<>();
    List<String> suspicious = new ArrayList<>();
    double h1 = 0;
    double h2 = 0;
    // actors of an incident without a second signal are named, but the case does not rest on them
    java.util.Set<String> undecided = new java.util.LinkedHashSet<>();
    incidents.incidents().stream().filter(i -> !i.decidesCase()).forEach(i -> undecided.addAll(i.actors()));
    List<String> reported = new ArrayList<>();
    for (CaseFindings.ActorFinding a : actors) {
      String label = a.kind() + ":" + a.value();
      Verdict v = Verdict.of(a.verdict());
      if (v.isIncident() && undecided.contains(label)) {
        reported.add(label);
        continue;
      }
      if (v == Verdict.SCRAPING) {
        scraping.add(label);
        h1 = Math.max(h1, a.confidence());
      } else if (v == Verdict.CREDENTIAL_MISUSE) {
        misuse.add(label);
        h2 = Math.max(h2, a.confidence());
      } else if (v == Verdict.SUSPICIOUS) {
        suspicious.add(label);
        continue;
      } else {
        continue;
      }
    }
    long subjects = incidents.subjectsAffected();
    long first = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;
    int scrapingIncidents = 0;
    int misuseIncidents = 0;
    for (CaseFindings.Incident i : incidents.incidents()) {
      if (!i.decidesCase()) {
        continue;
      }
      first = Math.min(first, Instants.parse(i.windows().get(0).start()));
      last = Math.max(last, Instants.parse(i.windows().get(i.windows().size() - 1).end()));
      if (Verdict.of(i.verdict()) == Verdict.SCRAPING) {
        scrapingIncidents++;
      } else {
        misuseIncidents++;
      }
    }
    List<String> missingAttribution = new ArrayList<>();
    for (var f : DetectionService.ATTRIBUTION) {
      if (coverage.fieldsMissing().contains(f.fieldName())) {
        missingAttribution.add(f.fieldName());
      }
    }
    long emptyHours = coverage.gaps().stream().filter(g -> g.kind().equals("no-events")).count();
    long emptyMs = coverage.gaps().stream().filter(g -> g.kind().equals("no-events")).mapToLong(g -> g.to() - g.from() + 1).sum();
    long spanMs = Math.max(1, coverage.to() - coverage.from());
    // Quiet hours are listed and lower confidence; only when they cover over a quarter of the
    // window, or attribution fields are absent, can absence no longer be concluded.
    boolean complete = missingAttribution.isEmpty() && emptyMs <= spanMs * MAX_EMPTY_SHARE && coverage.events() > 0;
    boolean leakTies = leak != null && leak.accessedByFlagged() > 0;
    if (leakTies) {
      h1 = scraping.isEmpty() ? h1 : Math.min(0.99, h1 + 0.05);
      h2 = misuse.isEmpty() ? h2 : Math.min(0.99, h2 + 0.05);
    }
    String coverageNote = complete ? (emptyHours == 0 ? "coverage complete" : "coverage adequate, "
        + emptyHours + " quiet stretch(es) without events") : "coverage incomplete ("
        + (missingAttribution.isEmpty() ? "" : "fields absent: " + String.join(", ", missingAttribution)
        + (emptyHours > 0 ? "; " : "")) + (emptyHours > 0 ? emptyHours + " stretch(es) without events" : "") + ")";
    double absence = absenceConfidence(coverage, emptyMs, spanMs, suspicious.size() + reported.size());
    List<String> named = new ArrayList<>(suspicious);
    named.addAll(reported);
    String reportedNote = reported.isEmpty() ? "" : "; " + reported.size() + " actor(s) reported without a second"
        + " signal, which the case does not rest on: " + String.join(", ", reported);
    List<CaseFindings.Hypothesis> hyps = new ArrayList<>();
    hyps.add(new CaseFindings.Hypothesis("H1", "direct API scraping",
        scraping.isEmpty() ? (complete ? "refuted" : "inconclusive") : "supported",
        scraping.isEmpty() ? (complete ? absence : INCOMPLETE) : h1,
        scraping.isEmpty() ? "no actor shows record fan-out beyond its own identity or role baseline; " + coverageNote
            : scraping.size() + " actor(s) read records in bulk beyond their own identity", scraping));
    hyps.add(new CaseFindings.Hypothesis("H2", "authorised-credential misuse",
        misuse.isEmpty() ? (complete ? "refuted" : "inconclusive") : "supported",
        misuse.isEmpty() ? (complete ? absence : INCOMPLETE) : h2,
        misuse.isEmpty() ? "no vaccinator or partner credential used far outside its baseline; " + coverageNote
            : misuse.size() + " vaccinator/partner credential(s) used far outside their normal pattern", misuse));
    boolean none = scraping.isEmpty() && misuse.isEmpty();
    hyps.add(new CaseFindings.Hypothesis("H3", "no sign of direct access",
        !none ? "refuted" : complete ? "supported" : "inconclusive",
        !none ? Math.max(h1, h2) : complete ? absence : INCOMPLETE,
        !none ? "actors reading records in bulk were found"
            : complete ? "no actor reads records beyond its own identity or role baseline; " + suspicious.size()
                + " actor(s) only suspicious" + reportedNote : "no such actor found, but " + coverageNote, named));
    String verdict;
    double confidence;
    String summary;
    if (!scraping.isEmpty()) {
      verdict = "direct-api-scraping-evidenced";
      confidence = h1;
      summary = String.format(Locale.ROOT, "Direct API scraping is evidenced: %d scraping incident(s)%s; records of %d"
          + " distinct subjects were returned to the attackers.", scrapingIncidents,
          misuseIncidents == 0 ? "" : " and " + misuseIncidents + " credential-misuse incident(s)", subjects);
    } else if (!misuse.isEmpty()) {
      verdict = "credential-misuse-evidenced";
      confidence = h2;
      summary = String.format(Locale.ROOT, "Authorised-credential misuse is evidenced: %d incident(s); records of %d"
          + " distinct subjects were returned to the misused credential(s); no direct API scraping.", misuseIncidents,
          subjects);
    } else if (complete) {
      verdict = "no-sign-of-direct-api-scraping";
      confidence = absence;
      summary = "No sign of direct API scraping or credential misuse in the analysed window (" + coverageNote + ")"
          + (suspicious.isEmpty() ? "" : "; " + suspicious.size() + " actor(s) remain suspicious without a conclusion")
          + reportedNote + ".";
    } else {
      verdict = "inconclusive";
      confidence = INCOMPLETE;
      summary = "No actor was judged scraping or misuse, but " + coverageNote + ", so absence cannot be concluded.";
    }
    if (leak != null) {
      summary += String.format(Locale.ROOT, " Leak sample: %d of %d identifiers accessed in the window, %d by flagged actors.",
          leak.accessed(), leak.sampleSize(), leak.accessedByFlagged());
    }
    return new CaseFindings.Conclusion(verdict, !scraping.isEmpty(), !misuse.isEmpty(), DetectionService.round(confidence),
        summary, subjects, incidents.subjectsByKind(), first == Long.MAX_VALUE ? -1 : first,
        last == Long.MIN_VALUE ? -1 : last, hyps);
  }
}
