package org.apiaudit.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.lucene.index.DirectoryReader;
import org.apiaudit.Durations;
import org.apiaudit.ExitCodes;
import org.apiaudit.canary.CanaryAnalyzer;
import org.apiaudit.canary.CanaryResult;
import org.apiaudit.canary.FlaggedActors;
import org.apiaudit.canary.ProbeProblem;
import org.apiaudit.detect.findings.CaseFindings;
import org.apiaudit.detect.findings.FindingsFile;
import org.apiaudit.index.EventIndex;
import picocli.CommandLine.Mixin;
import org.apiaudit.report.CaseReports;
import org.apiaudit.report.RejectsFile;
import org.apiaudit.report.Classification;
import org.apiaudit.report.Report;
import org.apiaudit.report.ReportWriter;
import org.apiaudit.report.RunInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code analyzer report}: turns a findings file and its index into the CERT-style initial report. */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    header = "Write the CERT-style initial report (HTML, Markdown, JSON, CSV and STIX indicators).",
    description = {
      "Reads the findings that 'analyzer detect' wrote and the index they came from, and "
          + "writes report.html (self-contained, prints to PDF), report.md, report.json, "
          + "indicators.csv, indicators.stix.json (STIX 2.1) and manifest.json (SHA-256 of every "
          + "file, written last) into the output folder. An existing report is never replaced "
          + "without --force."
    },
    sortOptions = false,
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:report written",
      "1:internal error (a bug)",
      "2:bad option, unreadable findings or index, or the output folder already holds a report",
      "4:report written, but some --probes rows could not be used (listed in the report)"
    },
    footer = {
      "",
      "Examples:",
      "  analyzer report -i case/index --findings case/findings.json --out case/report",
      "  analyzer report -i idx --findings f.json --out rep --classification TLP:AMBER",
      "  analyzer report -i idx --findings f.json --out rep --case-name 'CoWIN leak'"
    })
public final class ReportCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin IndexOptions indexOptions;
  @Mixin KeyOptions key;

  @Option(names = "--findings", required = true, paramLabel = "FILE", description = "findings.json written by 'analyzer detect'.")
  Path findingsFile;

  @Mixin OutputDirOptions outOptions;

  @Option(names = "--force", description = "Replace an existing report in the output folder.")
  boolean force;

  @Option(names = "--case-name", paramLabel = "NAME",
      description = "The case's name, printed in the header (default: the output folder's name).")
  String caseName;

  @Option(names = "--classification", paramLabel = "TLP", defaultValue = "TLP:AMBER+STRICT",
      description = "TLP:CLEAR, TLP:GREEN, TLP:AMBER, TLP:AMBER+STRICT or TLP:RED (default: ${DEFAULT-VALUE}).")
  String classification;

  @Option(names = "--probes", paramLabel = "FILE",
      description = "Canary probes CSV (identifier,queried_at[,note]; see 'analyzer canary'): adds the canary section.")
  Path probes;

  @Option(names = "--probe-window", paramLabel = "DURATION", defaultValue = "10m",
      description = "Window either side of each probe's query (default: ${DEFAULT-VALUE}).")
  String probeWindow;

  @Override
  public Integer call() throws IOException {
    long started = System.currentTimeMillis();
    Path index = indexOptions.index();
    Path out = outOptions.required();
    Classification tlp = Classification.parse(classification);
    CaseFindings findings = FindingsFile.read(findingsFile);
    Map<String, String> parameters = new LinkedHashMap<>();
    parameters.put("index", index.toString());
    parameters.put("findings", findingsFile.toString());
    long probeWindowMillis = probes == null ? 0 : Durations.parseMillis(probeWindow);
    if (probes != null) {
      parameters.put("probes", probes.toString());
      parameters.put("probe-window", probeWindow);
    }
    RunInfo run = new RunInfo(caseName != null && !caseName.isBlank() ? caseName : defaultCaseName(),
        CommandLines.asTyped(spec), started, tlp, null, null, parameters);
    Report report;
    CanaryResult canary = null;
    try (DirectoryReader reader = EventIndex.openReader(index)) {
      if (probes != null) {
        canary = new CanaryAnalyzer().analyze(reader, CanaryCommand.pseudonymizer(key.file(index), index, reader), probes,
            probeWindowMillis, FlaggedActors.of(findings));
      }
      report = CaseReports.build(reader, findings, run,
          RejectsFile.read(org.apiaudit.ingest.Ingestor.defaultRejectsFile(index)), canary);
    }
    List<Path> written = new ReportWriter(force ? ReportWriter.Overwrite.REPLACE : ReportWriter.Overwrite.REFUSE)
        .write(report, out);
    PrintWriter o = spec.commandLine().getOut();
    o.println("report " + report.header().reportId() + " (" + report.summary().verdictLabel() + ")");
    for (Path p : written) {
      o.println("  wrote " + p);
    }
    o.flush();
    if (canary != null && !canary.problems().isEmpty()) {
      for (ProbeProblem p : canary.problems()) {
        spec.commandLine().getErr().println("analyzer: " + p);
      }
      spec.commandLine().getErr().flush();
      return ExitCodes.INPUT_ERROR;
    }
    return ExitCodes.OK;
  }


  private String defaultCaseName() {
    Path name = outOptions.dir().toAbsolutePath().normalize().getFileName();
    return name == null ? "unnamed case" : name.toString();
  }
}
