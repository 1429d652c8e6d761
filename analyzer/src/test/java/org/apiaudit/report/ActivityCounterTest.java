package org.apiaudit.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apiaudit.detect.findings.CaseFindings.ActorFinding;
import org.apiaudit.detect.findings.CaseFindings.ActorRef;
import org.apiaudit.index.EventDocumentBuilder;
import org.apiaudit.index.EventIndex;
import org.apiaudit.index.IndexManifest;
import org.apiaudit.schema.Event;
import org.apiaudit.schema.Field;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ActivityCounterTest {
  private static final long H = ReportFixtures.H;
  private static final long T0 = ReportFixtures.T0;

  @TempDir Path dir;

  /** Events: hour 0 three from tok-a, hour 2 one from tok-b, hour 3 two from ip 10.0.0.9 (one by tok-a). */
  private void index() throws Exception {
    EventDocumentBuilder docs = new EventDocumentBuilder();
    try (IndexWriter w = EventIndex.openWriter(dir)) {
      w.addDocument(docs.build(event(T0 + 60_000, "10.0.0.1", "tok-a")));
      w.addDocument(docs.build(event(T0 + 120_000, "10.0.0.1", "tok-a")));
      w.commit();
      w.addDocument(docs.build(event(T0 + 180_000, "10.0.0.2", "tok-a")));
      w.addDocument(docs.build(event(T0 + 2 * H + 5, "10.0.0.2", "tok-b")));
      w.addDocument(docs.build(event(T0 + 3 * H, "10.0.0.9", "tok-c")));
      w.addDocument(docs.build(event(T0 + 3 * H + 10, "10.0.0.9", "tok-a")));
      EventIndex.commit(w, IndexManifest.empty());
    }
  }

  private static Event event(long t, String ip, String principal) {
    return new Event().set(Field.TIMESTAMP, t).set(Field.SOURCE_IP, ip).set(Field.PRINCIPAL, principal)
        .set(Field.USER_AGENT, "ua");
  }

  private static ActorFinding actor(String kind, String value, List<ActorRef> members) {
    return new ActorFinding(kind, value, members, "scraping", 1, List.of(), 0, 0, 0, 0, Map.of(), Map.of(), List.of(),
        List.of(), List.of());
  }

  @Test
  void countsEventsPerHourOverallAndPerActorAcrossSegments() throws Exception {
    index();
    try (DirectoryReader reader = DirectoryReader.open(org.apache.lucene.store.FSDirectory.open(dir))) {
      ActivityCounter.Activity a = new ActivityCounter().count(reader, T0, T0 + 4 * H - 1, List.of(
          actor("principal", "tok-a", List.of()),
          actor("ip", "10.0.0.9", List.of()),
          actor("cluster", "c1", List.of(new ActorRef("principal", "tok-a"), new ActorRef("ip", "10.0.0.9"))),
          actor("principal", "nobody", List.of())));
      assertEquals(T0, a.overall().start());
      assertEquals(H, a.overall().bucketMillis());
      assertArrayEquals(new long[] {3, 0, 1, 2}, a.overall().counts());
      assertArrayEquals(new long[] {3, 0, 0, 1}, a.byActor().get("principal:tok-a").counts());
      assertArrayEquals(new long[] {0, 0, 0, 2}, a.byActor().get("ip:10.0.0.9").counts());
      assertArrayEquals(new long[] {3, 0, 0, 2}, a.byActor().get("cluster:c1").counts(), "each event once per cluster");
      assertArrayEquals(new long[] {0, 0, 0, 0}, a.byActor().get("principal:nobody").counts());
    }
  }

  @Test
  void usesTheIndexTimeRangeWhenCoverageHasNone() throws Exception {
    index();
    try (DirectoryReader reader = DirectoryReader.open(org.apache.lucene.store.FSDirectory.open(dir))) {
      ActivityCounter.Activity a = new ActivityCounter().count(reader, -1, -1, List.of());
      assertArrayEquals(new long[] {3, 0, 1, 2}, a.overall().counts());
    }
  }

  @Test
  void widensBucketsForLongWindowsToStayBounded() throws Exception {
    index();
    try (DirectoryReader reader = DirectoryReader.open(org.apache.lucene.store.FSDirectory.open(dir))) {
      long year = 365L * 24 * H;
      ActivityCounter.Activity a = new ActivityCounter().count(reader, T0, T0 + year, List.of());
      assertEquals(13 * H, a.overall().bucketMillis());
      assertEquals(674, a.overall().counts().length);
      assertEquals(6, a.overall().total());
    }
  }

  @Test
  void emptyIndexHasNoCharts() throws Exception {
    try (IndexWriter w = EventIndex.openWriter(dir)) {
      EventIndex.commit(w, IndexManifest.empty());
    }
    try (DirectoryReader reader = DirectoryReader.open(org.apache.lucene.store.FSDirectory.open(dir))) {
      assertNull(new ActivityCounter().count(reader, -1, -1, List.of()).overall());
    }
  }
}
