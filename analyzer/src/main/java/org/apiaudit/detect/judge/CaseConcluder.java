package org.apiaudit.detect.judge;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apiaudit.detect.findings.CaseFindings;
import org.apiaudit.index.Instants;
import org.apiaudit.schema.Field;

/**
 * Concludes on the case from the actor verdicts and the coverage: H1 (direct API scraping),
 * H2 (credential misuse), H3 (no sign of direct access, only as good as the coverage).
 *
 * <p>Coverage is incomplete when attribution fields (auth type, principal, subject) are absent
 * from the data or when there are hours without events inside the window; then "no sign" is
 * reported as {@code inconclusive} for H3, and the case verdict says so.
 */
public final class CaseConcluder {
  /** Fields whose absence means the rules could not see who called or about whom. */
  private static final List<Field> ATTRIBUTION = List.of(Field.AUTH_TYPE, Field.PRINCIPAL, Field.SUBJECT_ID);
  /** Share of the window that may be without events before "no sign" becomes inconclusive. */
  static final double MAX_EMPTY_SHARE = 0.25;
  /** Confidence in any absence when coverage is incomplete: the logs cannot show it. */
  static final double INCOMPLETE = 0.3;
  /** Channels whose callers can read records; a case lacking one cannot speak for it. */
  static final List<String> RECORD_CHANNELS = List.of("citizen", "vaccinator", "partner");
  /** Confidence in an absence for having looked at all, before what the logs cover is counted. */
  static final double LOOKED = 0.5;
  /**
   * What full coverage (every hour, every record channel) adds to an absence: short of the other
   * half, because logs never prove that nothing happened outside them.
   */
  static final double FULL_COVERAGE = 0.45;
  /** What each actor left suspicious takes from an absence: each is an open question. */
  static final double PER_OPEN_ACTOR = 0.05;
  /** What leak-sample identifiers read by the flagged actors add to H1/H2: a second, independent signal. */
  static final double LEAK_TIE = 0.05;
  /** No conclusion drawn from logs is certain. */
  static final double MAX_CONFIDENCE = 0.99;

  /**
   * How sure "no sign" is, from what the logs cover: {@link #LOOKED} for having looked at all,
   * plus {@link #FULL_COVERAGE} scaled by the share of the window with events and the share of
   * record-reading channels present, less {@link #PER_OPEN_ACTOR} per actor that stays suspicious.
   * A full week of every channel with no suspicious actor gives 0.95; a day missing or a channel
   * absent lowers it in proportion; it never falls below {@link #INCOMPLETE}.
   */
  static double absenceConfidence(CaseFindings.Coverage coverage, long emptyMs, long spanMs, int suspicious) {
    double covered = Math.max(0, 1 - (double) emptyMs / spanMs);
    long channels = RECORD_CHANNELS.stream().filter(c -> coverage.channels().getOrDefault(c, 0L) > 0).count();
    double value = LOOKED + FULL_COVERAGE * covered * channels / RECORD_CHANNELS.size() - PER_OPEN_ACTOR * suspicious;
    return Math.max(INCOMPLETE, value);
  }

