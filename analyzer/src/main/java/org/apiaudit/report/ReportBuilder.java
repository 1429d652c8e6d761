package org.apiaudit.report;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apiaudit.Version;
import org.apiaudit.canary.CanaryResult;
import org.apiaudit.detect.findings.CaseFindings.ActorFinding;
import org.apiaudit.detect.findings.CaseFindings.ActorRef;
import org.apiaudit.detect.findings.CaseFindings.Conclusion;
import org.apiaudit.detect.findings.CaseFindings.Coverage;
import org.apiaudit.detect.findings.CaseFindings.Gap;
import org.apiaudit.detect.findings.CaseFindings.Incident;
import org.apiaudit.detect.findings.CaseFindings.RuleHit;
import org.apiaudit.detect.findings.CaseFindings.RuleRun;
import org.apiaudit.detect.findings.CaseFindings;
import org.apiaudit.index.IndexManifest;
import org.apiaudit.index.SourceFile;
import org.apiaudit.report.ActivityCounter.Activity;
import org.apiaudit.report.Report.ActorSection;
import org.apiaudit.report.Report.BenignActor;
import org.apiaudit.report.Report.Category;
import org.apiaudit.report.Report.Header;
import org.apiaudit.report.Report.IncidentCategory;
import org.apiaudit.report.Report.Indicator;
import org.apiaudit.report.Report.InputFile;
import org.apiaudit.report.Report.Method;
import org.apiaudit.report.Report.Recommendations;
import org.apiaudit.report.Report.Scope;
import org.apiaudit.report.Report.Summary;
import org.apiaudit.report.Report.Totals;

/**
 * Derives the whole report from the findings contract, the index manifest and the run: every
 * sentence, category, indicator and recommendation is decided here, once, so that the writers
 * only lay it out and cannot disagree.
 *
 * <p>Usage: {@code new ReportBuilder(findings, manifest, run).activity(counts).rejects(sample).build()}.
 * Without {@link #activity} the report has no charts; without {@link #rejects} it cites reject
 * counts only. The builder reads no clock but the one given ({@link #clock}), so tests are exact.
 */
public final class ReportBuilder {
  /** Rejected lines cited per file. */
  public static final int REJECTS_PER_FILE = 5;
  /** Channels a complete export has (values of {@code auth.type}). */
  static final List<String> CHANNELS = List.of("citizen", "vaccinator", "partner", "none");

  private static final DateTimeFormatter ID_STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmm", Locale.ROOT).withZone(Times.IST);

  private final CaseFindings findings;
  private final IndexManifest manifest;
  private final RunInfo run;
  private Activity activity = Activity.none();
  private List<RejectedLine> rejects = List.of();
  private CanaryResult canary;
  private Clock clock = Clock.systemUTC();
  private String toolVersion = Version.current();

  public ReportBuilder(CaseFindings findings, IndexManifest manifest, RunInfo run) {
    this.findings = Objects.requireNonNull(findings, "findings");
    this.manifest = Objects.requireNonNull(manifest, "manifest");
    this.run = Objects.requireNonNull(run, "run");
    if (findings.conclusion() == null || findings.coverage() == null) {
      throw new IllegalArgumentException("findings must have a conclusion and a coverage");
    }
  }

  /** Event counts for the charts, from {@link ActivityCounter}. */
  public ReportBuilder activity(Activity counts) {
    this.activity = Objects.requireNonNull(counts, "activity");
    return this;
  }

  /** A sample of rejected lines (at most {@link #REJECTS_PER_FILE} per file are cited). */
  public ReportBuilder rejects(List<RejectedLine> sample) {
    this.rejects = List.copyOf(sample);
    return this;
  }

  /** The canary test to report with the leak correlation (null: none, no section). */
  public ReportBuilder canary(CanaryResult result) {
    this.canary = result;
    return this;
  }

  /** The clock that says when the report was generated. */
  public ReportBuilder clock(Clock c) {
    this.clock = Objects.requireNonNull(c, "clock");
    return this;
  }

  /** The tool version to cite (defaults to the running analyzer's). */
  public ReportBuilder toolVersion(String version) {
    this.toolVersion = Objects.requireNonNull(version, "version");
    return this;
  }

