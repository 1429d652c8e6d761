package org.apiaudit.nightly;

import java.io.IOException;
import java.nio.file.Path;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apiaudit.detect.findings.CaseFindings;
import org.apiaudit.detect.DetectionService;
import org.apiaudit.detect.scan.TimeWindow;
import org.apiaudit.engine.EventStore;
import org.apiaudit.engine.LuceneEventStore;
import org.apiaudit.index.EventIndex;
import org.apiaudit.index.IndexDamage;
import org.apiaudit.index.ColumnViews;
import org.apiaudit.report.ActivityCounter;
import org.apiaudit.rules.RuleSet;

/**
 * A night on the embedded index: its write lock is held for the whole run, so a second run fails
 * fast (exit 5) instead of interleaving, and every step ends in a Lucene commit that carries the
 * nightly state atomically with the documents.
 */
final class EmbeddedNightly implements NightlyEngine {
  private final IndexWriter writer;
  private final LuceneEventStore store;

  EmbeddedNightly(Path index) {
    this.writer = EventIndex.openWriter(index);
    try {
      IndexDamage.requireIntact(writer, index);
    } catch (RuntimeException e) {
      try {
        writer.close();
      } catch (IOException closing) {
        e.addSuppressed(closing);
      }
      throw e;
    }
    this.store = new LuceneEventStore(writer);
  }

  @Override
  public EventStore store() {
    return store;
  }

  @Override
  public CaseFindings detect(RuleSet rules, TimeWindow window) throws IOException {
    try (DirectoryReader reader = ColumnViews.wrap(DirectoryReader.open(writer))) {
      return new DetectionService().detect(reader, rules, window, null);
    }
  }

  @Override
  public ActivityCounter.Activity activity(CaseFindings reported) throws IOException {
    CaseFindings.Coverage cov = reported.coverage();
    if (cov.events() == 0) {
      return ActivityCounter.Activity.none();
    }
    try (DirectoryReader reader = ColumnViews.wrap(DirectoryReader.open(writer))) {
      return new ActivityCounter().count(reader, cov.from(), cov.to(), reported.actors());
    }
  }

  @Override
  public long purge(long retentionMs, long now) throws IOException {
    return new RetentionPurger().purge(writer, RetentionPurger.retentionCutoff(writer, retentionMs), now).events();
  }

  @Override
  public void close() throws IOException {
    writer.close();
  }
}
