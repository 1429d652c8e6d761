package org.apiaudit.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;
import org.apiaudit.canary.CanaryResult;
import org.apiaudit.detect.findings.CaseFindings.ActorFinding;
import org.apiaudit.detect.findings.CaseFindings.Hypothesis;
import org.apiaudit.detect.findings.CaseFindings.LeakCorrelation;
import org.apiaudit.detect.findings.CaseFindings.RuleRun;
import org.apiaudit.detect.findings.CaseFindings;

/**
 * The CERT-style initial report as data: every section of {@code report.md}, already derived
 * and worded, so that each writer only lays it out. Built by {@link ReportBuilder}; the HTML,
 * Markdown and JSON writers render the same record, which is how they stay in agreement.
 *
 * <p>Times are UTC epoch milliseconds ({@code -1} for "none"), as in the findings contract;
 * writers format them with {@link Times}. Maps keep the builder's order (most frequent first).
 *
 * @param reportSchemaVersion version of this record's JSON shape ({@link #SCHEMA_VERSION})
 * <p>Sections are numbered by {@link ReportSection}; the header comes before them.
 *
 * @param header the header
 * @param summary {@link ReportSection#SUMMARY}
 * @param incidents the attacks, one paragraph each, with the summary
 * @param incident {@link ReportSection#INCIDENT_CATEGORY}
 * @param scope {@link ReportSection#SCOPE}
 * @param hypotheses {@link ReportSection#HYPOTHESES}, as concluded by detection
 * @param findings {@link ReportSection#FINDINGS}: one per flagged actor, most severe first
 * @param leak {@link ReportSection#LEAK}, or null when no leak sample was given
 * @param canary the canary test (with the leak correlation), or null when no probes were given;
 *     then absent from the JSON, which stays as it was
 * @param benignAutomation {@link ReportSection#BENIGN}
 * @param indicators {@link ReportSection#INDICATORS}
 * @param recommendations {@link ReportSection#RECOMMENDATIONS}
 * @param method {@link ReportSection#METHOD}
 * @param caseFindings the findings contract the report was built from, unchanged
 */