  public Report build() {
    long now = clock.millis();
    List<ActorFinding> actors = findings.actors() == null ? List.of() : findings.actors();
    List<ActorFinding> flagged = actors.stream()
        .filter(a -> Labels.isFlagged(a.verdict()))
        .sorted(Comparator.comparing((ActorFinding a) -> Labels.severity(a.verdict())))
        .toList();
    List<ActorFinding> benign = actors.stream().filter(a -> "benign-automation".equals(a.verdict())).toList();
    String evidenceDigest = EvidenceDigest.of(findings, manifest.files());
    List<RuleRun> rules = findings.rules() == null ? List.of() : findings.rules();

    Header header = new Header(
        "APIAUDIT-" + ID_STAMP.format(Instant.ofEpochMilli(now)) + "-" + evidenceDigest.substring(0, 8).toUpperCase(Locale.ROOT),
        now, Times.ist(now), Times.utc(now), toolVersion,
        run.ruleSetVersion() != null ? run.ruleSetVersion() : latestRuleDate(rules),
        run.ruleSetDigest() != null ? run.ruleSetDigest() : EvidenceDigest.ofRules(rules),
        run.classification(), run.caseName());
    return new Report(
        Report.SCHEMA_VERSION,
        header,
        summary(actors, flagged, benign),
        incidentBriefs(actors),
        incident(flagged),
        scope(),
        findings.conclusion().hypotheses() == null ? List.of() : findings.conclusion().hypotheses(),
        sections(flagged),
        findings.leak(),
        canary,
        benign(benign),
        indicators(actors),
        recommendations(flagged, benign),
        new Method(rules, thresholds(actors), new LinkedHashMap<>(run.parameters()), run.commandLine(),
            run.startedAt(), now, toolVersion, findings.schemaVersion(), manifest.schemaVersion(),
            manifest.keyFingerprint(), evidenceDigest),
        findings);
  }

  // ---- 2. Summary -------------------------------------------------------------------------

  private Summary summary(List<ActorFinding> actors, List<ActorFinding> flagged, List<ActorFinding> benign) {
    Conclusion c = findings.conclusion();
    Coverage cov = findings.coverage();
    Map<String, Long> byVerdict = actors.stream()
        .collect(Collectors.groupingBy(ActorFinding::verdict, TreeMap::new, Collectors.counting()));
    List<ActorFinding> guilty = flagged.stream()
        .filter(a -> "scraping".equals(a.verdict()) || "credential-misuse".equals(a.verdict())).toList();
    List<String> lines = new ArrayList<>();
    String confidence = " (confidence " + Labels.percent(c.confidence()) + ")";
    if (c.scrapingEvidenced() || c.credentialMisuseEvidenced()) {
      String what = c.scrapingEvidenced() && c.credentialMisuseEvidenced()
          ? "Direct API scraping and authorised-credential misuse are evidenced"
          : c.scrapingEvidenced() ? "Direct API scraping is evidenced"
          : "Authorised-credential misuse is evidenced; direct API scraping is not";
      lines.add(what + confidence + ".");
      List<Incident> incidents = incidents();
      lines.add(plural(incidents.size(), "incident") + " (" + plural(guilty.size(), "actor") + " judged "
          + verdictsOf(guilty) + "): the records of " + Labels.count(c.subjectsAffected())
          + " distinct subjects were returned to the attackers between " + Times.ist(c.firstSeen()) + " and "
          + Times.ist(c.lastSeen()) + "; each incident is told below.");
    } else if ("inconclusive".equals(c.verdict())) {
      lines.add("The evidence is inconclusive" + confidence + ": signals of scraping without a conclusion.");
      lines.add(flagged.isEmpty()
          ? "No single actor explains the signals; see the hypotheses for what is missing."
          : plural(flagged.size(), "actor") + " remain suspicious (" + names(flagged, 3) + ") and need the next steps below.");
    } else {
      lines.add("There is no sign of direct API scraping in these logs" + confidence + ".");
      lines.add(benign.isEmpty()
          ? "No actor touched personal records beyond its own identity or its role's baseline."
          : "The busiest automated actors were examined and explained as benign automation: "
              + names(benign, 3) + "; they touched " + (benign.stream().allMatch(a -> a.distinctSubjects() == 0)
                  ? "no personal records." : "no personal records beyond their role's baseline."));
    }
    long gapMillis = gapMillis(cov.gaps());
    lines.add("The conclusion rests on " + Labels.count(cov.events()) + " events from "
        + plural(manifest.files().size(), "input file") + " covering " + Times.ist(cov.from()) + " to "
        + Times.ist(cov.to()) + (cov.gaps() == null || cov.gaps().isEmpty()
            ? ", with no gap in coverage."
            : "; " + plural(cov.gaps().size(), "gap") + " totalling " + Times.duration(gapMillis) + " limit it."));
    Totals totals = new Totals(cov.events(), cov.recordEvents(), actors.size(), byVerdict,
        c.subjectsAffected(), cov.from(), cov.to());
    return new Summary(c.verdict(), Labels.verdict(c.verdict()), Labels.severity(c.verdict()), c.confidence(),
        lines, c.summary(), totals);
  }