  public CaseFindings.Conclusion conclude(List<CaseFindings.ActorFinding> actors, IncidentBuilder.Result incidents,
      CaseFindings.Coverage coverage, CaseFindings.LeakCorrelation leak) {
    Actors sorted = Actors.sort(actors, incidents);
    IncidentSpan span = IncidentSpan.of(incidents);
    CoverageJudgement judged = CoverageJudgement.of(coverage);
    double h1 = sorted.scrapingConfidence();
    double h2 = sorted.misuseConfidence();
    if (leak != null && leak.accessedByFlagged() > 0) {
      h1 = sorted.scraping().isEmpty() ? h1 : Math.min(MAX_CONFIDENCE, h1 + LEAK_TIE);
      h2 = sorted.misuse().isEmpty() ? h2 : Math.min(MAX_CONFIDENCE, h2 + LEAK_TIE);
    }
    double absence = absenceConfidence(coverage, judged.emptyMs(), judged.spanMs(),
        sorted.suspicious().size() + sorted.reported().size());
    List<CaseFindings.Hypothesis> hyps = hypotheses(sorted, judged, h1, h2, absence);
    String verdict;
    double confidence;
    String summary;
    if (!sorted.scraping().isEmpty()) {
      verdict = "direct-api-scraping-evidenced";
      confidence = h1;
      summary = String.format(Locale.ROOT, "Direct API scraping is evidenced: %d scraping incident(s)%s; records of %d"
          + " distinct subjects were returned to the attackers.", span.scrapingIncidents(),
          span.misuseIncidents() == 0 ? "" : " and " + span.misuseIncidents() + " credential-misuse incident(s)",
          incidents.subjectsAffected());
    } else if (!sorted.misuse().isEmpty()) {
      verdict = "credential-misuse-evidenced";
      confidence = h2;
      summary = String.format(Locale.ROOT, "Authorised-credential misuse is evidenced: %d incident(s); records of %d"
          + " distinct subjects were returned to the misused credential(s); no direct API scraping.",
          span.misuseIncidents(), incidents.subjectsAffected());
    } else if (judged.complete()) {
      verdict = "no-sign-of-direct-api-scraping";
      confidence = absence;
      summary = "No sign of direct API scraping or credential misuse in the analysed window (" + judged.note() + ")"
          + (sorted.suspicious().isEmpty() ? ""
              : "; " + sorted.suspicious().size() + " actor(s) remain suspicious without a conclusion")
          + sorted.reportedNote() + ".";
    } else {
      verdict = "inconclusive";
      confidence = INCOMPLETE;
      summary = "No actor was judged scraping or misuse, but " + judged.note() + ", so absence cannot be concluded.";
    }
    if (leak != null) {
      summary += String.format(Locale.ROOT, " Leak sample: %d of %d identifiers accessed in the window, %d by flagged actors.",
          leak.accessed(), leak.sampleSize(), leak.accessedByFlagged());
    }
    return new CaseFindings.Conclusion(verdict, !sorted.scraping().isEmpty(), !sorted.misuse().isEmpty(),
        CaseFindings.round(confidence), summary, incidents.subjectsAffected(), incidents.subjectsByKind(),
        span.first(), span.last(), hyps);
  }

  /** H1, H2 and H3, each supported, refuted or inconclusive, with its confidence and reason. */
  private static List<CaseFindings.Hypothesis> hypotheses(Actors sorted, CoverageJudgement judged, double h1,
      double h2, double absence) {
    boolean complete = judged.complete();
    String absent = complete ? "refuted" : "inconclusive";
    double absentConfidence = complete ? absence : INCOMPLETE;
    List<String> named = new ArrayList<>(sorted.suspicious());
    named.addAll(sorted.reported());
    boolean none = sorted.scraping().isEmpty() && sorted.misuse().isEmpty();
    return List.of(
        new CaseFindings.Hypothesis("H1", "direct API scraping",
            sorted.scraping().isEmpty() ? absent : "supported",
            sorted.scraping().isEmpty() ? absentConfidence : h1,
            sorted.scraping().isEmpty()
                ? "no actor shows record fan-out beyond its own identity or role baseline; " + judged.note()
                : sorted.scraping().size() + " actor(s) read records in bulk beyond their own identity",
            sorted.scraping()),
        new CaseFindings.Hypothesis("H2", "authorised-credential misuse",
            sorted.misuse().isEmpty() ? absent : "supported",
            sorted.misuse().isEmpty() ? absentConfidence : h2,
            sorted.misuse().isEmpty()
                ? "no vaccinator or partner credential used far outside its baseline; " + judged.note()
                : sorted.misuse().size() + " vaccinator/partner credential(s) used far outside their normal pattern",
            sorted.misuse()),
        new CaseFindings.Hypothesis("H3", "no sign of direct access",
            !none ? "refuted" : complete ? "supported" : "inconclusive",
            !none ? Math.max(h1, h2) : absentConfidence,
            !none ? "actors reading records in bulk were found"
                : complete ? "no actor reads records beyond its own identity or role baseline; "
                    + sorted.suspicious().size() + " actor(s) only suspicious" + sorted.reportedNote()
                    : "no such actor found, but " + judged.note(),
            named));
  }

