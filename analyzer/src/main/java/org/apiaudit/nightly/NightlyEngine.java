package org.apiaudit.nightly;

import java.io.Closeable;
import java.io.IOException;
import org.apiaudit.detect.findings.CaseFindings;
import org.apiaudit.detect.scan.TimeWindow;
import org.apiaudit.engine.EventStore;
import org.apiaudit.report.ActivityCounter;
import org.apiaudit.rules.RuleSet;

/**
 * Where a nightly run keeps its events and its state ({@link NightlyState}, carried by the
 * store's manifest): the embedded index ({@link EmbeddedNightly}) or a cluster ({@link
 * ClusterNightly}). Everything else a night does (planning, novelty, the report, the summary) is
 * the same code on both.
 */
interface NightlyEngine extends Closeable {
  /** Where ingest writes, and where the manifest with the nightly state is read and committed. */
  EventStore store();

  /** All findings of {@code rules} over {@code window}, as {@code detect} would give them. */
  CaseFindings detect(RuleSet rules, TimeWindow window) throws IOException;

  /** The report's activity charts for {@code reported}: events per time bucket, overall and per charted actor. */
  ActivityCounter.Activity activity(CaseFindings reported) throws IOException;

  /**
   * Deletes the events older than {@code retentionMs} before the newest one, marks the files all
   * of whose events went as purged at {@code now}, and commits.
   *
   * @return events deleted
   */
  long purge(long retentionMs, long now) throws IOException;
}
