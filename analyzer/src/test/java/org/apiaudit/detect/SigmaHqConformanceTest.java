package org.apiaudit.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.lucene.index.DirectoryReader;
import org.apiaudit.detect.scan.TimeWindow;
import org.apiaudit.index.EventIndex;
import org.apiaudit.ingest.EndpointTable;
import org.apiaudit.ingest.EventNormalizer;
import org.apiaudit.ingest.IngestConfig;
import org.apiaudit.ingest.Ingestor;
import org.apiaudit.ingest.LineReader;
import org.apiaudit.ingest.ProgressListener;
import org.apiaudit.ingest.format.FormatChoice;
import org.apiaudit.rules.Rule;
import org.apiaudit.rules.RuleLoader;
import org.apiaudit.rules.RuleSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * SigmaHQ's 13 {@code webserver_generic} rules, unmodified (test resources, DRL), each run on the
 * crafted lines of its regression file: every {@code match} line, ingested through the real
 * parsers and normalizer, fires the rule; every {@code no-match} line does not.
 */
class SigmaHqConformanceTest {
  static final Path SIGMAHQ = Path.of("src/test/resources/sigmahq");
  @TempDir Path tmp;

  @Test
  void everyWebserverGenericRuleFiresOnWhatItsAuthorsMeantAndNotOnBenignLines() throws IOException {
    Path rulesDir = SIGMAHQ.resolve("web");
    RuleLoader loader = new RuleLoader();
    List<Path> files = RuleLoader.ruleFiles(rulesDir.resolve("webserver_generic"));
    assertEquals(13, files.size());
    List<String> failures = new ArrayList<>();
    int cases = 0;
    for (Path file : files) {
      List<Rule> rules = loader.loadFile(rulesDir, file);
      RuleSet set = new RuleSet(rules);
      Path regression = SIGMAHQ.resolve("regression_data/web/webserver_generic").resolve(file.getFileName());
      Map<String, List<String>> data = regression(regression);
      for (String expect : List.of("match", "no-match")) {
        List<String> entries = data.get(expect);
        assertTrue(entries != null && !entries.isEmpty(), regression + " has no " + expect + " lines");
        for (String text : entries) {
          boolean fired = fires(set, rules.get(0).id(), text, cases++);
          if (fired != expect.equals("match")) {
            failures.add(file.getFileName() + ": expected " + expect + " but " + (fired ? "fired" : "did not fire")
                + " on: " + text.strip());
          }
        }
      }
    }
    assertEquals("", String.join("\n", failures));
    assertTrue(cases >= 30, "expected at least 30 crafted lines, got " + cases);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, List<String>> regression(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return (Map<String, List<String>>) new Load(LoadSettings.builder().build()).loadFromInputStream(in);
    }
  }

  /** Whether rule {@code id} fires on the log text ingested alone into a fresh index. */
  private boolean fires(RuleSet rules, String id, String text, int n) throws IOException {
    Path dir = tmp.resolve("case" + n);
    Files.createDirectories(dir);
    Path log = dir.resolve("access.log");
    Files.writeString(log, text.endsWith("\n") ? text : text + "\n", StandardCharsets.UTF_8);
    IngestConfig config = new IngestConfig(FormatChoice.of(null, null, null, java.time.ZoneOffset.UTC),
        EndpointTable.defaults(), EventNormalizer.DEFAULT_IDENTIFIER_PARAMS, 1, LineReader.DEFAULT_MAX_LINE_BYTES,
        dir.resolve("rejects.tsv"));
    var summary = Ingestor.run(dir.resolve("index"), dir.resolve("case.key"), List.of(log.toString()), config,
        ProgressListener.NONE, m -> {});
    assertTrue(summary.toString().contains("rejected=0") || Files.notExists(dir.resolve("rejects.tsv"))
        || Files.size(dir.resolve("rejects.tsv")) == 0, "line rejected: " + text + " " + summary);
    try (DirectoryReader reader = EventIndex.openReader(dir.resolve("index"))) {
      assertTrue(reader.numDocs() >= 1, "no event ingested from: " + text);
      return new DetectionEngine(rules).run(reader, TimeWindow.ALL).hits().stream()
          .anyMatch(h -> h.rule().id().equals(id));
    }
  }
}
