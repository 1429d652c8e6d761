package org.apiaudit.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.apiaudit.ExitCodes;
import org.apiaudit.rules.RuleLoader;
import org.apiaudit.rules.testing.RuleTester;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code analyzer rules test}: runs every rule's example events and prints pass/fail. */
@Command(
    name = "test",
    mixinStandardHelpOptions = true,
    header = "Run every rule's example events (*.tests.yml) and check the outcome.",
    description = {
      "For each case of each *.tests.yml file beside the rules, indexes its events in a "
          + "temporary index, runs the whole rule set and checks that the named rule fires (expect: "
          + "match) or does not (expect: no-match). Rules without any case fail too."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:every case passed", "2:a rule does not behave as its example events say, or a malformed rule or"
        + " tests file"},
    footer = {"", "Examples:", "  analyzer rules test", "  analyzer rules test --rules my-rules"})
public final class RulesTestCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin RulesOptions rules;

  @Override
  public Integer call() {
    List<RuleTester.CaseResult> results = new RuleTester().run(rules.rules(), new RuleLoader().load(rules.rules()));
    long failed = 0;
    for (RuleTester.CaseResult r : results) {
      spec.commandLine().getOut().printf("%s %s %s: %s%n    %s%n", r.passed() ? "PASS" : "FAIL", r.ruleId(),
          r.ruleTitle(), r.name(), r.detail());
      failed += r.passed() ? 0 : 1;
    }
    spec.commandLine().getOut().printf("%d case(s), %d failed%n", results.size(), failed);
    spec.commandLine().getOut().flush();
    // a rule that contradicts its own examples is a malformed rule (2); 1 is kept for bugs
    return failed == 0 ? ExitCodes.OK : ExitCodes.USAGE;
  }
}