  // ---- 3. Incident category ---------------------------------------------------------------

  private IncidentCategory incident(List<ActorFinding> flagged) {
    Conclusion c = findings.conclusion();
    List<Category> categories = new ArrayList<>();
    boolean machine = flagged.stream().anyMatch(a -> "scraping".equals(a.verdict()));
    if (c.scrapingEvidenced() || c.credentialMisuseEvidenced()) {
      categories.add(new Category("Unauthorised access of IT systems/data",
          c.scrapingEvidenced()
              ? "records were read in bulk through the API by actors not entitled to them"
              : "an authorised credential was used far outside its role's pattern"));
      if (c.subjectsAffected() > 0) {
        categories.add(new Category("Data breach",
            Labels.count(c.subjectsAffected()) + " distinct subjects' records were returned to those actors"));
      }
    }
    if (findings.leak() != null && findings.leak().accessedByFlagged() > 0) {
      categories.add(new Category("Data leak", Labels.count(findings.leak().accessedByFlagged())
          + " of " + Labels.count(findings.leak().sampleSize())
          + " identifiers seen in the leak were accessed by a flagged actor"));
    }
    if (machine) {
      categories.add(new Category("Attacks on applications such as e-governance (automated bots)",
          "the access was automated: machine cadence and enumeration by a bot, not a person"));
    }
    long from = c.firstSeen();
    long to = c.lastSeen();
    String note;
    if (categories.isEmpty()) {
      note = "No incident is established from these logs; this analysis ran at " + Times.both(run.startedAt()) + ".";
    } else {
      note = "Activity occurred from " + Times.both(from) + " to " + Times.both(to)
          + "; it was detected by this analysis at " + Times.both(run.startedAt())
          + (to >= 0 && run.startedAt() >= to ? ", " + Times.duration(run.startedAt() - to) + " after the last activity." : ".");
    }
    return new IncidentCategory(categories, from, to, run.startedAt(), note);
  }

  // ---- 4. Scope and coverage --------------------------------------------------------------

  private Scope scope() {
    Coverage cov = findings.coverage();
    Map<String, List<RejectedLine>> rejectsByFile = new LinkedHashMap<>();
    for (RejectedLine r : rejects) {
      List<RejectedLine> list = rejectsByFile.computeIfAbsent(r.file(), f -> new ArrayList<>());
      if (list.size() < REJECTS_PER_FILE) {
        list.add(r);
      }
    }
    List<InputFile> files = new ArrayList<>();
    for (SourceFile f : manifest.files()) {
      files.add(new InputFile(f.path(), f.size(), f.sha256(), f.lines(), f.events(), f.rejected(), f.format(),
          f.firstEvent(), f.lastEvent(), f.ingestedAt(), rejectsByFile.getOrDefault(f.path(), List.of())));
    }
    Map<String, Long> channels = sortedByCount(cov.channels());
    List<String> absent = CHANNELS.stream().filter(ch -> channels.getOrDefault(ch, 0L) == 0).toList();
    return new Scope(files, manifest.files().stream().mapToLong(SourceFile::rejected).sum(),
        cov.from(), cov.to(), cov.events(), cov.recordEvents(), channels, absent,
        cov.fieldsMissing() == null ? List.of() : cov.fieldsMissing(),
        cov.gaps() == null ? List.of() : cov.gaps(), gapMillis(cov.gaps()), activity.overall(), cov.rulesLoaded(),
        cov.rulesSkipped());
  }

  // ---- 6. Findings ------------------------------------------------------------------------

  private List<ActorSection> sections(List<ActorFinding> flagged) {
    List<ActorSection> out = new ArrayList<>();
    for (int i = 0; i < flagged.size(); i++) {
      ActorFinding a = flagged.get(i);
      out.add(new ActorSection("actor-" + (i + 1), Labels.kind(a.kind()) + " " + a.value(), a,
          activity.byActor().get(Labels.actorKey(a.kind(), a.value()))));
    }
    return out;
  }

  // ---- 8. Benign automation ---------------------------------------------------------------

