package org.apiaudit.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.apiaudit.rules.RuleLoader;
import org.apiaudit.rules.RuleSet;
import org.apiaudit.rules.testing.RuleTester;
import org.junit.jupiter.api.Test;

/** Every shipped rule loads, and every example event of every rule behaves as its test says. */
class RulePackTest {
  static Path rulesDir() {
    return Path.of(System.getProperty("project.root", "..")).resolve("rules");
  }

  @Test
  void everyRuleExampleBehavesAsDocumented() {
    RuleSet rules = new RuleLoader().load(rulesDir());
    List<RuleTester.CaseResult> results = new RuleTester().run(rulesDir(), rules);
    String failures = results.stream().filter(r -> !r.passed())
        .map(r -> r.file() + " " + r.ruleId() + " '" + r.name() + "': " + r.detail())
        .collect(Collectors.joining("\n"));
    assertEquals("", failures);
    assertTrue(results.size() >= 20, "expected at least 20 example cases, got " + results.size());
  }
}