public record Report(
    String reportSchemaVersion,
    Header header,
    Summary summary,
    List<IncidentBrief> incidents,
    IncidentCategory incident,
    Scope scope,
    List<Hypothesis> hypotheses,
    List<ActorSection> findings,
    LeakCorrelation leak,
    @JsonInclude(JsonInclude.Include.NON_NULL) CanaryResult canary,
    List<BenignActor> benignAutomation,
    List<Indicator> indicators,
    Recommendations recommendations,
    Method method,
    CaseFindings caseFindings) {

  /** Bumped when a name in the JSON rendering changes. */
  public static final String SCHEMA_VERSION = "1";

  /**
   * One attack as the summary tells it.
   *
   * @param incident the incident as detection measured it
   * @param paragraph what, when, from where, how many records, confidence, in one paragraph
   * @param rules ids of the rules that fired for its actors
   */
  public record IncidentBrief(CaseFindings.Incident incident, String paragraph, List<String> rules) {}

  /**
   * The header.
   *
   * @param reportId stable for the same findings and generation minute: {@code APIAUDIT-<IST stamp>-<digest>}
   * @param generatedAt epoch ms
   * @param generatedAtIst {@code 2023-06-12 10:00:00 IST}
   * @param generatedAtUtc {@code 2023-06-12 04:30:00 UTC}
   * @param toolVersion the analyzer's version
   * @param ruleSetVersion the rule set's version (given, or the latest rule {@code modified} date)
   * @param ruleSetDigest SHA-256 over the rules run (given, or computed from their digests)
   * @param classification the TLP label
   * @param caseName the case's name
   */
  public record Header(
      String reportId,
      long generatedAt,
      String generatedAtIst,
      String generatedAtUtc,
      String toolVersion,
      String ruleSetVersion,
      String ruleSetDigest,
      Classification classification,
      String caseName) {}

  /**
   * {@link ReportSection#SUMMARY}.
   *
   * @param verdict the case verdict code of the findings contract
   * @param verdictLabel the verdict for a human
   * @param severity picks the badge colour
   * @param confidence 0..1
   * @param bottomLine three sentences: what, who/how many/when, on what coverage
   * @param detectionSummary the detection engine's own summary, quoted
   * @param totals the numbers behind it
   */
  public record Summary(
      String verdict,
      String verdictLabel,
      Labels.Severity severity,
      double confidence,
      List<String> bottomLine,
      String detectionSummary,
      Totals totals) {}

  /**
   * The case in numbers.
   *
   * @param events events analysed
   * @param recordEvents events on record-returning endpoints
   * @param actors actors examined by detection
   * @param actorsByVerdict actors per verdict
   * @param subjectsAffected distinct subjects whose records were returned to the incidents
   * @param firstEvent first event analysed
   * @param lastEvent last event analysed
   */
  public record Totals(
      long events,
      long recordEvents,
      long actors,
      Map<String, Long> actorsByVerdict,
      long subjectsAffected,
      long firstEvent,
      long lastEvent) {}

  /**
   * {@link ReportSection#INCIDENT_CATEGORY}.
   *
   * @param categories the CERT-In categories that fit; empty when no incident is established
   * @param occurrenceFrom first activity of the actors judged scraping or misuse, or -1
   * @param occurrenceTo last such activity, or -1
   * @param detectedAt when this analysis detected it (the run's start), epoch ms
   * @param note one sentence on occurrence versus detection
   */
  public record IncidentCategory(
      List<Category> categories, long occurrenceFrom, long occurrenceTo, long detectedAt, String note) {}

  /** A CERT-In incident category and why it fits. */
  public record Category(String name, String reason) {}

  /**
   * {@link ReportSection#SCOPE}.
   *
   * @param files every input file, in ingest order
   * @param totalRejected lines that could not be parsed, over all files
   * @param from first event in the analysed window
   * @param to last event in the analysed window
   * @param events events analysed
   * @param recordEvents events on record-returning endpoints
   * @param channels events per channel ({@code auth.type})
   * @param channelsAbsent channels with no events at all
   * @param fieldsMissing schema fields absent from every event
   * @param gaps hours with no or unusually few events
   * @param gapMillis total time in gaps
   * @param eventRate events over time for the whole window, or null without an index
   * @param rulesLoaded rule documents run
   * @param rulesSkipped rule documents not run, with their reasons
   */
  public record Scope(
      List<InputFile> files,
      long totalRejected,
      long from,
      long to,
      long events,
      long recordEvents,
      Map<String, Long> channels,
      List<String> channelsAbsent,
      List<String> fieldsMissing,
      List<CaseFindings.Gap> gaps,
      long gapMillis,
      TimeSeries eventRate,
      int rulesLoaded,
      List<CaseFindings.SkippedRule> rulesSkipped) {}

  /**
   * One input file: the chain-of-custody facts of the index manifest, plus its first rejected
   * lines when a sample was given.
   */
  public record InputFile(
      String path,
      long size,
      String sha256,
      long lines,
      long events,
      long rejected,
      String format,
      long firstEvent,
      long lastEvent,
      long ingestedAt,
      List<RejectedLine> firstRejects) {}

  /**
   * {@link ReportSection#FINDINGS}: one flagged actor.
   *
   * @param anchor a stable id for links within the report ({@code actor-1})
   * @param label {@code principal tok-123} (kind and value)
   * @param finding what detection concluded, unchanged
   * @param timeline the actor's requests over time, or null without an index
   */
  public record ActorSection(String anchor, String label, ActorFinding finding, TimeSeries timeline) {}

  /**
   * {@link ReportSection#BENIGN}: an actor examined and explained as benign automation.
   *
   * @param kind actor kind
   * @param value actor value
   * @param requests requests
   * @param distinctSubjects subjects touched
   * @param why the reasons it is not scraping, derived from the finding
   * @param topEndpoints its busiest endpoints
   * @param timeline its requests over time, or null
   */
  public record BenignActor(
      String kind, String value, long requests, long distinctSubjects, List<String> why,
      List<String> topEndpoints, TimeSeries timeline) {}

  /**
   * {@link ReportSection#INDICATORS}: one value of an incident that nothing but the attack used, safe to share and block.
   *
   * @param type {@code ipv4}, {@code ipv6}, {@code subnet}, {@code user-agent} or {@code principal}
   * @param value the value as logged (a subnet in CIDR notation)
   * @param verdict the incident's verdict
   * @param confidence the incident's confidence
   * @param firstSeen the attack's first request with it
   * @param lastSeen the attack's last request with it
   * @param requests the attack's requests with it (all of the value's requests)
   * @param validUntil end of the incident's last window: how long the sighting is known to hold
   * @param rules ids of the rules that fired for the incident's actors
   * @param incident the incident id ({@code INC-1})
   */
  public record Indicator(
      String type,
      String value,
      String verdict,
      double confidence,
      long firstSeen,
      long lastSeen,
      long requests,
      long validUntil,
      List<String> rules,
      String incident) {}

  /**
   * {@link ReportSection#RECOMMENDATIONS}.
   *
   * @param containment what to do now (revoke, block, rate-limit)
   * @param nextSteps what to do next (notify, widen the window, get the leak sample)
   * @param preserve the evidence to keep and how
   */
  public record Recommendations(List<String> containment, List<String> nextSteps, List<String> preserve) {}

  /**
   * {@link ReportSection#METHOD}.
   *
   * @param rules rules run, with digests
   * @param thresholds threshold per rule id as it fired ({@code > 50})
   * @param parameters run parameters (window, options) as given
   * @param commandLine the command line that produced the report
   * @param startedAt run start, epoch ms
   * @param finishedAt run end (report generation), epoch ms
   * @param toolVersion the analyzer's version
   * @param findingsSchemaVersion version of the findings contract read
   * @param indexSchemaVersion version of the index layout read
   * @param keyFingerprint fingerprint of the case key the index was pseudonymised with
   * @param evidenceDigest SHA-256 over the findings and the input files' digests (see
   *     {@link EvidenceDigest})
   */
  public record Method(
      List<RuleRun> rules,
      Map<String, String> thresholds,
      Map<String, String> parameters,
      String commandLine,
      long startedAt,
      long finishedAt,
      String toolVersion,
      String findingsSchemaVersion,
      String indexSchemaVersion,
      String keyFingerprint,
      String evidenceDigest) {}
}
