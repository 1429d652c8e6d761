package org.apiaudit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apiaudit.ExitCodes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The rules and detect commands end to end, in process. */
class RulesAndDetectCommandTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cl = AnalyzerCommand.newCommandLine();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    return cl.execute(args);
  }

  @Test
  void lintRejectsMalformedRuleWithFileAndLine(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("bad.yml"), "title: Bad\nid: 11111111-2222-3333-4444-555555555555\nlevel: high\n"
        + "status: test\ndescription: d\nreferences: [r]\nfalsepositives: [none known]\ntags: [attack.t1190]\n"
        + "logsource:\n    category: webserver\ndetection:\n    selection:\n        cs-method|bogus: GET\n"
        + "    condition: selection\n");
    assertEquals(ExitCodes.USAGE, run("rules", "lint", "--rules", dir.toString()));
    assertEquals("bad.yml:13: rule 11111111-2222-3333-4444-555555555555: detection.selection.cs-method|bogus:"
        + " unknown modifier 'bogus'\n", err.toString());
    assertEquals("1 file(s), 0 rule(s), 1 problem(s)\n", out.toString());
  }

  @Test
  void lintAcceptsTheShippedPack() {
    assertEquals(ExitCodes.OK, run("rules", "lint", "--rules", rulesDir()), err.toString());
    assertEquals("", err.toString());
  }

  @Test
  void detectOnAMissingIndexIsAUsageError(@TempDir Path dir) {
    assertEquals(ExitCodes.USAGE, run("detect", "--index", dir.resolve("none").toString(), "--rules", rulesDir()));
    assertTrue(err.toString().startsWith("analyzer: no index at "), err.toString());
  }

  /** A rules folder holding one base rule and a correlation with {@code params} in its x-apiaudit block. */
  private static Path correlationWith(Path dir, String params) throws Exception {
    Path rules = Files.createDirectories(dir.resolve("rules"));
    Files.writeString(rules.resolve("bad.yml"), "title: Base\nid: 11111111-2222-3333-4444-555555555555\nname: base\n"
        + "level: low\nlogsource:\n    category: webserver\ndetection:\n    s:\n        cs-method: GET\n"
        + "    condition: s\n---\ntitle: Cadence\nid: 11111111-2222-3333-4444-666666666666\nlevel: low\n"
        + "correlation:\n    type: x-apiaudit/cadence\n    rules: [base]\n    group-by: [c-ip]\n"
        + "    condition: {lte: 0.2}\n    x-apiaudit:\n        " + params + "\n");
    return rules;
  }

  @Test
  void aBadOrUnknownCorrelationParameterIsExit2WithFileAndLineInLintAndDetect(@TempDir Path dir) throws Exception {
    Path log = dir.resolve("access.log");
    Files.writeString(log, "198.51.100.7 - - [10/Jun/2023:10:00:00 +0000] \"GET / HTTP/1.1\" 200 5 \"-\" \"curl/8\"\n");
    Path index = dir.resolve("index");
    assertEquals(ExitCodes.OK, run("ingest", log.toString(), "-i", index.toString()), err.toString());
    String[][] cases = {
        {"min-events: lots", "bad.yml:21: rule 11111111-2222-3333-4444-666666666666: x-apiaudit.min-events: must be a"
            + " whole number; got: lots"},
        {"max-gapp: 1h", "bad.yml:21: rule 11111111-2222-3333-4444-666666666666: x-apiaudit.max-gapp: unknown"
            + " parameter for x-apiaudit/cadence (declared: min-events, max-gap"},
        {"min-events: 1", "bad.yml:21: rule 11111111-2222-3333-4444-666666666666: x-apiaudit.min-events: out of range"},
    };
    for (String[] c : cases) {
      Path rules = correlationWith(dir.resolve(String.valueOf(c[0].hashCode())), c[0]);
      err.getBuffer().setLength(0);
      assertEquals(ExitCodes.USAGE, run("rules", "lint", "--rules", rules.toString()), c[0]);
      // lint checks each document on its own: the base rule's missing metadata is reported too
      assertTrue(err.toString().contains(c[1]), err.toString());
      err.getBuffer().setLength(0);
      assertEquals(ExitCodes.USAGE, run("detect", "-i", index.toString(), "--rules", rules.toString()), c[0]);
      assertTrue(err.toString().contains(c[1]), err.toString());
      assertTrue(!err.toString().contains("internal error"), err.toString());
    }
  }

  private static String rule(String id, String extra, String logsource, String field) {
    return "title: R" + id + "\nid: 11111111-2222-3333-4444-" + id + "\nname: r" + id + "\nlevel: low\n" + extra
        + "logsource:\n    " + logsource + "\ndetection:\n    s:\n        " + field + ": GET\n    condition: s\n";
  }

  @Test
  void skipUnsupportedLoadsWhatItCanAndReportsEachSkipWithItsReason(@TempDir Path dir) throws Exception {
    Path log = dir.resolve("access.log");
    Files.writeString(log, "198.51.100.7 - - [10/Jun/2023:10:00:00 +0000] \"GET / HTTP/1.1\" 200 5 \"-\" \"curl/8\"\n");
    Path index = dir.resolve("index");
    assertEquals(ExitCodes.OK, run("ingest", log.toString(), "-i", index.toString()), err.toString());
    Path rules = Files.createDirectories(dir.resolve("rules"));
    Files.writeString(rules.resolve("a_good.yml"), rule("000000000001", "", "category: webserver", "cs-method"));
    Files.writeString(rules.resolve("b_unknown_field.yml"), rule("000000000002", "", "category: webserver", "cs-cookie"));
    Files.writeString(rules.resolve("c_deprecated.yml"), rule("000000000003", "status: deprecated\n", "category: webserver",
        "cs-method"));
    Files.writeString(rules.resolve("d_proxy.yml"), rule("000000000004", "", "category: proxy", "cs-method"));
    Files.writeString(rules.resolve("e_correlation.yml"), "title: C\nid: 11111111-2222-3333-4444-000000000005\n"
        + "level: low\ncorrelation:\n    type: event_count\n    rules: [r000000000002]\n    group-by: [c-ip]\n"
        + "    timespan: 1m\n    condition: {gte: 2}\n");
    assertEquals(ExitCodes.USAGE, run("detect", "-i", index.toString(), "--rules", rules.toString()));
    assertTrue(err.toString().contains("b_unknown_field.yml:9: rule 11111111-2222-3333-4444-000000000002:"
        + " detection.s.cs-cookie: unknown field 'cs-cookie'"), err.toString());

    err.getBuffer().setLength(0);
    Path json = dir.resolve("findings.json");
    run("detect", "-i", index.toString(), "--rules", rules.toString(), "--skip-unsupported", "--json", json.toString());
    String e = err.toString();
    assertTrue(e.contains("analyzer: loaded 1 rules, skipped 4\n"), e);
    assertTrue(e.contains("skipped b_unknown_field.yml:9 (11111111-2222-3333-4444-000000000002): detection.s.cs-cookie:"
        + " unknown field 'cs-cookie'"), e);
    assertTrue(e.contains("skipped c_deprecated.yml:1 (11111111-2222-3333-4444-000000000003): status deprecated"), e);
    assertTrue(e.contains("skipped d_proxy.yml:5 (11111111-2222-3333-4444-000000000004): logsource:"
        + " category proxy is refused"), e);
    assertTrue(e.contains("skipped e_correlation.yml:1 (11111111-2222-3333-4444-000000000005): references rule"
        + " 'r000000000002', which was not loaded"), e);
    var coverage = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json.toFile()).get("coverage");
    assertEquals(1, coverage.get("rulesLoaded").asInt());
    assertEquals(4, coverage.get("rulesSkipped").size());
    assertTrue(coverage.get("rulesSkipped").get(0).get("reason").asText().contains("unknown field 'cs-cookie'"));

    err.getBuffer().setLength(0);
    run("detect", "-i", index.toString(), "--rules", rules.toString(), "--skip-unsupported", "--allow-proxy-rules");
    assertTrue(err.toString().contains("analyzer: loaded 2 rules, skipped 3\n"), err.toString());
  }

  /** A rule with every metadata key lint asks for. */
  private static String fullRule(String id, String extra, String logsource, String field) {
    return "title: R" + id + "\nid: 11111111-2222-3333-4444-" + id + "\nstatus: test\ndescription: d\n"
        + "references: [https://example.org/r]\nfalsepositives: [none known]\ntags: [attack.t1190]\nlevel: low\n"
        + extra + "logsource:\n    " + logsource + "\ndetection:\n    s:\n        " + field + ": GET\n"
        + "    condition: s\n";
  }

  @Test
  void lintLoadsAsDetectDoesUnderSkipUnsupportedAndAllowProxyRules(@TempDir Path dir) throws Exception {
    Path rules = Files.createDirectories(dir.resolve("rules"));
    Files.writeString(rules.resolve("a_good.yml"), fullRule("000000000001", "", "category: webserver", "cs-method"));
    Files.writeString(rules.resolve("b_unknown_field.yml"), fullRule("000000000002", "", "category: webserver",
        "cs-cookie"));
    Files.writeString(rules.resolve("c_deprecated.yml"), fullRule("000000000003", "", "category: webserver",
        "cs-method").replace("status: test", "status: deprecated"));
    Files.writeString(rules.resolve("d_proxy.yml"), fullRule("000000000004", "", "category: proxy", "cs-method"));

    assertEquals(ExitCodes.USAGE, run("rules", "lint", "--rules", rules.toString()));
    assertTrue(err.toString().contains("b_unknown_field.yml:13: rule 11111111-2222-3333-4444-000000000002:"
        + " detection.s.cs-cookie: unknown field 'cs-cookie'"), err.toString());
    assertTrue(err.toString().contains("d_proxy.yml:9: rule 11111111-2222-3333-4444-000000000004: logsource:"
        + " category proxy is refused"), err.toString());
    assertEquals("4 file(s), 2 rule(s), 2 problem(s)\n", out.toString());

    reset();
    assertEquals(ExitCodes.USAGE, run("rules", "lint", "--rules", rules.toString(), "--allow-proxy-rules"));
    assertTrue(!err.toString().contains("d_proxy.yml"), "proxy rules allowed: " + err);
    assertEquals("4 file(s), 3 rule(s), 1 problem(s)\n", out.toString());

    reset();
    assertEquals(ExitCodes.OK, run("rules", "lint", "--rules", rules.toString(), "--skip-unsupported"), err.toString());
    String lintNotice = err.toString();
    assertTrue(lintNotice.startsWith("analyzer: loaded 1 rules, skipped 3\n"), lintNotice);
    assertEquals("4 file(s), 1 rule(s), 0 problem(s)\n", out.toString());

    // the same skips, with the same reasons, as detect prints for this folder
    Path log = dir.resolve("access.log");
    Files.writeString(log, "198.51.100.7 - - [10/Jun/2023:10:00:00 +0000] \"GET / HTTP/1.1\" 200 5 \"-\" \"curl/8\"\n");
    Path index = dir.resolve("index");
    assertEquals(ExitCodes.OK, run("ingest", log.toString(), "-i", index.toString()), err.toString());
    reset();
    run("detect", "-i", index.toString(), "--rules", rules.toString(), "--skip-unsupported");
    String detectNotice = err.toString().lines().filter(l -> l.startsWith("analyzer: loaded") || l.contains(" skipped "))
        .collect(java.util.stream.Collectors.joining("\n", "", "\n"));
    assertEquals(detectNotice, lintNotice);

    reset();
    assertEquals(ExitCodes.OK, run("rules", "lint", "--rules", rules.toString(), "--skip-unsupported",
        "--allow-proxy-rules", "--json"), err.toString());
    var report = new com.fasterxml.jackson.databind.ObjectMapper().readTree(out.toString());
    assertEquals(2, report.get("rules").asInt());
    assertEquals(2, report.get("skipped").size(), report.toString());
    assertEquals("b_unknown_field.yml", report.get("skipped").get(0).get("file").asText());
    assertEquals("c_deprecated.yml", report.get("skipped").get(1).get("file").asText());
    assertTrue(err.toString().startsWith("analyzer: loaded 2 rules, skipped 2\n"), err.toString());
  }

  private void reset() {
    out.getBuffer().setLength(0);
    err.getBuffer().setLength(0);
  }

  static String rulesDir() {
    return Path.of(System.getProperty("project.root", "..")).resolve("rules").toString();
  }
}
