package org.apiaudit.investigate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.lucene.index.DirectoryReader;
import org.apiaudit.UserException;
import org.apiaudit.canary.CanaryAnalyzer;
import org.apiaudit.canary.CanaryResult;
import org.apiaudit.canary.FlaggedActors;
import org.apiaudit.detect.DetectionService;
import org.apiaudit.detect.findings.CaseFindings;
import org.apiaudit.detect.scan.TimeWindow;
import org.apiaudit.index.EventIndex;
import org.apiaudit.ingest.IngestConfig;
import org.apiaudit.ingest.IngestSummary;
import org.apiaudit.ingest.Ingestor;
import org.apiaudit.ingest.ProgressListener;
import org.apiaudit.privacy.Pseudonymizer;
import org.apiaudit.report.CaseReports;
import org.apiaudit.report.Classification;
import org.apiaudit.report.RejectsFile;
import org.apiaudit.report.Report;
import org.apiaudit.report.ReportWriter;
import org.apiaudit.report.RunInfo;
import org.apiaudit.rules.LoadPolicy;
import org.apiaudit.rules.RuleLoader;
import org.apiaudit.rules.RuleSet;

/**
 * The whole job on a case folder: ingest (idempotent), detect, report. The output folder
 * holds the index, the key beside it (never inside), the rejects file and the report.
 */
public final class CaseInvestigation {
  /** Name of the leak sample picked up from a case folder when none is named. */
  public static final String LEAK_SAMPLE_NAME = "leak-sample.txt";

  /**
   * One investigation.
   *
   * @param inputs case folders or files
   * @param out output folder
   * @param rules rules folder
   * @param window time window for detection
   * @param leakSample leak sample file, or null
   * @param ingest ingest settings (rejects file included)
   * @param caseName name printed in the report
   * @param classification TLP label
   * @param force replace an existing report
   * @param commandLine the command line, for the report's method section
   * @param probes canary probes file, or null
   * @param probeWindowMillis time either side of each probe's query
   * @param rulePolicy how rules that cannot run exactly are treated (skip or refuse; proxy rules)
   */
  public record Request(List<String> inputs, Path out, Path rules, TimeWindow window, Path leakSample,
      IngestConfig ingest, String caseName, Classification classification, boolean force, String commandLine,
      Path probes, long probeWindowMillis, LoadPolicy rulePolicy) {}

  /** What an investigation produced; findings and report are null when no event could be read. */
  public record Outcome(IngestSummary ingest, CaseFindings findings, Report report, List<Path> written,
      Path index, Path leakSample, CanaryResult canary) {}

  private CaseInvestigation() {}

  /** The index folder inside an output folder. */
  public static Path indexOf(Path out) {
    return out.resolve("index");
  }

  /** The key file of an output folder: beside the index, never inside it. */
  public static Path keyOf(Path out) {
    return org.apiaudit.privacy.CaseKey.defaultFileFor(indexOf(out));
  }

  /** The leak sample to use: the one named, else {@value #LEAK_SAMPLE_NAME} in the first case folder. */
  public static Path leakSampleFor(List<String> inputs, Path named) {
    if (named != null) {
      return named;
    }
    for (String input : inputs) {
      Path candidate = Path.of(input).resolve(LEAK_SAMPLE_NAME);
      if (Files.isDirectory(Path.of(input)) && Files.isRegularFile(candidate)) {
        return candidate;
      }
    }
    return null;
  }

  /** Runs ingest, detection and reporting; {@code notice} receives one-line messages. */
  public static Outcome run(Request r, ProgressListener progress, Consumer<String> notice) throws IOException {
    long started = System.currentTimeMillis();
    if (!r.force()) {
      List<String> existing = ReportWriter.fileNames().stream().filter(n -> Files.exists(r.out().resolve(n))).toList();
      if (!existing.isEmpty()) {
        throw new UserException("output folder " + r.out() + " already holds a report (" + String.join(", ", existing)
            + "); use --force to replace it, or another --out");
      }
    }
    RuleSet rules = new RuleLoader(r.rulePolicy()).load(r.rules());
    if (r.rulePolicy().skipUnsupported() || !rules.skipped().isEmpty()) {
      rules.loadNotice().forEach(notice);
    }
    Path index = indexOf(r.out());
    IngestSummary ingest = Ingestor.run(index, keyOf(r.out()), r.inputs(), r.ingest(), progress, notice);
    if (!holdsEvents(index)) {
      // a report on nothing would say "no sign of scraping, no gap in coverage": write none
      return new Outcome(ingest, null, null, List.of(), index, null, null);
    }
    Path leak = leakSampleFor(r.inputs(), r.leakSample());
    if (leak != null && r.leakSample() == null) {
      notice.accept("using the leak sample " + leak);
    }
    CaseFindings findings = new DetectionService().detect(
        new DetectionService.Request(index, rules, r.window(), leak, keyOf(r.out())));
    Map<String, String> parameters = new LinkedHashMap<>();
    parameters.put("inputs", String.join(", ", r.inputs()));
    parameters.put("rules", r.rules().toString());
    parameters.put("window", describe(r.window()));
    if (leak != null) {
      parameters.put("leak sample", leak.toString());
    }
    RunInfo run = new RunInfo(r.caseName(), r.commandLine(), started, r.classification(), null, null, parameters);
    if (r.probes() != null) {
      parameters.put("probes", r.probes().toString());
    }
    Report report;
    CanaryResult canary = null;
    try (DirectoryReader reader = EventIndex.openReader(index)) {
      if (r.probes() != null) {
        canary = new CanaryAnalyzer().analyze(reader, new Pseudonymizer(EventIndex.manifest(reader).requireKey(keyOf(r.out()), index)), r.probes(),
            r.probeWindowMillis(), FlaggedActors.of(findings));
      }
      report = CaseReports.build(reader, findings, run, RejectsFile.read(r.ingest().rejectsFile()), canary);
    }
    List<Path> written = new ReportWriter(r.force() ? ReportWriter.Overwrite.REPLACE : ReportWriter.Overwrite.REFUSE)
        .write(report, r.out());
    return new Outcome(ingest, findings, report, written, index, leak, canary);
  }

  private static boolean holdsEvents(Path index) throws IOException {
    if (!Files.isDirectory(index)) {
      return false;
    }
    try (DirectoryReader reader = EventIndex.openReader(index)) {
      return reader.numDocs() > 0;
    }
  }

  private static String describe(TimeWindow w) {
    String from = w.from() == Long.MIN_VALUE ? "start of logs" : java.time.Instant.ofEpochMilli(w.from()).toString();
    String to = w.to() == Long.MAX_VALUE ? "end of logs" : java.time.Instant.ofEpochMilli(w.to()).toString();
    return from + " .. " + to;
  }
}
