package org.apiaudit.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * The official Sigma JSON schema as {@code rules lint} applies it: every standard document the
 * project ships conforms; invalid status, tags and dates are named with file:line.
 */
class SigmaSchemaTest {
  static Path rulesDir() {
    return Path.of(System.getProperty("project.root", "..")).resolve("rules");
  }

  @Test
  void everyStandardDocumentInRulesPassesTheOfficialSchema() throws IOException {
    SigmaSchema schema = new SigmaSchema();
    List<String> problems = new ArrayList<>();
    int standard = 0;
    for (Path f : RuleLoader.ruleFiles(rulesDir())) {
      String rel = rulesDir().relativize(f).toString();
      for (Node doc : RuleLoader.compose(rel, Files.readAllBytes(f))) {
        if (SigmaSchema.isStandard(doc)) {
          standard++;
          schema.check(doc, rel).forEach(e -> problems.add(e.getMessage()));
        }
      }
    }
    assertEquals(List.of(), problems);
    assertTrue(standard >= 20, "standard documents checked: " + standard);
  }

  @Test
  void extensionCorrelationsLiveOnlyUnderXApiauditSoSigmaToolsCanReadEveryOtherFile() throws IOException {
    List<String> misplaced = new ArrayList<>();
    int extensions = 0;
    for (Path f : RuleLoader.ruleFiles(rulesDir())) {
      String rel = rulesDir().relativize(f).toString().replace('\\', '/');
      boolean extensionFolder = rel.startsWith("x-apiaudit/");
      for (Node doc : RuleLoader.compose(rel, Files.readAllBytes(f))) {
        boolean standard = SigmaSchema.isStandard(doc);
        extensions += standard ? 0 : 1;
        if (standard == extensionFolder) {
          misplaced.add(rel + ":" + org.snakeyaml.engine.v2.nodes.Node.class.cast(doc).getStartMark()
              .map(m -> m.getLine() + 1).orElse(0));
        }
      }
    }
    assertEquals(List.of(), misplaced);
    assertTrue(extensions >= 19, "x-apiaudit correlations: " + extensions);
  }

  @Test
  void lintNamesInvalidStatusTagsAndDatesWithFileAndLine(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("bad.yml"), "title: Bad metadata\nid: 11111111-2222-3333-4444-555555555555\n"
        + "status: beta\ndescription: d\nreferences: [r]\ndate: 2024/01/02\nmodified: 2024-13-01\n"
        + "tags:\n    - Attack.T1190\nfalsepositives: [fp]\nlevel: high\nlogsource:\n    category: webserver\n"
        + "detection:\n    selection:\n        cs-method: GET\n    condition: selection\n");
    List<String> problems = new RuleLinter().lint(dir).problems().stream().map(RuleLinter.Problem::message).toList();
    String id = "rule 11111111-2222-3333-4444-555555555555: ";
    assertEquals(List.of(
        "bad.yml:3: " + id + "schema /status: must be one of stable, test, experimental, deprecated, unsupported;"
            + " got: \"beta\" (official Sigma detection rule schema)",
        "bad.yml:6: " + id + "schema /date: does not match the regex pattern ^\\d{4}-(0[1-9]|1[012])-(0[1-9]|[12][0-9]|3[01])$"
            + " (official Sigma detection rule schema)",
        "bad.yml:7: " + id + "schema /modified: does not match the regex pattern ^\\d{4}-(0[1-9]|1[012])-(0[1-9]|[12][0-9]|3[01])$"
            + " (official Sigma detection rule schema)",
        "bad.yml:9: " + id + "schema /tags/0: does not match the regex pattern ^[a-z0-9_-]+\\.[a-z0-9._-]+$"
            + " (official Sigma detection rule schema)"), problems);
  }

  @Test
  void aStandardCorrelationMissingTimespanFailsAndExtensionsAreNotChecked() {
    String yaml = "title: C\nid: 11111111-2222-3333-4444-555555555555\ncorrelation:\n    type: event_count\n"
        + "    rules: [a]\n    condition: {gte: 2}\n";
    Node doc = RuleLoader.compose("c.yml", yaml.getBytes()).get(0);
    List<RuleError> errors = new SigmaSchema().check(doc, "c.yml");
    assertEquals(1, errors.size());
    assertTrue(errors.get(0).getMessage().contains("required property 'timespan' not found"), errors.get(0).getMessage());
    Node ext = RuleLoader.compose("x.yml", yaml.replace("event_count", "x-apiaudit/cadence").getBytes()).get(0);
    assertEquals(List.of(), new SigmaSchema().check(ext, "x.yml"));
  }
}
