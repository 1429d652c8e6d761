package org.apiaudit.report;

import org.apiaudit.output.Escaping;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apiaudit.canary.CanaryAnalyzer;
import org.apiaudit.canary.CanaryResult;
import org.apiaudit.canary.ProbeProblem;
import org.apiaudit.detect.findings.CaseFindings.ActorFinding;
import org.apiaudit.detect.findings.CaseFindings.Evidence;
import org.apiaudit.detect.findings.CaseFindings.Gap;
import org.apiaudit.detect.findings.CaseFindings.Hypothesis;
import org.apiaudit.detect.findings.CaseFindings.LeakCorrelation;
import org.apiaudit.detect.findings.CaseFindings.LeakSubject;
import org.apiaudit.detect.findings.CaseFindings.RuleHit;
import org.apiaudit.detect.findings.CaseFindings.RuleRun;
import org.apiaudit.detect.findings.CaseFindings;
import org.apiaudit.report.Report.ActorSection;
import org.apiaudit.report.Report.BenignActor;
import org.apiaudit.report.Report.Category;
import org.apiaudit.report.Report.Indicator;
import org.apiaudit.report.Report.InputFile;

/**
 * Renders the report as Markdown that reads well in a terminal and pastes into a ticket:
 * GitHub tables, identifiers as code spans, no HTML and no images (a text sparkline stands in
 * for each chart). Attacker-controlled strings go through {@link Escaping#markdown} or
 * {@link Escaping#markdownCode}, so they cannot split a table, open a link or become a tag.
 */
public final class MarkdownReportWriter {
  /** The file name in the report folder. */
  public static final String FILE_NAME = "report.md";

  private static final String BLOCKS = " ▁▂▃▄▅▆▇█";

  /** The Markdown document for {@code report}. */
  public String render(Report report) {
    StringBuilder md = new StringBuilder(32 * 1024);
    Report.Header h = report.header();
    md.append("**").append(h.classification().label()).append("** · API-access audit · initial incident report\n\n");
    md.append("# ").append(t(h.caseName())).append("\n\n");
    table(md, List.of("Report id", "Generated", "Tool", "Rule set", "Classification"), List.of(List.of(
        c(h.reportId()), t(h.generatedAtIst() + " (" + h.generatedAtUtc() + ")"), c(h.toolVersion()),
        t(h.ruleSetVersion()) + " " + c(shortHash(h.ruleSetDigest())), c(h.classification().label()))));

    Report.Summary s = report.summary();
    md.append("## " + ReportSection.SUMMARY.heading() + "\n\n**").append(t(s.verdictLabel().toUpperCase(java.util.Locale.ROOT))).append("** (confidence ")
        .append(Labels.percent(s.confidence())).append(")\n\n");
    for (String line : s.bottomLine()) {
      md.append("> ").append(t(line)).append("\n");
    }
    md.append("\n");
    for (Report.IncidentBrief b : report.incidents()) {
      CaseFindings.Incident inc = b.incident();
      md.append("### ").append(t(inc.id() + " · " + inc.title())).append("\n\n").append(t(b.paragraph())).append("\n\n")
          .append("Windows (IST): ").append(t(inc.windows().stream().map(w -> Times.istShort(Instant.parse(w.start()).toEpochMilli())
              + " – " + Times.istShort(Instant.parse(w.end()).toEpochMilli())).collect(Collectors.joining("; ")))).append("\n\n");
      if (!inc.context().isEmpty()) {
        md.append("Seen with the attack, shared with other users (do not block): ").append(inc.context().stream()
            .map(cv -> c(cv.value())).collect(Collectors.joining(", "))).append("\n\n");
      }
      if (!inc.evidence().isEmpty()) {
        md.append("Evidence from inside the windows (personal identifiers pseudonymised):\n\n");
        for (Evidence e : HtmlReportWriter.shownEvidence(inc.evidence())) {
          md.append("- ").append(c(e.file() + ":" + e.line())).append(" ").append(t(Times.ist(e.timestamp()))).append(": ")
              .append(t(e.maskedLine())).append("\n");
        }
        md.append("\n");
      }
    }
    Report.Totals tot = s.totals();
    table(md, List.of("Events", "On record-returning endpoints", "Actors examined", "Actors flagged", "Subjects affected"),
        List.of(List.of(Labels.count(tot.events()), Labels.count(tot.recordEvents()), Labels.count(tot.actors()),
            Labels.count(report.findings().size()), Labels.count(tot.subjectsAffected()))));
    md.append("Actors by verdict: ").append(tot.actorsByVerdict().isEmpty() ? "none" : tot.actorsByVerdict().entrySet().stream()
        .map(e -> c(e.getKey()) + " " + e.getValue()).collect(Collectors.joining(", "))).append("\n\n");
    if (report.scope().eventRate() != null) {
      md.append("Events per hour: `").append(sparkline(report.scope().eventRate())).append("`\n\n");
    }

    Report.IncidentCategory inc = report.incident();
    md.append("## " + ReportSection.INCIDENT_CATEGORY.heading() + "\n\n");
    if (inc.categories().isEmpty()) {
      md.append("No incident established.\n\n");
    } else {
      List<List<String>> rows = new ArrayList<>();
      for (Category cat : inc.categories()) {
        rows.add(List.of("**" + t(cat.name()) + "**", t(cat.reason())));
      }
      table(md, List.of("CERT-In category", "Why it fits"), rows);
    }
    md.append("- Time of occurrence: ").append(t(inc.occurrenceFrom() < 0 ? "not established"
        : Times.both(inc.occurrenceFrom()) + " to " + Times.both(inc.occurrenceTo()))).append("\n");
    md.append("- Time of detection: ").append(t(Times.both(inc.detectedAt()))).append("\n\n").append(t(inc.note())).append("\n\n");

    scope(md, report.scope());
    hypotheses(md, report.hypotheses());
    findings(md, report.findings());
    leak(md, report.leak());
    canary(md, report.canary());
    benign(md, report.benignAutomation());
    indicators(md, report.indicators());
    Report.Recommendations r = report.recommendations();
    md.append("## " + ReportSection.RECOMMENDATIONS.heading() + "\n\n");
    bullets(md, "Containment", r.containment());
    bullets(md, "Next steps", r.nextSteps());
    bullets(md, "Evidence to preserve", r.preserve());
    method(md, report.method());
    md.append("---\n**").append(h.classification().label()).append("** · ").append(c(h.reportId())).append("\n");
    return md.toString();
  }

