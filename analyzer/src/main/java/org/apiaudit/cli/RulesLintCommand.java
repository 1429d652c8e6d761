package org.apiaudit.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.apiaudit.ExitCodes;
import org.apiaudit.rules.RuleLinter;
import org.apiaudit.rules.RuleSet;
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
          + "file:line: rule ID: key: reason; --json prints them as JSON.",
      "",
      "--skip-unsupported and --allow-proxy-rules load as detect and investigate do: with "
          + "--skip-unsupported a document detect would skip is listed (\"loaded N rules, skipped M\" "
          + "and each reason on standard error, \"skipped\" in --json) instead of counted as a problem."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:all rules are fine", "2:at least one problem"},
    footer = {"", "Examples:", "  analyzer rules lint", "  analyzer rules lint --rules my-rules",
      "  analyzer rules lint -o jsonl"})
public final class RulesLintCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin RulesOptions rules;
  @Mixin OutputOptions output;
  @Mixin RuleLoadOptions ruleLoad;

  @Option(names = "--json", description = "Same as -o json: the result as JSON on standard output (files, rules,"
      + " and each problem's file, line, rule and message).")
  boolean json;

  @Override
  public Integer call() throws java.io.IOException {
    RuleLinter.Report report = new RuleLinter(ruleLoad.policy()).lint(rules.rules());
    List<RuleLinter.Problem> problems = report.problems();
    ruleLoad.printNotice(RuleSet.loadNotice(report.rules(), report.skipped()), !report.skipped().isEmpty(),
        spec.commandLine().getErr());
    org.apiaudit.output.OutputFormat format = json ? org.apiaudit.output.OutputFormat.JSON : output.formatOrTable();
    if (format == org.apiaudit.output.OutputFormat.JSON) {
      spec.commandLine().getOut().println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
          .writeValueAsString(report));
      spec.commandLine().getOut().flush();
      return problems.isEmpty() ? ExitCodes.OK : ExitCodes.USAGE;
    }
    if (format.machine()) {
      // one row per problem on stdout (the data asked for); the count on stderr
      try (org.apiaudit.output.RowWriter rows = new org.apiaudit.output.RowWriter(format, spec.commandLine().getOut(),
          List.of("file", "line", "rule", "message"))) {
        problems.forEach(p -> rows.row(p.file(), p.line(), p.rule(), p.message()));
      }
      spec.commandLine().getErr().println(report.files() + " file(s), " + report.rules() + " rule(s), "
          + problems.size() + " problem(s)");
      spec.commandLine().getErr().flush();
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
