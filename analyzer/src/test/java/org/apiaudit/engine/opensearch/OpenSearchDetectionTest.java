package org.apiaudit.engine.opensearch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apiaudit.detect.DetectionService;
import org.apiaudit.detect.scan.TimeWindow;
import org.apiaudit.index.EventIndex;
import org.apiaudit.ingest.Ingestor;
import org.apiaudit.ingest.ProgressListener;
import org.apiaudit.privacy.CaseKey;
import org.apiaudit.rules.CompiledQueries;
import org.apiaudit.rules.RuleLoader;
import org.apiaudit.rules.RuleSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Detection on the cluster gives the embedded engine's findings, byte for byte, while reading
 * from the cluster only the events the rules select and the later steps ask for. The BOLA walk's
 * day of the incident sample (the SIEM export) in both engines, with the leak sample, so every
 * step (scan, profiles, attribution, incidents, the leak check, coverage) reads through the
 * cluster; and the same day's morning before the walk as a window without an attack.
 */
class OpenSearchDetectionTest {
  @TempDir static Path tmp;
  private static OpenSearchSearcher cluster;
  private static RuleSet rules;
  private static List<String> leak;
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  @BeforeAll
  static void ingestTheWalksDayIntoBothEngines() throws Exception {
    Path sample = OpenSearchTesting.sampleCase("incident-2023-06");
    List<String> days = List.of(sample.resolve("siem-export-2023-06-10.csv.gz").toString());
    Ingestor.run(tmp.resolve("index"), tmp.resolve("case.key"), days, OpenSearchTesting.config(tmp.resolve("r1.tsv")),
        ProgressListener.NONE, m -> { });
    OpenSearchLayout layout = OpenSearchTesting.freshLayout("detect");
    OpenSearchClient client = OpenSearchTesting.client();
    Ingestor.run(new OpenSearchEventStore(client, layout, 0, null), tmp.resolve("case.key"), days,
        OpenSearchTesting.config(tmp.resolve("r2.tsv")), ProgressListener.NONE, m -> { });
    cluster = new OpenSearchSearcher(client, layout, note -> { throw new AssertionError(note); });
    // The API rules, which decide this case. The web-probe packs' keyword lists (up to 60 regular
    // expressions, 17,000 characters of DSL, per rule) take the in-process node minutes to build
    // on this shared machine; they translate as the API rules do (QueryDslTest, the search tests).
    rules = new RuleLoader().load(rulesDir());
    leak = DetectionService.pseudonymise(sample.resolve("leak-sample.txt"), CaseKey.load(tmp.resolve("case.key")));
  }

  @Test
  void sameFindingsReadingOnlyWhatTheRulesNeed() throws Exception {
    String embedded = embedded(TimeWindow.ALL);
    long start = System.nanoTime();
    long copied;
    String onCluster;
    try (ClusterEvents events = new ClusterEvents(cluster, TimeWindow.ALL, Files.createDirectory(tmp.resolve("s1")), rules)) {
      onCluster = JSON.writeValueAsString(new DetectionService().detect(events, rules, TimeWindow.ALL, leak));
      copied = events.copied();
      System.out.printf("detect on the cluster: the scan read %d; %s%n", events.scanned(), events.aggregated());
    }
    long total = cluster.count(TimeWindow.ALL.query());
    System.out.printf("detect on the cluster: %d of %d events read in %d ms%n", copied, total,
        (System.nanoTime() - start) / 1_000_000);
    var findings = JSON.readTree(embedded);
    assertTrue(findings.path("incidents").size() > 0, "the BOLA day has an incident");
    assertEquals(100, findings.path("leak").path("sampleSize").asInt(), "the leak check ran");
    assertEquals(embedded, onCluster);
    assertTrue(copied > 0 && copied <= total, copied + " of " + total);
  }

  /** A window (the morning before the walk, 00:00 to 11:00 IST) is applied on the cluster as in the embedded index. */
  @Test
  void sameFindingsForAWindow() throws Exception {
    TimeWindow day = new TimeWindow(Instant.parse("2023-06-09T18:30:00Z").toEpochMilli(),
        Instant.parse("2023-06-10T05:29:59.999Z").toEpochMilli());
    String embedded = embedded(day);
    try (ClusterEvents events = new ClusterEvents(cluster, day, Files.createDirectory(tmp.resolve("s2")), rules)) {
      assertEquals(embedded, JSON.writeValueAsString(new DetectionService().detect(events, rules, day, leak)));
      System.out.printf("detect on the cluster, morning window: %d of %d events read%n", events.copied(),
          cluster.count(day.query()));
    }
  }

  /**
   * The citizen-certificate rules alone, whose selections the correlations discriminate (value_count
   * and event_count per principal): the scan reads only the principals the cluster's counts show may
   * reach a threshold, and the findings stay the embedded engine's.
   */
  @Test
  void aCountedCorrelationsRulesAreReadOnlyForGroupsThatMayFire() throws Exception {
    Path dir = Files.createDirectory(tmp.resolve("fanout"));
    Files.copy(rulesDir().resolve("api_citizen_certificate_fanout.yml"), dir.resolve("api_citizen_certificate_fanout.yml"));
    RuleSet fanout = new RuleLoader().load(dir);
    String embedded = embedded(fanout, TimeWindow.ALL);
    BooleanQuery.Builder any = new BooleanQuery.Builder();
    fanout.detections().forEach(d -> any.add(ClusterPrefilter.widen(CompiledQueries.of(d)), Occur.SHOULD));
    long selected = cluster.count(any.build());
    long whole;
    try (ClusterEvents events = new ClusterEvents(cluster, TimeWindow.ALL, Files.createDirectory(tmp.resolve("s4")))) {
      assertEquals(embedded, JSON.writeValueAsString(new DetectionService().detect(events, fanout,
          TimeWindow.ALL, leak)));
      whole = events.copied();
    }
    try (ClusterEvents events = new ClusterEvents(cluster, TimeWindow.ALL, Files.createDirectory(tmp.resolve("s3")), fanout)) {
      assertEquals(embedded, JSON.writeValueAsString(new DetectionService().detect(events, fanout, TimeWindow.ALL, leak)));
      System.out.printf("detect on the cluster, certificate rules: the scan read %d of the %d events they select,"
          + " %d in all (%d without counting on the cluster); %s%n", events.scanned(), selected, events.copied(), whole,
          events.aggregated());
      assertEquals(List.of("c2ef74d1-70c8-434b-a977-37d1ea12de4e: 26 of 335 groups may reach gte 7",
          "e754aa4e-0c1f-4625-8362-80da211b634a: 1 of 22 groups may reach gte 20"), events.aggregated());
      assertTrue(events.scanned() < selected, events.scanned() + " of " + selected);
      assertTrue(events.copied() < whole, events.copied() + " read, " + whole + " without counting");
    }
    assertTrue(JSON.readTree(embedded).path("actors").size() > 0, "the walk's principals are reported");
  }

  private static Path rulesDir() {
    return Path.of(System.getProperty("project.root", "..")).resolve("rules").resolve("gateway");
  }

  private static String embedded(TimeWindow window) throws Exception {
    return embedded(rules, window);
  }

  private static String embedded(RuleSet ruleSet, TimeWindow window) throws Exception {
    try (DirectoryReader reader = EventIndex.openReader(tmp.resolve("index"))) {
      return JSON.writeValueAsString(new DetectionService().detect(reader, ruleSet, window, leak));
    }
  }
}
