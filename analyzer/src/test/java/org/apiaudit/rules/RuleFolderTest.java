package org.apiaudit.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apiaudit.UserException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A rules folder loaded by {@code detect} ({@link RuleLoader#load}) and checked by {@code rules lint}
 * ({@link RuleLinter}): which files count, which documents are skipped and why.
 */
class RuleFolderTest {
  @TempDir Path dir;

  private void write(String rel, String yaml) throws IOException {
    Path p = dir.resolve(rel);
    Files.createDirectories(p.getParent());
    Files.writeString(p, yaml, StandardCharsets.UTF_8);
  }

  private static String rule(String id, String status, String selection) {
    return "title: T\nid: " + id + "\nstatus: " + status + "\nlevel: low\nlogsource:\n    category: webserver\n"
        + "detection:\n    s:\n        " + selection + "\n    condition: s\n";
  }

  @Test
  void loadsYmlAndYamlUnderSubfoldersButNotTheirExampleFiles() throws IOException {
    write("web/a.yml", rule(RuleSetTest.BASE_A, "test", "cs-method: GET"));
    write("b.yaml", rule(RuleSetTest.BASE_B, "test", "cs-method: PUT"));
    write("web/a.tests.yml", "not: a rule\n");
    write("notes.txt", "ignored");
    assertEquals(List.of(dir.resolve("b.yaml"), dir.resolve("web/a.yml")), RuleLoader.ruleFiles(dir));
    RuleSet set = new RuleLoader().load(dir);
    assertEquals(List.of("b.yaml", "web/a.yml"), set.rules().stream().map(r -> r.meta().file()).toList());
  }

  @Test
  void severalDocumentsOfOneFileShareItsDigest() throws IOException {
    write("pack.yml", rule(RuleSetTest.BASE_A, "test", "cs-method: GET") + "---\n"
        + rule(RuleSetTest.BASE_B, "test", "cs-method: PUT"));
    List<Rule> rules = new RuleLoader().load(dir).rules();
    assertEquals(2, rules.size());
    assertEquals(rules.get(0).meta().sha256(), rules.get(1).meta().sha256());
    assertEquals(12, rules.get(1).meta().location().line(), "the second document starts after the separator");
  }

  @Test
  void deprecatedRulesAreSkippedWithTheirReason() throws IOException {
    write("a.yml", rule(RuleSetTest.BASE_A, "test", "cs-method: GET"));
    write("old.yml", rule(RuleSetTest.BASE_B, "deprecated", "cs-method: PUT"));
    RuleSet set = new RuleLoader().load(dir);
    assertEquals(1, set.rules().size());
    assertEquals(List.of(new RuleSkip("old.yml", 1, RuleSetTest.BASE_B, "status deprecated (skipped by default)")),
        set.skipped());
  }

  @Test
  void strictLoadingStopsAtTheFirstRefusedDocument() throws IOException {
    write("a.yml", rule(RuleSetTest.BASE_A, "test", "cs-method|windash: GET"));
    UserException e = assertThrows(UserException.class, () -> new RuleLoader().load(dir));
    assertEquals("a.yml:9: rule " + RuleSetTest.BASE_A + ": detection.s.cs-method|windash: modifier 'windash' is not"
        + " supported by this analyzer (web access logs carry no command lines or encoded payload fields)", e.getMessage());
  }

  @Test
  void skipUnsupportedSkipsRefusedDocumentsAndCorrelationsOnThem() throws IOException {
    write("a.yml", rule(RuleSetTest.BASE_A, "test", "cs-method: GET"));
    write("b.yml", rule(RuleSetTest.BASE_B, "test", "sc-status|contains: '4'"));
    write("c.yml", "title: C\nid: " + RuleSetTest.CORR + "\nlevel: high\ncorrelation:\n    type: event_count\n"
        + "    rules: [" + RuleSetTest.BASE_B + "]\n    group-by: [c-ip]\n    timespan: 1m\n    condition: {gte: 5}\n");
    write("broken.yml", "title: [unclosed\n");
    RuleSet set = new RuleLoader(new LoadPolicy(true, false)).load(dir);
    assertEquals(List.of(RuleSetTest.BASE_A), set.rules().stream().map(Rule::id).toList());
    assertEquals(List.of("b.yml", "broken.yml", "c.yml"), set.skipped().stream().map(RuleSkip::file).toList());
    assertEquals("detection.s.sc-status|contains: field http.response.status_code is numeric; string modifiers do not"
        + " apply", set.skipped().get(0).reason(), "refused when compiled, not only when parsed");
    assertEquals("references rule '" + RuleSetTest.BASE_B + "', which was not loaded", set.skipped().get(2).reason());
  }

  @Test
  void aFolderWithoutLoadableRulesIsAUserError() throws IOException {
    assertEquals("rules folder " + dir.resolve("none") + " does not exist (give --rules DIR)",
        assertThrows(UserException.class, () -> new RuleLoader().load(dir.resolve("none"))).getMessage());
    write("old.yml", rule(RuleSetTest.BASE_B, "deprecated", "cs-method: PUT"));
    assertEquals("no rules (*.yml) under " + dir + " could be loaded (1 skipped)",
        assertThrows(UserException.class, () -> new RuleLoader().load(dir)).getMessage());
  }

  @Test
  void lintReportsEveryFilesProblemsAndKeepsGoing() throws IOException {
    write("a.yml", rule(RuleSetTest.BASE_A, "test", "cs-method: GET"));
    write("b.yml", rule(RuleSetTest.BASE_B, "test", "cs-method|gt: a"));
    write("broken.yml", "title: [unclosed\n");
    RuleLinter.Report report = new RuleLinter().lint(dir);
    assertEquals(3, report.files());
    assertEquals(1, report.rules());
    String a = "a.yml:1: rule " + RuleSetTest.BASE_A + ": ";
    assertEquals(List.of(a + "description: is missing: say what it detects and why it matters", a + "references: is missing",
        a + "falsepositives: is missing: say when the rule is wrong", a + "tags: is missing",
        "b.yml:9: rule " + RuleSetTest.BASE_B + ": detection.s.cs-method|gt: field http.request.method is a keyword;"
            + " gt/gte/lt/lte/cidr do not apply"),
        report.problems().stream().map(RuleLinter.Problem::message).filter(m -> !m.startsWith("broken.yml")).toList());
    assertEquals(1, report.problems().stream().filter(p -> p.message().startsWith("broken.yml:2: malformed YAML")).count());
  }

  @Test
  void lintUnderSkipUnsupportedListsWhatDetectWouldSkipInsteadOfProblems() throws IOException {
    write("a.yml", rule(RuleSetTest.BASE_A, "test", "cs-method: GET"));
    write("b.yml", rule(RuleSetTest.BASE_B, "test", "cs-method|gt: a"));
    write("old.yml", rule(RuleSetTest.CORR, "deprecated", "cs-method: PUT"));
    RuleLinter.Report report = new RuleLinter(new LoadPolicy(true, false)).lint(dir);
    assertEquals(1, report.rules());
    assertEquals(List.of("b.yml", "old.yml"), report.skipped().stream().map(RuleSkip::file).toList());
    assertEquals(List.of("a.yml"), report.problems().stream().map(RuleLinter.Problem::file).distinct().toList(),
        "only the metadata of the rule that loads");
  }
}