  private static void scope(StringBuilder md, Report.Scope s) {
    md.append("## " + ReportSection.SCOPE.heading() + "\n\n").append(t(Labels.count(s.events()) + " events (" + Labels.count(s.recordEvents())
        + " on record-returning endpoints) from " + Times.both(s.from()) + " to " + Times.both(s.to()) + ".")).append("\n\n");
    List<List<String>> rows = new ArrayList<>();
    for (InputFile f : s.files()) {
      rows.add(List.of(c(f.path()), c(f.format()), Labels.bytes(f.size()), Labels.count(f.lines()), Labels.count(f.events()),
          Labels.count(f.rejected()), t(Times.ist(f.firstEvent()) + " – " + Times.ist(f.lastEvent())), c(f.sha256())));
    }
    table(md, List.of("File", "Format", "Size", "Lines", "Events", "Rejected", "Time range", "SHA-256"), rows);
    md.append(t(Labels.count(s.totalRejected()) + " line(s) could not be parsed.")).append("\n");
    for (InputFile f : s.files()) {
      for (RejectedLine rl : f.firstRejects()) {
        md.append("- ").append(c(rl.file() + ":" + rl.line())).append(" ").append(t(rl.reason())).append("\n");
      }
    }
    md.append("\nChannels: ").append(s.channels().isEmpty() ? "none recorded" : s.channels().entrySet().stream()
        .map(e -> c(e.getKey()) + " " + Labels.count(e.getValue())).collect(Collectors.joining(", "))).append("\n");
    if (!s.channelsAbsent().isEmpty()) {
      md.append("\nAbsent channels: ").append(s.channelsAbsent().stream().map(MarkdownReportWriter::c).collect(Collectors.joining(", "))).append("\n");
    }
    if (!s.fieldsMissing().isEmpty()) {
      md.append("\nFields absent from every event: ").append(s.fieldsMissing().stream().map(MarkdownReportWriter::c)
          .collect(Collectors.joining(", "))).append("\n");
    }
    if (!s.rulesSkipped().isEmpty()) {
      md.append("\nRules: ").append(s.rulesLoaded()).append(" run, ").append(s.rulesSkipped().size()).append(" skipped:\n\n");
      for (CaseFindings.SkippedRule r : s.rulesSkipped()) {
        md.append("- ").append(c(r.file() + (r.line() > 0 ? ":" + r.line() : ""))).append(" ").append(t(r.reason())).append("\n");
      }
    }
    md.append("\n### Gaps\n\n");
    if (s.gaps().isEmpty()) {
      md.append("None: no hour without events or with unusually few.\n\n");
    } else {
      List<List<String>> gaps = new ArrayList<>();
      for (Gap g : s.gaps()) {
        gaps.add(List.of(t(Times.ist(g.from())), t(Times.ist(g.to())), c(g.kind()), Labels.count(g.events())));
      }
      table(md, List.of("From", "To", "Kind", "Events"), gaps);
      md.append(t("Total time in gaps: " + Times.duration(s.gapMillis()) + ". The conclusion says nothing about these stretches.")).append("\n\n");
    }
  }

