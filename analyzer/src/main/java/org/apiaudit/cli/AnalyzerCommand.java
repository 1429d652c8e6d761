package org.apiaudit.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The top-level {@code analyzer} command: global options only, one subcommand per verb.
 */
@Command(
    name = "analyzer",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    header = "API-access audit log analyzer: was the API scraped directly?",
    description = {
      "Indexes API-gateway access logs into a pseudonymised Lucene index, searches it, and "
          + "runs detection rules that tell direct API scraping from benign traffic."
    },
    synopsisSubcommandLabel = "COMMAND",
    commandListHeading = "%nCommands:%n",
    subcommands = {
      InvestigateCommand.class,
      IngestCommand.class,
      SearchCommand.class,
      StatsCommand.class,
      VerifyCommand.class,
      PseudonymizeCommand.class,
      DetectCommand.class,
      RulesCommand.class,
      EvaluateCommand.class,
      SimulateCommand.class,
      ReportCommand.class,
      CanaryCommand.class,
      ServeCommand.class,
      BenchCommand.class,
      NightlyCommand.class,
      PurgeCommand.class,
      CommandLine.HelpCommand.class
    },
    footer = {"", "See 'analyzer help <command>' for the options and examples of a command."})
public final class AnalyzerCommand implements java.util.concurrent.Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** No command given: the usage goes to stderr and the exit code says it was a usage error. */
  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return ExitCodes.USAGE;
  }

  /** The configured command line, shared by {@link Main} and in-process tests. */
  public static CommandLine newCommandLine() {
    CommandLine cl = new CommandLine(new AnalyzerCommand());
    cl.setExecutionExceptionHandler(new UserErrorHandler());
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    cl.setUsageHelpAutoWidth(true);
    return cl;
  }
}
