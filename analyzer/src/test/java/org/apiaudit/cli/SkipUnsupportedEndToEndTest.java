package org.apiaudit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apiaudit.ExitCodes;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Another person's rule pack, run end to end with {@code --skip-unsupported}: a folder mixing a
 * rule that runs, one on a field access logs lack, a deprecated one and a proxy one. Both
 * {@code investigate} and {@code detect} say "loaded 1 rules, skipped 3" on stderr with each
 * skip's file:line and reason, and findings.json and the report's coverage list the same skips.
 */
class SkipUnsupportedEndToEndTest {
  private static final String GOOD = "a_good.yml";
  private static final String UNKNOWN_FIELD = "b_unknown_field.yml";
  private static final String DEPRECATED = "c_deprecated.yml";
  private static final String PROXY = "d_proxy.yml";

  @TempDir Path tmp;
  private Path logs;
  private Path rules;

  private static String rule(String id, String extra, String logsource, String field, String value) {
    return "title: R" + id + "\nid: 11111111-2222-3333-4444-" + id + "\nlevel: high\n" + extra
        + "logsource:\n    " + logsource + "\ndetection:\n    s:\n        " + field + ": '" + value + "'\n"
        + "    condition: s\n";
  }

  @BeforeEach
  void mixedRulePackAndALog() throws IOException {
    logs = Files.createDirectories(tmp.resolve("case"));
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      lines.add("198.51.100.7 - - [10/Jun/2023:10:00:0" + i + " +0000] \"GET /.git/config HTTP/1.1\" 404 5 \"-\" \"curl/8\"");
      lines.add("203.0.113.9 - - [10/Jun/2023:10:00:1" + i + " +0000] \"GET /index.html HTTP/1.1\" 200 512 \"-\" \"Mozilla/5.0\"");
    }
    Files.write(logs.resolve("access.log"), lines);
    rules = Files.createDirectories(tmp.resolve("rules"));
    Files.writeString(rules.resolve(GOOD), rule("000000000001", "", "category: webserver", "cs-uri-query|contains",
        "/.git/"));
    Files.writeString(rules.resolve(UNKNOWN_FIELD), rule("000000000002", "", "category: webserver", "cs-cookie",
        "x"));
    Files.writeString(rules.resolve(DEPRECATED), rule("000000000003", "status: deprecated\n", "category: webserver",
        "cs-method", "GET"));
    Files.writeString(rules.resolve(PROXY), rule("000000000004", "", "category: proxy", "c-useragent", "curl/8"));
  }

  /** The three skips, each as stderr shows it. */
  private static final List<String> SKIPS = List.of(
      "skipped b_unknown_field.yml:8 (11111111-2222-3333-4444-000000000002): detection.s.cs-cookie: unknown field"
          + " 'cs-cookie'",
      "skipped c_deprecated.yml:1 (11111111-2222-3333-4444-000000000003): status deprecated (skipped by default)",
      "skipped d_proxy.yml:4 (11111111-2222-3333-4444-000000000004): logsource: category proxy is refused");

  @Test
  void investigateLoadsWhatItCanAndListsEverySkipOnStderrInFindingsAndInTheReport() throws IOException {
    Path out = tmp.resolve("out");
    CliRun strict = CliRun.of("investigate", logs.toString(), "--out", out.toString(), "--rules", rules.toString());
    assertEquals(ExitCodes.USAGE, strict.exitCode(), strict.err());
    assertTrue(strict.err().contains("b_unknown_field.yml:8: rule 11111111-2222-3333-4444-000000000002:"
        + " detection.s.cs-cookie: unknown field 'cs-cookie'"), strict.err());

    CliRun run = CliRun.of("investigate", logs.toString(), "--out", out.toString(), "--rules", rules.toString(),
        "--skip-unsupported");
    assertTrue(run.exitCode() == ExitCodes.OK || run.exitCode() == ExitCodes.FINDINGS, run.err());
    assertStderrListsTheSkips(run.err());
    assertFindingsListTheSkips(out.resolve("findings.json"));
    String md = Files.readString(out.resolve("report.md"));
    assertTrue(md.contains("Rules: 1 run, 3 skipped:"), md);
    for (String file : List.of(UNKNOWN_FIELD + ":8", DEPRECATED + ":1", PROXY + ":4")) {
      assertTrue(md.contains("`" + file + "`"), file + " in report.md");
    }
    String html = Files.readString(out.resolve("report.html"));
    assertTrue(html.contains("<p>Rules: 1 run, 3 skipped:</p>"), "report.html coverage lists the skips");
    assertTrue(html.contains("unknown field &#39;cs-cookie&#39;") || html.contains("unknown field 'cs-cookie'"),
        "report.html gives the reason");
  }

  @Test
  void detectLoadsWhatItCanAndListsEverySkipOnStderrAndInFindings() throws IOException {
    Path index = tmp.resolve("index");
    CliRun ingest = CliRun.of("ingest", logs.resolve("access.log").toString(), "-i", index.toString());
    assertEquals(ExitCodes.OK, ingest.exitCode(), ingest.err());
    Path json = tmp.resolve("findings.json");
    CliRun run = CliRun.of("detect", "-i", index.toString(), "--rules", rules.toString(), "--skip-unsupported",
        "--json", json.toString());
    assertTrue(run.exitCode() == ExitCodes.OK || run.exitCode() == ExitCodes.FINDINGS, run.err());
    assertStderrListsTheSkips(run.err());
    assertFindingsListTheSkips(json);
  }

  private static void assertStderrListsTheSkips(String err) {
    assertTrue(err.contains("loaded 1 rules, skipped 3\n"), err);
    for (String skip : SKIPS) {
      assertTrue(err.contains(skip), skip + "\nin:\n" + err);
    }
  }

  private static void assertFindingsListTheSkips(Path findings) throws IOException {
    JsonNode coverage = new ObjectMapper().readTree(findings.toFile()).get("coverage");
    assertEquals(1, coverage.get("rulesLoaded").asInt());
    JsonNode skipped = coverage.get("rulesSkipped");
    assertEquals(3, skipped.size(), skipped.toString());
    assertEquals(UNKNOWN_FIELD, skipped.get(0).get("file").asText());
    assertEquals(8, skipped.get(0).get("line").asInt());
    assertTrue(skipped.get(0).get("reason").asText().contains("unknown field 'cs-cookie'"), skipped.toString());
    assertEquals(DEPRECATED, skipped.get(1).get("file").asText());
    assertTrue(skipped.get(1).get("reason").asText().startsWith("status deprecated"), skipped.toString());
    assertEquals(PROXY, skipped.get(2).get("file").asText());
    assertTrue(skipped.get(2).get("reason").asText().contains("category proxy is refused"), skipped.toString());
  }
}