  private static void hypotheses(StringBuilder md, List<Hypothesis> hs) {
    md.append("## " + ReportSection.HYPOTHESES.heading() + "\n\n");
    List<List<String>> rows = new ArrayList<>();
    for (Hypothesis h : hs) {
      rows.add(List.of("**" + t(h.id()) + "**", t(h.title()), "**" + t(h.verdict()) + "**", Labels.percent(h.confidence()),
          t(h.reason()), h.actors() == null || h.actors().isEmpty() ? "—"
              : h.actors().stream().map(MarkdownReportWriter::c).collect(Collectors.joining(", "))));
    }
    table(md, List.of("Id", "Hypothesis", "Verdict", "Confidence", "Why", "Deciding actors"), rows);
  }

  private static void findings(StringBuilder md, List<ActorSection> sections) {
    md.append("## " + ReportSection.FINDINGS.heading() + "\n\n");
    if (sections.isEmpty()) {
      md.append("No actor was flagged.\n\n");
    }
    int n = 1;
    for (ActorSection s : sections) {
      ActorFinding a = s.finding();
      md.append("### ").append(ReportSection.FINDINGS.number()).append('.').append(n++).append(" ").append(t(Labels.kind(a.kind()))).append(" ").append(c(a.value()))
          .append(" — **").append(t(a.verdict())).append("** (confidence ").append(Labels.percent(a.confidence())).append(")\n\n");
      if (a.members() != null && !a.members().isEmpty()) {
        md.append("- Cluster members: ").append(a.members().stream().map(m -> c(m.kind() + ":" + m.value()))
            .collect(Collectors.joining(", "))).append("\n");
      }
      md.append("- First seen: ").append(t(Times.both(a.firstSeen()))).append("\n")
          .append("- Last seen: ").append(t(Times.both(a.lastSeen()))).append("\n")
          .append("- Requests: ").append(Labels.count(a.requests())).append("; distinct subjects: ")
          .append(Labels.count(a.distinctSubjects())).append("\n")
          .append("- Endpoints: ").append(counts(a.endpoints())).append("\n")
          .append("- Statuses: ").append(counts(a.statuses())).append("\n")
          .append("- IPs: ").append(values(a.ips())).append("\n")
          .append("- User agents: ").append(values(a.userAgents())).append("\n");
      if (s.timeline() != null) {
        md.append("- Timeline (per hour): `").append(sparkline(s.timeline())).append("`\n");
      }
      md.append("\n");
      if (a.rules() != null && !a.rules().isEmpty()) {
        List<List<String>> rows = new ArrayList<>();
        for (RuleHit h : a.rules()) {
          rows.add(List.of(c(h.ruleId()), t(h.title()), t(h.level()), t(Labels.comparison(h)),
              t(Times.istShort(h.firstSeen()) + " – " + Times.istShort(h.lastSeen()))));
        }
        table(md, List.of("Rule", "Title", "Level", "Measured vs threshold", "Window (IST)"), rows);
      }
    }
  }

  private static void leak(StringBuilder md, LeakCorrelation leak) {
    md.append("## " + ReportSection.LEAK.heading() + "\n\n");
    if (leak == null) {
      md.append("No leak sample was given; see the recommendations.\n\n");
      return;
    }
    table(md, List.of("In sample", "Accessed", "By a flagged actor", "Owner only"), List.of(List.of(
        Labels.count(leak.sampleSize()), Labels.count(leak.accessed()), Labels.count(leak.accessedByFlagged()),
        Labels.count(leak.ownerOnly()))));
    md.append("- By endpoint: ").append(counts(leak.byEndpoint())).append("\n- By actor: ").append(counts(leak.byActor())).append("\n\n");
    if (leak.subjects() != null && !leak.subjects().isEmpty()) {
      List<List<String>> rows = new ArrayList<>();
      for (LeakSubject ls : leak.subjects().stream().limit(HtmlReportWriter.LEAK_SUBJECTS_SHOWN).toList()) {
        rows.add(List.of(c(ls.pseudonym()), c(ls.status()), Labels.count(ls.accesses()), t(Times.ist(ls.firstAccess())),
            values(ls.actors())));
      }
      table(md, List.of("Subject (pseudonym)", "Status", "Accesses", "First access", "Actors"), rows);
    }
  }

