package org.apiaudit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.apiaudit.engine.opensearch.OpenSearchTestNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bench --engine opensearch --url URL} against the in-process node: the cluster's
 * figures are printed in their own table next to the embedded engine's, saved apart in the
 * JSON, and the scratch indices are gone afterwards.
 *
 * <p>The shipped jar has no node, so the README's cluster figures come from the opt-in
 * measurement here:
 * <pre>mvn -o test -Dapiaudit.bench.opensearch=true -Dtest=BenchOpenSearchTest -Dsurefire.failIfNoSpecifiedTests=false</pre>
 * ({@code -Dapiaudit.bench.opensearch.events=N}, default 300000; the table is printed and the
 * JSON saved under {@code analyzer/target/bench}).
 */
class BenchOpenSearchTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private static String url() {
    return OpenSearchTestNode.get().url().toString();
  }

  @Test
  void printsTheClusterFiguresNextToTheEmbeddedOnesKeepsThemApartAndDropsItsIndices() throws Exception {
    Path input = dir.resolve("gateway.log");
    Files.write(input, sampleLines(3000));
    CliRun run = CliRun.of("bench", "--input", input.toString(), "--no-baselines", "--bare-docs", "1000",
        "--threads", "2", "--work", dir.resolve("work").toString(), "--json-dir", dir.resolve("json").toString(),
        "--engine", "opensearch", "--url", url(), "--index-prefix", "benchtest");
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.out().contains("shape input on OpenSearch " + url() + " (baseline: the embedded engine above)"),
        run.out());

    JsonNode shape;
    try (Stream<Path> saved = Files.list(dir.resolve("json"))) {
      shape = JSON.readTree(saved.findFirst().orElseThrow().toFile()).path("shapes").path("input");
    }
    JsonNode cluster = shape.path("opensearch");
    assertEquals(3000, cluster.path("events").asLong(), cluster.toString());
    assertEquals("benchtest-bench-input-events-*", cluster.path("indices").asText());
    JsonNode ingest = figure(cluster, "ingest plain");
    assertTrue(ingest.path("ours").asDouble() > 0 && ingest.path("baseline").asDouble() > 0, ingest.toString());
    assertEquals(figure(shape, "ingest plain").path("ours").asDouble(), ingest.path("baseline").asDouble(), 1e-9,
        "the cluster's baseline is the embedded engine's figure of the same run");
    assertEquals(figure(shape, "search p95").path("ours").asDouble(),
        figure(cluster, "search p95").path("baseline").asDouble(), 1e-9);
    assertTrue(figure(cluster, "search p50").path("ours").asDouble() > 0);

    HttpResponse<String> left = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        OpenSearchTestNode.get().url().resolve("/_cat/indices/benchtest-*?format=json")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals("[]", left.body().strip(), "scratch indices left on the cluster");
  }

  /**
   * The README's cluster figures: {@code bench --shape sim --events N} with the OpenSearch
   * engine pointed at the in-process node (opt-in: minutes of work).
   */
  @Test
  @EnabledIfSystemProperty(named = "apiaudit.bench.opensearch", matches = "true")
  void measuresTheSimShapeOnBothEngines() {
    String events = System.getProperty("apiaudit.bench.opensearch.events", "300000");
    CliRun run = CliRun.of("bench", "--shape", "sim", "--events", events, "--no-baselines", "--bare-docs", "100000",
        "--work", "target/bench-work", "--json-dir", "target/bench", "--engine", "opensearch", "--url", url());
    System.out.println(run.out());
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.out().contains("shape sim on OpenSearch"), run.out());
  }

  private static JsonNode figure(JsonNode shape, String name) {
    for (JsonNode f : shape.path("figures")) {
      if (f.path("name").asText().equals(name)) {
        return f;
      }
    }
    throw new AssertionError("no figure " + name + " in " + shape);
  }

  private static List<String> sampleLines(int n) throws Exception {
    Path sample = Path.of(System.getProperty("project.root", "..")).resolve(
        "sample-logs/incident-2023-06/gateway-2023-06-05.log.gz");
    List<String> lines = new ArrayList<>();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(sample)),
        StandardCharsets.UTF_8))) {
      for (String line = r.readLine(); line != null && lines.size() < n; line = r.readLine()) {
        lines.add(line);
      }
    }
    return lines;
  }
}
