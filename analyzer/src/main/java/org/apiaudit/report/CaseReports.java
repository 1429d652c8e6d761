package org.apiaudit.report;

import java.util.List;
import org.apache.lucene.index.DirectoryReader;
import org.apiaudit.detect.findings.CaseFindings;
import org.apiaudit.index.EventIndex;
import org.apiaudit.index.IndexManifest;

/**
 * Builds the report of a case from its findings and the index they were computed on: the
 * custody facts come from the index manifest, the charts from the index's doc values. Shared
 * by {@code report} and {@code investigate}.
 */
public final class CaseReports {
  private CaseReports() {}

  /**
   * The report for {@code findings}, with up to a few rejected lines cited per input file and
   * the canary section when {@code canary} is not null.
   */
  public static Report build(DirectoryReader reader, CaseFindings findings, RunInfo run, List<RejectedLine> rejects,
      org.apiaudit.canary.CanaryResult canary) throws java.io.IOException {
    IndexManifest manifest = EventIndex.manifest(reader);
    ActivityCounter.Activity activity = new ActivityCounter().count(reader,
        findings.coverage().from(), findings.coverage().to(), findings.actors() == null ? List.of() : findings.actors());
    return new ReportBuilder(findings, manifest, run).activity(activity).rejects(rejects).canary(canary).build();
  }
}