  private List<BenignActor> benign(List<ActorFinding> benign) {
    List<BenignActor> out = new ArrayList<>();
    for (ActorFinding a : benign) {
      List<String> why = new ArrayList<>();
      why.add(a.distinctSubjects() == 0
          ? Labels.count(a.requests()) + " requests but no subject: it read no personal record"
          : Labels.count(a.requests()) + " requests touching " + Labels.count(a.distinctSubjects())
              + " distinct subjects, within its role's baseline");
      List<String> top = top(a.endpoints(), 3);
      if (!top.isEmpty()) {
        why.add("its traffic went to " + String.join(", ", top));
      }
      List<RuleHit> hits = a.rules() == null ? List.of() : a.rules();
      if (!hits.isEmpty()) {
        why.add("machine-like signals fired (" + hits.stream().map(RuleHit::title).collect(Collectors.joining(", "))
            + "); they are supporting signals only and make no verdict on their own");
      }
      out.add(new BenignActor(a.kind(), a.value(), a.requests(), a.distinctSubjects(), why, top,
          activity.byActor().get(Labels.actorKey(a.kind(), a.value()))));
    }
    return out;
  }

  // ---- 9. Indicators ----------------------------------------------------------------------

  /**
   * Indicators are the incidents' own: values nothing but the attack used in the analysed window
   * (detection checked each against all traffic). Values the attack shared with other users are
   * the incidents' context, never indicators.
   */
  private List<Indicator> indicators(List<ActorFinding> actors) {
    List<Indicator> out = new ArrayList<>();
    for (Incident inc : incidents()) {
      long until = Instant.parse(inc.windows().get(inc.windows().size() - 1).end()).toEpochMilli();
      List<String> rules = ruleIds(inc, actors);
      for (CaseFindings.Indicator i : inc.indicators()) {
        out.add(new Indicator(i.type(), i.value(), inc.verdict(), inc.confidence(),
            Instant.parse(i.firstSeen()).toEpochMilli(), Instant.parse(i.lastSeen()).toEpochMilli(), i.events(), until,
            rules, inc.id()));
      }
    }
    return out;
  }

  private List<Incident> incidents() {
    return findings.incidents() == null ? List.of() : findings.incidents();
  }

  /** The rule ids that fired for the incident's actors, in the order found. */
  private static List<String> ruleIds(Incident inc, List<ActorFinding> actors) {
    Set<String> labels = new HashSet<>(inc.actors());
    Set<String> ids = new LinkedHashSet<>();
    for (ActorFinding a : actors) {
      if (labels.contains(Labels.actorKey(a.kind(), a.value())) && a.rules() != null) {
        a.rules().forEach(h -> ids.add(h.ruleId()));
      }
    }
    return new ArrayList<>(ids);
  }

  /** One paragraph per incident: what, when, from where, how many records, confidence. */
  private List<Report.IncidentBrief> incidentBriefs(List<ActorFinding> actors) {
    List<Report.IncidentBrief> out = new ArrayList<>();
    for (Incident inc : incidents()) {
      long start = Instant.parse(inc.windows().get(0).start()).toEpochMilli();
      long end = Instant.parse(inc.windows().get(inc.windows().size() - 1).end()).toEpochMilli();
      List<String> from = inc.indicators().stream().filter(i -> !"user-agent".equals(i.type()) && !"subnet".equals(i.type()))
          .map(CaseFindings.Indicator::value).toList();
      String what = "credential-misuse".equals(inc.verdict()) ? "Credential misuse" : "Direct API scraping";
      String paragraph = inc.id() + ": " + what + ". " + Labels.count(inc.requests()) + " requests "
          + (inc.windows().size() == 1 ? "between " + Times.ist(start) + " and " + Times.ist(end)
              : "in " + inc.windows().size() + " periods between " + Times.ist(start) + " and " + Times.ist(end))
          + (from.isEmpty() ? " from addresses shared with other users (no address to block)"
              : " from " + String.join(", ", limit(new LinkedHashSet<>(from), 5))
                  + (from.size() > 5 ? " and " + (from.size() - 5) + " more" : ""))
          + "; the records of " + Labels.count(inc.subjectsAffected()) + " distinct subjects were returned ("
          + Labels.count(inc.subjectsTargeted()) + " asked for). Confidence " + Labels.percent(inc.confidence()) + ".";
      out.add(new Report.IncidentBrief(inc, paragraph, ruleIds(inc, actors)));
    }
    return out;
  }

  // ---- 10. Recommendations ----------------------------------------------------------------

