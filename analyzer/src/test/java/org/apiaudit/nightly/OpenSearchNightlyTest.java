package org.apiaudit.nightly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apiaudit.cli.CliRun;
import org.apiaudit.detect.scan.TimeWindow;
import org.apiaudit.engine.opensearch.ClusterLock;
import org.apiaudit.engine.opensearch.OpenSearchConnection;
import org.apiaudit.engine.opensearch.OpenSearchLayout;
import org.apiaudit.engine.opensearch.OpenSearchSearcher;
import org.apiaudit.engine.opensearch.OpenSearchTestNode;
import org.apiaudit.index.SourceFile;
import org.apiaudit.report.HtmlReportWriter;
import org.apiaudit.report.ReportWriter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code nightly} with {@code engine: opensearch} against the in-process node (one per JVM,
 * started once for the class): incremental reading, state on the cluster, the same summary and
 * findings as the embedded engine, retention, and a run killed mid-way.
 */
class OpenSearchNightlyTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final AtomicInteger CASES = new AtomicInteger();
  private static URI url;

  @TempDir Path dir;

  @BeforeAll
  static void startTheNode() {
    long start = System.nanoTime();
    url = OpenSearchTestNode.get().url();
    System.out.printf("opensearch node up in %d ms%n", (System.nanoTime() - start) / 1_000_000);
  }

  /** A prefix of its own per case: tests share the node, never each other's indices. */
  private static OpenSearchLayout freshLayout(String name) {
    return new OpenSearchLayout("n" + CASES.incrementAndGet() + "-" + name);
  }

  private Path clusterConfig(Path root, OpenSearchLayout layout, String extra) throws Exception {
    return NightlyFixture.clusterConfig(root, url, layout.prefix(), dir.resolve("case.key"), extra);
  }

  private static JsonNode night(Path cfg, int expectedExit) throws Exception {
    long start = System.nanoTime();
    CliRun r = CliRun.of("nightly", "--config", cfg.toString(), "--json");
    assertEquals(expectedExit, r.exitCode(), "exit code; stderr: " + r.err() + " stdout: " + r.out());
    System.out.printf("nightly %s: %d ms: %s%n", cfg.getParent().getFileName(), (System.nanoTime() - start) / 1_000_000,
        r.out().strip());
    return JSON.readTree(r.out());
  }

  private static OpenSearchSearcher cluster(OpenSearchLayout layout) {
    return OpenSearchSearcher.open(OpenSearchConnection.anonymous(url), layout, note -> { });
  }

  private static long count(OpenSearchLayout layout) {
    try (OpenSearchSearcher s = cluster(layout)) {
      return s.count(TimeWindow.ALL.query());
    }
  }

  @Test
  void aSecondNightAddsAndReportsNothingAndANewDaysFileIsTheOnlyOneRead() throws Exception {
    List<String> all = NightlyFixture.simulatedLines(dir);
    OpenSearchLayout layout = freshLayout("nights");
    Path cfg = clusterConfig(dir, layout, "fail-on: critical\n");
    NightlyFixture.append(dir.resolve("logs/gw-1.log"), all.subList(0, 3000));

    JsonNode first = night(cfg, 0);
    assertEquals(1, first.get("filesRead").asInt());
    assertEquals(3000, first.get("newLines").asLong());
    assertEquals(first.get("newEvents").asLong(), count(layout));

    JsonNode second = night(cfg, 0);
    assertEquals(0, second.get("filesRead").asInt(), second.toString());
    assertEquals(0, second.get("newLines").asLong());
    assertEquals(0, second.get("newEvents").asLong());
    assertEquals(0, second.get("newFindings").size(), "nothing new to report: " + second);
    assertTrue(!Files.exists(dir.resolve("state")), "no local index: the state is on the cluster");
    assertEquals(first.get("newEvents").asLong(), count(layout), "the second night added nothing");

    NightlyFixture.append(dir.resolve("logs/gw-2.log"), all.subList(3000, 4500));
    JsonNode third = night(cfg, 0);
    assertEquals(1, third.get("filesRead").asInt(), third.toString());
    assertEquals(1500, third.get("newLines").asLong());
    assertEquals(first.get("newEvents").asLong() + third.get("newEvents").asLong(), count(layout));
    try (OpenSearchSearcher s = cluster(layout)) {
      List<SourceFile> files = s.manifest().files();
      assertEquals(List.of(3000L, 1500L), files.stream().map(SourceFile::lines).toList(),
          "one record per log in the case record: " + files);
    }

    // a run in progress (this live process holds the claim) keeps a second one off the case
    try (ClusterLock running = ClusterLock.acquire(OpenSearchConnection.anonymous(url), layout, "nightly")) {
      CliRun refused = CliRun.of("nightly", "--config", cfg.toString());
      assertEquals(5, refused.exitCode(), refused.err());
      assertTrue(refused.err().contains("is in use by another nightly run"), refused.err());
    }
    assertEquals(0, night(cfg, 0).get("newLines").asLong(), "the claim is released when its run ends");
  }

  /**
   * Every 16th line of the simulated day (00:00 to 24:00 IST, so two UTC days and two daily
   * indices) on both engines; 12 hours of retention drop the first daily index whole and trim
   * the second.
   */
  @Test
  void bothEnginesGiveTheSameSummaryFindingsAndPurge() throws Exception {
    List<String> all = NightlyFixture.simulatedLines(dir);
    List<String> sample = new ArrayList<>();
    for (int i = 0; i < all.size(); i += 16) {
      sample.add(all.get(i));
    }
    String extra = "fail-on: critical\nretention: 12h\nkey: " + dir.resolve("case.key") + "\n";
    Path embeddedRoot = dir.resolve("embedded");
    Path clusterRoot = dir.resolve("cluster");
    OpenSearchLayout layout = freshLayout("engines");
    for (Path root : List.of(embeddedRoot, clusterRoot)) {
      NightlyFixture.append(root.resolve("logs/gw.log"), sample);
    }
    Path embeddedCfg = NightlyFixture.config(embeddedRoot, extra);
    Path clusterCfg = NightlyFixture.clusterConfig(clusterRoot, url, layout.prefix(), dir.resolve("case.key"),
        "fail-on: critical\nretention: 12h\n");

    JsonNode embedded = night(embeddedCfg, 0);
    JsonNode cluster = night(clusterCfg, 0);
    assertTrue(embedded.get("purgedEvents").asLong() > 0, embedded.toString());
    assertEquals(withoutReportPath(embedded), withoutReportPath(cluster));
    assertEquals(NightlyFixture.docCount(embeddedRoot.resolve("state/index")), count(layout),
        "events left after retention");
    // 00:00-24:00 IST is 18:30 UTC to 18:30 UTC: the first UTC day's index is dropped whole, the second trimmed
    assertEquals(404, status(layout.dailyIndex(Instant.parse("2023-06-05T20:00:00Z").toEpochMilli())));
    assertEquals(200, status(layout.dailyIndex(Instant.parse("2023-06-06T12:00:00Z").toEpochMilli())));
    // the same findings, citing evidence in each folder's own copy of the log
    JsonNode embeddedFindings = JSON.readTree(Files.readString(findings(embedded))
        .replace(embeddedRoot.toString(), clusterRoot.toString()));
    assertTrue(embeddedFindings.path("actors").size() > 0, "the sample has findings to compare");
    JsonNode clusterFindings = JSON.readTree(findings(cluster).toFile());
    assertEquals(embeddedFindings.path("actors"), clusterFindings.path("actors"));
    assertEquals(embeddedFindings.path("incidents"), clusterFindings.path("incidents"));
    List<String> charts = charts(embedded);
    assertTrue(charts.size() > 1, "the report charts the window and its actors: " + charts.size());
    assertEquals(charts, charts(cluster), "the cluster counts the charts' events as the embedded index does");

    JsonNode embeddedAgain = night(embeddedCfg, 0);
    JsonNode clusterAgain = night(clusterCfg, 0);
    assertEquals(0, clusterAgain.get("newFindings").size(), clusterAgain.toString());
    assertEquals(withoutReportPath(embeddedAgain), withoutReportPath(clusterAgain));
  }

  /** The HTTP status of {@code HEAD /index}: 200 when the index exists, 404 when not. */
  private static int status(String index) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(url.resolve("/" + index))
        .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }

  private static JsonNode withoutReportPath(JsonNode summary) {
    ObjectNode copy = summary.deepCopy();
    copy.remove("report");
    return copy;
  }

  /** The SVG charts of a night's HTML report. */
  private static List<String> charts(JsonNode summary) throws Exception {
    String html = Files.readString(Path.of(summary.get("report").asText()).resolve(HtmlReportWriter.FILE_NAME));
    List<String> out = new ArrayList<>();
    for (int at = html.indexOf("<svg"); at >= 0; at = html.indexOf("<svg", at + 1)) {
      out.add(html.substring(at, html.indexOf("</svg>", at)));
    }
    return out;
  }

  private static Path findings(JsonNode summary) {
    return Path.of(summary.get("report").asText()).resolve(ReportWriter.FINDINGS);
  }

  /** As {@link NightlyKillTest}, on the cluster: the killed file's documents stay, the re-run adds none twice. */
  @Test
  void killedMidIngestThenRerunGivesExactlyTheUninterruptedCount() throws Exception {
    List<String> all = NightlyFixture.simulatedLines(dir);
    for (int f = 0; f < 6; f++) {
      NightlyFixture.append(dir.resolve("logs/gw-" + f + ".log"), all.subList(f * 1500, (f + 1) * 1500));
    }
    OpenSearchLayout layout = freshLayout("killed");
    Path cfg = clusterConfig(dir, layout, "fail-on: critical\n");
    NightlyFixture.killAtCommit(dir, cfg, 2);
    try (OpenSearchSearcher s = cluster(layout)) {
      assertEquals(2, s.manifest().files().size(), "two files committed before the kill");
    }

    JsonNode rerun = night(cfg, 0);
    assertEquals(4, rerun.get("filesRead").asInt(), rerun.toString());
    assertEquals(9_000, count(layout), "exactly the lines of the six files, none twice");
    try (OpenSearchSearcher s = cluster(layout)) {
      assertEquals(9_000, s.manifest().files().stream().mapToLong(SourceFile::events).sum());
    }
    JsonNode again = night(cfg, 0);
    assertEquals(0, again.get("newLines").asLong());
    assertEquals(0, again.get("newFindings").size(), "findings reported by the re-run are not reported again");
    assertEquals(9_000, count(layout));
  }
}