  /** The canary test, as a subsection of the leak correlation; nothing when no probes were given. */
  private static void canary(StringBuilder md, CanaryResult canary) {
    if (canary == null) {
      return;
    }
    md.append("### " + ReportSection.LEAK.number() + ".1 Canary probes\n\n**").append(t(canary.verdict())).append("**: ").append(t(canary.summary()))
        .append("\n\n");
    List<String> head = new ArrayList<>(List.of("Probes", "Window"));
    List<String> row = new ArrayList<>(List.of(Labels.count(canary.probes().size()),
        t("±" + CanaryAnalyzer.duration(canary.windowMillis()))));
    canary.counts().forEach((verdict, n) -> {
      head.add(verdict);
      row.add(Labels.count(n));
    });
    table(md, head, List.of(row));
    for (CanaryResult.LiveActor a : canary.liveActors()) {
      md.append("- Live lookups by ").append(c(a.actor())).append(" (").append(t(a.authType())).append(") on ")
          .append(Labels.count(a.probes())).append(a.probes() == 1 ? " probe" : " probes")
          .append(a.flagged() != null ? "; flagged " + c(a.flagged()) : "; not flagged by detection")
          .append("; IPs ").append(values(a.ips())).append("; user agents ").append(values(a.userAgents())).append("\n");
    }
    if (canary.delays() != null) {
      md.append("- Delay after the query: min ").append(t(CanaryAnalyzer.seconds(canary.delays().minMillis())))
          .append(", median ").append(t(CanaryAnalyzer.seconds(canary.delays().medianMillis())))
          .append(", max ").append(t(CanaryAnalyzer.seconds(canary.delays().maxMillis()))).append("\n");
    }
    md.append("\n");
    List<List<String>> rows = new ArrayList<>();
    for (CanaryResult.ProbeResult p : canary.probes()) {
      rows.add(List.of(c(canary.probesFile() + ":" + p.line()), t(Times.ist(p.queriedAt())), c(p.subject()), c(p.verdict()),
          Labels.count(p.eventsInWindow()) + " / " + Labels.count(p.eventsAfterQuery()), Labels.count(p.accessesAnyTime()),
          p.firstLiveDelayMillis() < 0 ? "—" : t("+" + CanaryAnalyzer.seconds(p.firstLiveDelayMillis())), c(p.liveActor())));
    }
    table(md, List.of("Probe", "Queried at", "Subject (pseudonym)", "Verdict", "Events in window / after query",
        "Accesses ever", "First live lookup", "By"), rows);
    if (!canary.problems().isEmpty()) {
      md.append(t(canary.problems().size() + " probe row(s) could not be used:")).append("\n\n");
      for (ProbeProblem p : canary.problems()) {
        md.append("- ").append(c(p.file() + ":" + p.line())).append(" ").append(t(p.message())).append("\n");
      }
      md.append("\n");
    }
  }

  private static void benign(StringBuilder md, List<BenignActor> benign) {
    md.append("## " + ReportSection.BENIGN.heading() + "\n\n");
    if (benign.isEmpty()) {
      md.append("No busy automated actor needed explaining.\n\n");
      return;
    }
    for (BenignActor b : benign) {
      md.append("- ").append(t(Labels.kind(b.kind()))).append(" ").append(c(b.value())).append(": ")
          .append(b.why().stream().map(MarkdownReportWriter::t).collect(Collectors.joining("; "))).append("\n");
    }
    md.append("\n");
  }