  private Recommendations recommendations(List<ActorFinding> flagged, List<ActorFinding> benign) {
    Conclusion c = findings.conclusion();
    Coverage cov = findings.coverage();
    List<String> containment = new ArrayList<>();
    List<String> next = new ArrayList<>();
    List<String> preserve = new ArrayList<>();
    Set<String> revoked = new HashSet<>();
    for (Incident inc : incidents()) {
      containment.addAll(containment(inc, flagged, revoked));
    }
    for (ActorFinding a : flagged) {
      if ("suspicious".equals(a.verdict())) {
        for (String p : principalsOf(a)) {
          if (revoked.add(p)) {
            containment.add("Put principal " + p + " (suspicious) under step-up authentication and watch it; revoke if"
                + " the next steps confirm.");
          }
        }
      }
    }
    if (containment.isEmpty()) {
      containment.add("No containment is needed on the strength of these logs: no actor was judged scraping or credential misuse.");
    }
    Set<String> shared = new LinkedHashSet<>();
    incidents().forEach(inc -> inc.context().forEach(cv -> shared.add(cv.value())));
    if (!shared.isEmpty()) {
      containment.add("Do not block " + String.join(", ", limit(shared, 8)) + (shared.size() > 8 ? " and "
          + (shared.size() - 8) + " more" : "") + ": the attack used them, but so did other users.");
    }
    if (!benign.isEmpty()) {
      containment.add("Do not block the benign automation of " + ReportSection.BENIGN.ref() + " (" + names(benign, 3)
          + "); if its load matters, offer it a cached public feed or a fair rate limit.");
    }

    if (c.scrapingEvidenced() || c.credentialMisuseEvidenced()) {
      next.add("Report to CERT-In within 6 hours of noticing the incident (CERT-In Directions of 28 April 2022), attaching this report and indicators.stix.json.");
      next.add("Assess notification of the Data Protection Board and the affected data principals under the DPDP Act 2023: "
          + Labels.count(c.subjectsAffected()) + " subjects are affected (pseudonymised; re-identify only under the case key's custody rules).");
      next.add("Share indicators.stix.json with partner CERTs under " + run.classification().label() + ".");
    } else {
      next.add("Record that these API logs show no direct access over the coverage stated in " + ReportSection.SCOPE.ref() + "; look for the leak's source elsewhere (an earlier breach, a third party, a misused export).");
    }
    if (findings.leak() == null) {
      next.add("Obtain a sample of identifiers the leaking bot answered and re-run with leak correlation: it ties (or clears) the flagged actors and the leak.");
    }
    if (cov.gaps() != null && !cov.gaps().isEmpty()) {
      next.add("Obtain the logs for the " + plural(cov.gaps().size(), "gap") + " listed in " + ReportSection.SCOPE.ref() + " ("
          + Times.duration(gapMillis(cov.gaps())) + ") before treating the conclusion as final.");
    }
    if (cov.fieldsMissing() != null && !cov.fieldsMissing().isEmpty()) {
      next.add("Obtain an export carrying " + String.join(", ", cov.fieldsMissing())
          + ": without them some rules could not see who was behind the requests.");
    }
    if (flagged.stream().anyMatch(a -> "suspicious".equals(a.verdict()))) {
      next.add("Review the suspicious actors in " + ReportSection.FINDINGS.ref() + " with the platform team: confirm or clear them against their owners' accounts.");
    }

    preserve.add("Keep the original log files listed in " + ReportSection.SCOPE.ref() + " unchanged for at least 180 days (CERT-In): their SHA-256 digests are recorded here and in manifest.json.");
    preserve.add("Keep the index folder, the case key (under its custody rules; fingerprint "
        + Objects.requireNonNullElse(manifest.keyFingerprint(), "not recorded") + ") and this report folder with its manifest.json.");
    for (Incident inc : incidents()) {
      preserve.add("Ask the platform to preserve token issuance, OTP and login records and WAF/CDN logs for " + inc.id()
          + " (" + String.join(", ", limit(new LinkedHashSet<>(inc.actors().stream().filter(l -> !l.startsWith("cluster:"))
              .toList()), 6)) + ") from " + inc.windows().get(0).start() + " onwards.");
    }
    return new Recommendations(containment, next, preserve);
  }

