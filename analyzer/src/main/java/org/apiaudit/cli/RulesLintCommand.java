package org.apiaudit.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.apiaudit.rules.RuleLinter;
import picocli.CommandLine.Command;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
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
          + "falsepositives, level, tags), and every standard Sigma document against the official "
          + "Sigma JSON schema (status, tags, dates, correlation keys). Each problem is printed as "
          + "file:line: rule ID: key: reason; --json prints them as JSON."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:all rules are fine", "2:at least one problem"},
    footer = {"", "Examples:", "  analyzer rules lint", "  analyzer rules lint --rules my-rules"})
public final class RulesLintCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin RulesOptions rules;

  @Option(names = "--json", description = "Print the result as JSON on standard output: files, rules, and each"
      + " problem's file, line, rule and message.")
  boolean json;

  @Override
  public Integer call() throws java.io.IOException {
    RuleLinter.Report report = new RuleLinter().lint(rules.rules());
    List<RuleLinter.Problem> problems = report.problems();
    if (json) {
      spec.commandLine().getOut().println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
          .writeValueAsString(report));
      spec.commandLine().getOut().flush();
      return problems.isEmpty() ? ExitCodes.OK : ExitCodes.USAGE;
    }
    for (RuleLinter.Problem p : problems) {
      spec.commandLine().getErr().println(p.message());
    }
    spec.commandLine().getOut().println(report.files() + " file(s), " + report.rules() + " rule(s), "
        + problems.size() + " problem(s)");
    spec.commandLine().getOut().flush();
    spec.commandLine().getErr().flush();
    return problems.isEmpty() ? ExitCodes.OK : ExitCodes.USAGE;
  }
}
