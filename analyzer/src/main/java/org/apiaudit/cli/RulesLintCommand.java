package org.apiaudit.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.apiaudit.rules.RuleLinter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code analyzer rules lint}: loads and checks every rule file, reporting file:line problems. */
@Command(
    name = "lint",
    mixinStandardHelpOptions = true,
    header = "Check rule files: syntax, supported constructs, required metadata.",
    description = {
      "Loads every rule under the folder and compiles it, then checks the metadata every rule "
          + "of the pack must carry (title, UUID id, status, description, references, "
          + "falsepositives, level, tags). Each problem is printed as file:line: rule ID: key: "
          + "reason."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:all rules are fine", "2:at least one problem"},
    footer = {"", "Examples:", "  analyzer rules lint", "  analyzer rules lint --rules my-rules",
      "  analyzer rules lint -o jsonl"})
public final class RulesLintCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin RulesOptions rules;
  @Mixin OutputOptions output;

  @Override
  public Integer call() {
    RuleLinter.Report report = new RuleLinter().lint(rules.rules());
    List<String> problems = report.problems();
    org.apiaudit.output.OutputFormat format = output.formatOrTable();
    if (format.machine()) {
      // one row per problem on stdout (the data asked for); the count on stderr
      try (org.apiaudit.output.RowWriter rows = new org.apiaudit.output.RowWriter(format, spec.commandLine().getOut(),
          List.of("problem"))) {
        problems.forEach(rows::row);
      }
      spec.commandLine().getErr().println(report.files() + " file(s), " + report.rules() + " rule(s), "
          + problems.size() + " problem(s)");
      spec.commandLine().getErr().flush();
      return problems.isEmpty() ? ExitCodes.OK : ExitCodes.USAGE;
    }
    for (String p : problems) {
      spec.commandLine().getErr().println(p);
    }
    spec.commandLine().getOut().println(report.files() + " file(s), " + report.rules() + " rule(s), "
        + problems.size() + " problem(s)");
    spec.commandLine().getOut().flush();
    spec.commandLine().getErr().flush();
    return problems.isEmpty() ? ExitCodes.OK : ExitCodes.USAGE;
  }
}