  /** What to do about one incident, specific to its kind; principals already revoked are not repeated. */
  private static List<String> containment(Incident inc, List<ActorFinding> flagged, Set<String> revoked) {
    List<String> out = new ArrayList<>();
    List<String> principals = inc.actors().stream().filter(l -> l.startsWith("principal:"))
        .map(l -> l.substring("principal:".length())).filter(revoked::add).toList();
    if ("credential-misuse".equals(inc.verdict())) {
      for (String p : principals) {
        out.add(inc.id() + ": reset the credential " + p + ", revoke every session issued to it and contact its owner out"
            + " of band before re-issuing; its own workplace addresses stay open.");
      }
    } else if (!principals.isEmpty()) {
      out.add(inc.id() + ": revoke the " + plural(principals.size(), "token") + " used in the attack ("
          + String.join(", ", limit(new LinkedHashSet<>(principals), 6)) + (principals.size() > 6 ? ", …" : "")
          + ") and block the login identity behind them from record-returning endpoints.");
    }
    List<String> block = inc.indicators().stream().map(i -> i.type() + " " + i.value()).toList();
    if (!block.isEmpty()) {
      out.add(inc.id() + ": block " + String.join(", ", limit(new LinkedHashSet<>(block), 8))
          + (block.size() > 8 ? " and " + (block.size() - 8) + " more (see indicators.csv)" : "")
          + " at the gateway/WAF: nothing but the attack used them in these logs.");
    }
    Set<String> endpoints = new LinkedHashSet<>();
    Set<String> labels = new HashSet<>(inc.actors());
    for (ActorFinding a : flagged) {
      if (labels.contains(Labels.actorKey(a.kind(), a.value()))) {
        endpoints.addAll(top(a.endpoints(), 3));
      }
    }
    if (!endpoints.isEmpty()) {
      out.add(inc.id() + ": rate-limit per principal and per /24 " + String.join(", ", limit(endpoints, 4))
          + ("credential-misuse".equals(inc.verdict()) ? ", and alert on the role's searches outside working hours."
              : ", and bind each record lookup to the caller's own OTP identity."));
    }
    return out;
  }

  private static List<String> principalsOf(ActorFinding a) {
    if ("principal".equals(a.kind())) {
      return List.of(a.value());
    }
    if ("cluster".equals(a.kind()) && a.members() != null) {
      return a.members().stream().filter(m -> "principal".equals(m.kind())).map(ActorRef::value).toList();
    }
    return List.of();
  }

  // ---- 11. Method -------------------------------------------------------------------------

  private static Map<String, String> thresholds(List<ActorFinding> actors) {
    Map<String, String> out = new TreeMap<>();
    for (ActorFinding a : actors) {
      for (RuleHit h : a.rules() == null ? List.<RuleHit>of() : a.rules()) {
        out.putIfAbsent(h.ruleId(), Labels.threshold(h));
      }
    }
    return out;
  }

  private static String latestRuleDate(List<RuleRun> rules) {
    return rules.stream().map(RuleRun::modified).filter(Objects::nonNull).max(String::compareTo).orElse("unversioned");
  }

  // ---- helpers ----------------------------------------------------------------------------

  private static long gapMillis(List<Gap> gaps) {
    return gaps == null ? 0 : gaps.stream().mapToLong(g -> Math.max(0, g.to() - g.from())).sum();
  }

  private static String plural(long n, String noun) {
    return Labels.count(n) + " " + noun + (n == 1 ? "" : "s");
  }

  private static String names(List<ActorFinding> actors, int max) {
    String shown = actors.stream().limit(max).map(a -> Labels.kind(a.kind()) + " " + a.value())
        .collect(Collectors.joining(", "));
    return actors.size() > max ? shown + " and " + (actors.size() - max) + " more" : shown;
  }

  private static String verdictsOf(List<ActorFinding> actors) {
    return actors.stream().map(a -> "scraping".equals(a.verdict()) ? "scraping" : "credential misuse")
        .distinct().collect(Collectors.joining(" or "));
  }

  /** The keys of {@code counts} with the largest values first. */
  static List<String> top(Map<String, Long> counts, int n) {
    if (counts == null) {
      return List.of();
    }
    return counts.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
        .limit(n).map(Map.Entry::getKey).toList();
  }

  /** {@code counts} ordered by descending value, then key. */
  static Map<String, Long> sortedByCount(Map<String, Long> counts) {
    Map<String, Long> out = new LinkedHashMap<>();
    if (counts != null) {
      counts.entrySet().stream()
          .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
          .forEach(e -> out.put(e.getKey(), e.getValue()));
    }
    return out;
  }

  private static List<String> limit(Set<String> values, int n) {
    return values.stream().limit(n).toList();
  }
}
