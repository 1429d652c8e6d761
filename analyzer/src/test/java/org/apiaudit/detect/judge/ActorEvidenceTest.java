package org.apiaudit.detect.judge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.LongStream;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.store.FSDirectory;
import org.apiaudit.detect.CaseIndex;
import org.apiaudit.detect.findings.CaseFindings;
import org.apiaudit.detect.scan.GlobalOrds;
import org.apiaudit.detect.scan.TimeWindow;
import org.apiaudit.schema.Field;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An actor's evidence lines are its earliest, whichever segment ingest threads put them in: the
 * same logs must cite the same lines in every run of the report.
 */
class ActorEvidenceTest {
  private static final String IP = "192.0.2.7";

  @Test
  void citesTheEarliestLinesWhateverTheSegmentLayout(@TempDir Path dir) throws IOException {
    long t0 = CaseIndex.at("2023-06-10T11:00:00");
    Path inOrder = dir.resolve("in-order");
    try (CaseIndex idx = new CaseIndex(inOrder)) {
      for (int i = 0; i < 20; i++) {
        add(idx, t0, i);
      }
    }
    Path lateFirst = dir.resolve("late-first");
    try (CaseIndex idx = new CaseIndex(lateFirst)) {
      for (int i = 10; i < 20; i++) {
        add(idx, t0, i);
      }
      idx.flush(); // the later half is the first segment
      for (int i = 0; i < 10; i++) {
        add(idx, t0, i);
      }
    }
    List<Long> expected = LongStream.range(0, ActorProfiler.EVIDENCE_LINES).map(i -> t0 + i * 1_000L).boxed().toList();
    assertEquals(expected, evidenceTimes(inOrder));
    assertEquals(expected, evidenceTimes(lateFirst));
  }

  private static void add(CaseIndex idx, long t0, int i) throws IOException {
    idx.add(t0 + i * 1_000L, IP, "scraper/1.0", "citizen", "tk-1", "record-returning", CaseIndex.CERT,
        String.valueOf(9_800_000_000L + i), 200);
  }

  private static List<Long> evidenceTimes(Path index) throws IOException {
    try (DirectoryReader reader = org.apiaudit.index.ColumnViews.wrap(DirectoryReader.open(FSDirectory.open(index)))) {
      if (index.getFileName().toString().equals("late-first")) {
        assertTrue(reader.leaves().size() > 1, "the layout under test has two segments");
      }
      ActorProfiler profiler = new ActorProfiler(reader, TimeWindow.ALL, GlobalOrds.build(reader, Field.SUBJECT_ID));
      return profiler.profile(new ActorKey(List.of(Field.SOURCE_IP), List.of(IP))).evidence().stream()
          .map(CaseFindings.Evidence::timestamp).toList();
    }
  }
}
