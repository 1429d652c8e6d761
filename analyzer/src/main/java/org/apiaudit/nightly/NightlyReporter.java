package org.apiaudit.nightly;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apiaudit.detect.findings.CaseFindings;
import org.apiaudit.index.IndexManifest;
import org.apiaudit.report.ActivityCounter;
import org.apiaudit.report.Report;
import org.apiaudit.report.ReportBuilder;
import org.apiaudit.report.ReportWriter;
import org.apiaudit.report.RunInfo;

/**
 * Writes a night's report into {@code out/<date>/} through the report package (HTML, Markdown,
 * JSON, indicators, manifest).
 *
 * <p>The report's {@code manifest.json} is written last, so a folder with it is complete. A
 * folder without it is what a killed run left: the next run replaces it. A second complete run
 * on the same date writes {@code <date>-2}, {@code <date>-3}, ... and never replaces a report
 * that was delivered.
 */
final class NightlyReporter {
  Path write(CaseFindings findings, ActivityCounter.Activity activity, IndexManifest manifest, NightlyConfig config,
      String location, LocalDate date, String commandLine, long startedAt) throws IOException {
    Path folder = folderFor(config.out(), date);
    Map<String, String> parameters = new LinkedHashMap<>();
    parameters.put("mode", "nightly (new and escalated findings only)");
    parameters.put("index", location);
    parameters.put("rules", config.rules().toString());
    parameters.put("fail-on", config.failOn());
    RunInfo run = new RunInfo(config.caseName() + " " + date, commandLine, startedAt, null, null, null, parameters);
    Report report = new ReportBuilder(findings, manifest, run).activity(activity).build();
    new ReportWriter(ReportWriter.Overwrite.REPLACE).write(report, folder);
    return folder;
  }

  /** {@code out/<date>}, or the first {@code out/<date>-N} that holds no complete report. */
  static Path folderFor(Path out, LocalDate date) {
    Path folder = out.resolve(date.toString());
    for (int n = 2; Files.exists(folder.resolve(ReportWriter.MANIFEST)); n++) {
      folder = out.resolve(date + "-" + n);
    }
    return folder;
  }
}
