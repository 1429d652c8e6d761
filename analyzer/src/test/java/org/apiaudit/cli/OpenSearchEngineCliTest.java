package org.apiaudit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.apiaudit.engine.opensearch.OpenSearchTestNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ingest} and {@code search} with {@code --engine opensearch} print what the embedded engine prints. */
class OpenSearchEngineCliTest {
  @TempDir static Path tmp;
  private static String[] cluster;

  @BeforeAll
  static void ingestTheSameLinesIntoBothEngines() throws Exception {
    Path log = tmp.resolve("gateway.log");
    Path sample = Path.of(System.getProperty("project.root", "..")).resolve("sample-logs/incident-2023-06/"
        + "gateway-2023-06-05.log.gz");
    List<String> lines = new ArrayList<>();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(sample)),
        StandardCharsets.UTF_8))) {
      for (String line = r.readLine(); line != null && lines.size() < 5000; line = r.readLine()) {
        lines.add(line);
      }
    }
    Files.write(log, lines);
    cluster = new String[] {"--engine", "opensearch", "--url", OpenSearchTestNode.get().url().toString(),
        "--index-prefix", "cli-test", "--key", tmp.resolve("case.key").toString()};
    CliRun embedded = CliRun.of("ingest", log.toString(), "-i", tmp.resolve("index").toString(), "--key",
        tmp.resolve("case.key").toString());
    assertEquals(0, embedded.exitCode(), embedded.err());
    CliRun remote = CliRun.of(concat(new String[] {"ingest", log.toString(), "--replicas", "0"}, cluster));
    assertEquals(0, remote.exitCode(), remote.err());
    assertTrue(remote.out().contains("5,000") || remote.out().contains("5000"), remote.out());
  }

  private static String[] concat(String[] a, String[] b) {
    String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }

  private static void assertSameOutput(boolean sortLines, String... search) {
    CliRun embedded = CliRun.of(concat(search, new String[] {"-i", tmp.resolve("index").toString(), "--key",
        tmp.resolve("case.key").toString()}));
    CliRun remote = CliRun.of(concat(search, cluster));
    assertEquals(0, embedded.exitCode(), embedded.err());
    assertEquals(0, remote.exitCode(), remote.err());
    assertTrue(!embedded.out().isBlank(), String.join(" ", search));
    if (sortLines) {
      assertEquals(embedded.out().lines().sorted().toList(), remote.out().lines().sorted().toList(),
          String.join(" ", search));
    } else {
      assertEquals(embedded.out(), remote.out(), String.join(" ", search));
    }
  }

  @Test
  void searchPrintsTheSameEventsTopValuesAndHistogram() {
    assertSameOutput(true, "search", "ip:13.232.39.0/24 AND status:[200 TO 299]", "-o", "jsonl", "--limit", "0");
    assertSameOutput(true, "search", "class:record-returning", "-o", "csv", "--limit", "0");
    assertSameOutput(false, "search", "*:*", "--top", "ua");
    assertSameOutput(false, "search", "*:*", "--top", "ip", "--distinct", "subject");
    assertSameOutput(false, "search", "*:*", "--histogram", "--interval", "15m");
    assertSameOutput(false, "search", "*:*", "--histogram");
  }

  @Test
  void aClearSubjectIsPseudonymisedWithTheCaseKeyOnTheClusterToo() {
    assertSameOutput(true, "search", "subject:9336159030", "-o", "jsonl", "--limit", "0");
  }

  @Test
  void theOpenSearchEngineWithoutAUrlIsAUsageError() {
    CliRun run = CliRun.of("search", "*:*", "--engine", "opensearch");
    assertEquals(2, run.exitCode(), run.err());
    assertTrue(run.err().contains("--url"), run.err());
  }
}
