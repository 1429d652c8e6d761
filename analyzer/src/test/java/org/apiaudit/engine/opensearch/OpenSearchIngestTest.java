package org.apiaudit.engine.opensearch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apiaudit.bench.IdentifierLeakScanner;
import org.apiaudit.bench.PlantedLines;
import org.apiaudit.index.IndexCodec;
import org.apiaudit.index.IndexManifest;
import org.apiaudit.schema.OpenSearchMapping;
import org.apiaudit.ingest.IngestSummary;
import org.apiaudit.ingest.Ingestor;
import org.apiaudit.ingest.ProgressListener;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ingest into the in-process node against the embedded index: same counts, no duplicates, no leaks. */
class OpenSearchIngestTest {
  /** One day of the incident sample (67,198 lines): large enough for 33 bulks per run. */
  private static final String DAY = "gateway-2023-06-05.log.gz";

  @TempDir static Path tmp;
  private static long embeddedEvents;

  @BeforeAll
  static void ingestIntoTheEmbeddedIndex() throws Exception {
    long start = System.nanoTime();
    IngestSummary lucene = Ingestor.run(tmp.resolve("index"), tmp.resolve("case.key"), List.of(day()),
        OpenSearchTesting.config(tmp.resolve("rejects-lucene.tsv")), ProgressListener.NONE, m -> { });
    embeddedEvents = lucene.eventsIndexed();
    System.out.printf("embedded ingest of %s: %d events in %d ms%n", DAY, embeddedEvents,
        (System.nanoTime() - start) / 1_000_000);
    assertTrue(embeddedEvents > 60_000, "events: " + embeddedEvents);
  }

  private static String day() {
    return OpenSearchTesting.sampleCase("incident-2023-06").resolve(DAY).toString();
  }

  private static IngestSummary ingest(org.apiaudit.engine.EventStore store, List<String> inputs) throws Exception {
    return Ingestor.run(store, tmp.resolve("case.key"), inputs, OpenSearchTesting.config(tmp.resolve("rejects.tsv")),
        ProgressListener.NONE, m -> { });
  }

  @Test
  void aCrashMidwayThenARerunGivesExactlyTheEmbeddedIndexCountAndOneCaseRecord() throws Exception {
    OpenSearchLayout layout = OpenSearchTesting.freshLayout("crash");
    OpenSearchClient client = OpenSearchTesting.client();
    OpenSearchEventStore store = new OpenSearchEventStore(client, layout, 0, null);
    Exception crash = assertThrows(Exception.class, () -> ingest(new OpenSearchTesting.FailingStore(store, 12),
        List.of(day())));
    assertTrue(String.valueOf(crash.getMessage()).contains("injected crash"), String.valueOf(crash));
    client.send("POST", "/" + layout.indexPattern() + "/_refresh", null);
    long partial = OpenSearchTesting.count(client, layout);
    assertTrue(partial > 0 && partial < embeddedEvents, "events sent before the crash: " + partial);
    assertEquals(0, store.manifest().files().size(), "the crashed file must not be recorded as ingested");

    long start = System.nanoTime();
    IngestSummary rerun = ingest(new OpenSearchEventStore(client, layout, 0, null), List.of(day()));
    System.out.printf("opensearch ingest of %s: %d events in %d ms%n", DAY, rerun.eventsIndexed(),
        (System.nanoTime() - start) / 1_000_000);
    assertEquals(embeddedEvents, rerun.eventsIndexed());
    assertEquals(embeddedEvents, OpenSearchTesting.count(client, layout),
        "documents after the re-run (" + partial + " were there before it)");

    IndexManifest manifest = store.manifest();
    assertEquals(1, manifest.files().size());
    assertEquals(embeddedEvents, manifest.files().get(0).events());
    assertEquals(IndexManifest.empty().schemaVersion(), manifest.schemaVersion());
    assertTrue(manifest.keyFingerprint() != null && manifest.keyFingerprint().length() > 8, manifest.keyFingerprint());
    // a third run skips the file as the embedded index does (same SHA-256 in the case record)
    IngestSummary again = ingest(new OpenSearchEventStore(client, layout, 0, null), List.of(day()));
    assertEquals(0, again.eventsIndexed());
    assertEquals(embeddedEvents, OpenSearchTesting.count(client, layout));
  }

