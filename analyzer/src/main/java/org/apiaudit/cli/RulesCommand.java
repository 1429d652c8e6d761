package org.apiaudit.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code analyzer rules}: groups the rule maintenance verbs. */
@Command(
    name = "rules",
    mixinStandardHelpOptions = true,
    header = "Check, test and export detection rules.",
    description = {"Maintenance of the Sigma rule pack: lint rule files, run their example events."},
    synopsisSubcommandLabel = "COMMAND",
    subcommands = {RulesLintCommand.class, RulesTestCommand.class, RulesExportCommand.class},
    footer = {"", "Examples:", "  analyzer rules lint --rules rules", "  analyzer rules test",
      "  analyzer rules export my-rules"})
public final class RulesCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