  /**
   * The actors sorted by what the case can rest on. Actors of an incident without a second signal
   * are {@code reported}: named, but the case does not rest on them.
   */
  private record Actors(List<String> scraping, List<String> misuse, List<String> suspicious, List<String> reported,
      double scrapingConfidence, double misuseConfidence) {
    static Actors sort(List<CaseFindings.ActorFinding> actors, IncidentBuilder.Result incidents) {
      Set<String> undecided = new LinkedHashSet<>();
      incidents.incidents().stream().filter(i -> !i.decidesCase()).forEach(i -> undecided.addAll(i.actors()));
      List<String> scraping = new ArrayList<>();
      List<String> misuse = new ArrayList<>();
      List<String> suspicious = new ArrayList<>();
      List<String> reported = new ArrayList<>();
      double h1 = 0;
      double h2 = 0;
      for (CaseFindings.ActorFinding a : actors) {
        String label = a.kind() + ":" + a.value();
        Verdict v = Verdict.of(a.verdict());
        if (v.isIncident() && undecided.contains(label)) {
          reported.add(label);
        } else if (v == Verdict.SCRAPING) {
          scraping.add(label);
          h1 = Math.max(h1, a.confidence());
        } else if (v == Verdict.CREDENTIAL_MISUSE) {
          misuse.add(label);
          h2 = Math.max(h2, a.confidence());
        } else if (v == Verdict.SUSPICIOUS) {
          suspicious.add(label);
        }
      }
      return new Actors(scraping, misuse, suspicious, reported, h1, h2);
    }

    String reportedNote() {
      return reported.isEmpty() ? "" : "; " + reported.size() + " actor(s) reported without a second"
          + " signal, which the case does not rest on: " + String.join(", ", reported);
    }
  }

  /** When the incidents the case rests on began and ended (-1 without one), and how many of each kind. */
  private record IncidentSpan(long first, long last, int scrapingIncidents, int misuseIncidents) {
    static IncidentSpan of(IncidentBuilder.Result incidents) {
      long first = Long.MAX_VALUE;
      long last = Long.MIN_VALUE;
      int scraping = 0;
      int misuse = 0;
      for (CaseFindings.Incident i : incidents.incidents()) {
        if (!i.decidesCase()) {
          continue;
        }
        first = Math.min(first, Instants.parse(i.windows().get(0).start()));
        last = Math.max(last, Instants.parse(i.windows().get(i.windows().size() - 1).end()));
        if (Verdict.of(i.verdict()) == Verdict.SCRAPING) {
          scraping++;
        } else {
          misuse++;
        }
      }
      return new IncidentSpan(first == Long.MAX_VALUE ? -1 : first, last == Long.MIN_VALUE ? -1 : last, scraping,
          misuse);
    }
  }

  /**
   * Whether the coverage lets absence be concluded. Quiet hours are listed and lower confidence;
   * only when they cover over {@link #MAX_EMPTY_SHARE} of the window, or attribution fields are
   * absent, can absence no longer be concluded.
   */
  private record CoverageJudgement(boolean complete, long emptyMs, long spanMs, String note) {
    static CoverageJudgement of(CaseFindings.Coverage coverage) {
      List<String> missingAttribution = new ArrayList<>();
      for (var f : ATTRIBUTION) {
        if (coverage.fieldsMissing().contains(f.fieldName())) {
          missingAttribution.add(f.fieldName());
        }
      }
      List<CaseFindings.Gap> empty = coverage.gaps().stream().filter(g -> g.kind().equals("no-events")).toList();
      long emptyHours = empty.size();
      long emptyMs = empty.stream().mapToLong(g -> g.to() - g.from() + 1).sum();
      long spanMs = Math.max(1, coverage.to() - coverage.from());
      boolean complete = missingAttribution.isEmpty() && emptyMs <= spanMs * MAX_EMPTY_SHARE && coverage.events() > 0;
      String note = complete
          ? (emptyHours == 0 ? "coverage complete" : "coverage adequate, " + emptyHours + " quiet stretch(es) without events")
          : "coverage incomplete ("
              + (missingAttribution.isEmpty() ? "" : "fields absent: " + String.join(", ", missingAttribution)
                  + (emptyHours > 0 ? "; " : ""))
              + (emptyHours > 0 ? emptyHours + " stretch(es) without events" : "") + ")";
      return new CoverageJudgement(complete, emptyMs, spanMs, note);
    }
  }
}