  private static void indicators(StringBuilder md, List<Indicator> indicators) {
    md.append("## " + ReportSection.INDICATORS.heading() + "\n\nAlso in `indicators.csv` and `indicators.stix.json` (STIX 2.1).\n\n");
    if (indicators.isEmpty()) {
      md.append("No indicator: no incident, or none of its values was the attack's alone.\n\n");
      return;
    }
    List<List<String>> rows = new ArrayList<>();
    for (Indicator i : indicators) {
      rows.add(List.of(t(i.type()), c(i.value()), t(i.incident()), t(i.verdict()), Labels.percent(i.confidence()),
          t(Times.istShort(i.firstSeen())), t(Times.istShort(i.lastSeen())), Labels.count(i.requests()),
          i.rules().stream().map(MarkdownReportWriter::c).collect(Collectors.joining(", "))));
    }
    table(md, List.of("Type", "Value", "Incident", "Verdict", "Confidence", "First seen (IST)", "Last seen (IST)", "Requests",
        "Rules"), rows);
  }

  private static void method(StringBuilder md, Report.Method m) {
    md.append("## " + ReportSection.METHOD.heading() + "\n\n")
        .append("- Command line: ").append(t(m.commandLine())).append("\n")
        .append("- Run: ").append(t(Times.both(m.startedAt()) + " to " + Times.both(m.finishedAt()))).append("\n")
        .append("- Tool version: ").append(c(m.toolVersion())).append("; findings schema ").append(c(m.findingsSchemaVersion()))
        .append("; index schema ").append(c(m.indexSchemaVersion())).append("\n")
        .append("- Case key fingerprint: ").append(c(m.keyFingerprint() == null ? "not-recorded" : m.keyFingerprint())).append("\n")
        .append("- Evidence digest (SHA-256): ").append(c(m.evidenceDigest())).append("\n");
    for (Map.Entry<String, String> p : m.parameters().entrySet()) {
      md.append("- Parameter ").append(c(p.getKey())).append(": ").append(t(p.getValue())).append("\n");
    }
    md.append("\n");
    List<List<String>> rows = new ArrayList<>();
    for (RuleRun r : m.rules()) {
      rows.add(List.of(c(r.id()), t(r.title()), t(r.level()), t(r.modified()),
          t(m.thresholds().getOrDefault(r.id(), "did not fire")), c(r.file()), c(r.sha256())));
    }
    table(md, List.of("Rule", "Title", "Level", "Modified", "Threshold", "File", "SHA-256"), rows);
  }

  // ---- helpers ----------------------------------------------------------------------------

  /** Escaped text. */
  private static String t(String text) {
    return Escaping.markdown(text);
  }

  /** An identifier: a code span when safe, escaped text otherwise. */
  private static String c(String text) {
    return text == null || text.isEmpty() ? "—" : Escaping.markdownCode(text);
  }

  private static void table(StringBuilder md, List<String> head, List<List<String>> rows) {
    md.append("| ").append(String.join(" | ", head)).append(" |\n|");
    for (int i = 0; i < head.size(); i++) {
      md.append("---|");
    }
    md.append("\n");
    for (List<String> row : rows) {
      md.append("| ").append(String.join(" | ", row)).append(" |\n");
    }
    md.append("\n");
  }

  private static void bullets(StringBuilder md, String title, List<String> items) {
    md.append("### ").append(title).append("\n\n");
    for (String s : items) {
      md.append("- ").append(t(s)).append("\n");
    }
    md.append("\n");
  }

  private static String counts(Map<String, Long> counts) {
    if (counts == null || counts.isEmpty()) {
      return "—";
    }
    return ReportBuilder.sortedByCount(counts).entrySet().stream()
        .map(e -> c(e.getKey()) + " " + Labels.count(e.getValue())).collect(Collectors.joining(", "));
  }

  private static String values(List<String> values) {
    return values == null || values.isEmpty() ? "—" : values.stream().map(MarkdownReportWriter::c).collect(Collectors.joining(", "));
  }

  /** One block character per bucket (at most 96, summed into wider buckets), scaled to the peak. */
  static String sparkline(TimeSeries series) {
    long[] counts = series.counts();
    int width = Math.min(96, counts.length);
    long[] cells = new long[width];
    for (int i = 0; i < counts.length; i++) {
      cells[(int) ((long) i * width / counts.length)] += counts[i];
    }
    long max = 1;
    for (long v : cells) {
      max = Math.max(max, v);
    }
    StringBuilder out = new StringBuilder(width);
    for (long v : cells) {
      out.append(BLOCKS.charAt(v == 0 ? 0 : (int) Math.max(1, Math.round(8.0 * v / max))));
    }
    return out.toString();
  }

  private static String shortHash(String hash) {
    return hash == null ? "—" : hash.length() > 16 ? hash.substring(0, 16) : hash;
  }
}