  @Test
  void noClearIdentifierInAnyRequestSentToTheCluster(@TempDir Path logs) throws Exception {
    PlantedLines planted = new PlantedLines(0);
    List<String> inputs = new ArrayList<>();
    for (PlantedLines.FormatLines f : planted.allFormats()) {
      List<String> lines = new ArrayList<>(f.header());
      lines.addAll(f.lines());
      Path file = logs.resolve(f.format() + (f.format().equals("siem-csv") ? ".csv" : ".log"));
      Files.write(file, lines);
      inputs.add(file.toString());
    }
    IdentifierLeakScanner scanner = new IdentifierLeakScanner(planted.spellings());
    OpenSearchTesting.RecordingClient client = new OpenSearchTesting.RecordingClient();
    OpenSearchLayout layout = OpenSearchTesting.freshLayout("planted");
    IngestSummary summary = ingest(new OpenSearchEventStore(client, layout, 0, null), inputs);
    assertTrue(summary.eventsIndexed() > 100, "events: " + summary.eventsIndexed());
    assertEquals(summary.eventsIndexed(), OpenSearchTesting.count(client, layout));

    List<IdentifierLeakScanner.Leak> leaks = new ArrayList<>();
    long bulkBytes = 0;
    for (String body : client.bodies) {
      bulkBytes += body.length();
      leaks.addAll(scanner.scanText("request body", body));
    }
    Set<String> leaked = new TreeSet<>();
    leaks.forEach(l -> leaked.add(l.identifier()));
    assertTrue(bulkBytes > 10_000, "bytes sent: " + bulkBytes);
    assertEquals(List.of(), leaks.stream().limit(20).map(Object::toString).toList(),
        leaked.size() + " of " + scanner.identifiers().size() + " planted identifiers were sent in clear");
  }

  /** The first {@code n} lines of one day of the incident sample, as a plain file under {@code dir}. */
  private static Path firstLines(String day, int n, Path dir) throws Exception {
    try (var in = new java.util.zip.GZIPInputStream(Files.newInputStream(
        OpenSearchTesting.sampleCase("incident-2023-06").resolve(day)))) {
      return Files.write(dir.resolve(day + ".first"), new String(in.readAllBytes(),
          java.nio.charset.StandardCharsets.UTF_8).lines().limit(n).toList());
    }
  }

  /** The template's {@code index.codec} (null when it sets none) and every daily index's. */
  private static List<String> codecs(OpenSearchClient client, OpenSearchLayout layout) throws Exception {
    List<String> codecs = new ArrayList<>();
    codecs.add(client.send("GET", "/_index_template/" + layout.templateName(), null).json().path("index_templates")
        .path(0).path("index_template").path("template").path("settings").path("index").path("codec").asText(null));
    client.send("GET", "/" + layout.indexPattern() + "/_settings", null).json()
        .forEach(index -> codecs.add(index.path("settings").path("index").path("codec").asText(null)));
    return codecs;
  }

  @Test
  void theCodecGivenAtIngestGoesToEveryNewDailyIndexAndALaterIngestWithoutOneKeepsIt(@TempDir Path logs)
      throws Exception {
    OpenSearchClient client = OpenSearchTesting.client();
    OpenSearchLayout fresh = OpenSearchTesting.freshLayout("codec-new");
    try (OpenSearchEventStore store = new OpenSearchEventStore(client, fresh, 0, null)) {
      assertEquals(List.of("best_compression"), codecs(client, fresh), "a new case's template, as a new index");
    }
    OpenSearchLayout older = OpenSearchTesting.freshLayout("codec-old");
    client.send("PUT", "/_index_template/" + older.templateName(),
        OpenSearchMapping.indexTemplate(older.indexPattern(), older.alias(), 0, null));
    try (OpenSearchEventStore store = new OpenSearchEventStore(client, older, 0, null)) {
      assertEquals(java.util.Arrays.asList((String) null), codecs(client, older),
          "a case begun before the codec was set keeps the cluster's default");
    }

    OpenSearchLayout layout = OpenSearchTesting.freshLayout("codec");
    ingest(new OpenSearchEventStore(client, layout, 0, IndexCodec.BEST_SPEED),
        List.of(firstLines(DAY, 200, logs).toString()));
    List<String> first = codecs(client, layout);
    assertTrue(first.size() >= 2 && first.stream().allMatch("default"::equals), first.toString());
    ingest(new OpenSearchEventStore(client, layout, 0, null),
        List.of(firstLines("gateway-2023-06-07.log.gz", 200, logs).toString()));
    List<String> later = codecs(client, layout);
    assertTrue(later.size() > first.size() && later.stream().allMatch("default"::equals),
        "a later ingest without --codec keeps the template's, and its new day gets it: " + later);
    try (OpenSearchEventStore store = new OpenSearchEventStore(client, layout, 0, IndexCodec.BEST_COMPRESSION)) {
      assertEquals("best_compression", codecs(client, layout).get(0));
    }
  }
}
