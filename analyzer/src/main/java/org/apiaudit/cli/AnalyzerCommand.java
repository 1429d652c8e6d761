package org.apiaudit.cli;

import org.apiaudit.ExitCodes;
import org.apiaudit.Version;
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
      CompletionCommand.class,
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
    withSharedOptions(cl);
    cl.registerConverter(OutputFile.class, OutputFile::parse);
    cl.setExecutionStrategy(AnalyzerCommand::runWithLogLevel);
    return cl;
  }

  /**
   * {@code -V} prints the analyzer's version, and {@code -v/-q} set the diagnostics, on every
   * command, including ones added later.
   */
  private static void withSharedOptions(CommandLine cl) {
    CommandLine.Model.CommandSpec spec = cl.getCommandSpec();
    spec.versionProvider(new VersionProvider());
    if (spec.findOption("--verbose") == null) {
      spec.addMixin("verbosity", CommandLine.Model.CommandSpec.forAnnotatedObject(new VerbosityOptions()));
    }
    cl.getSubcommands().values().forEach(AnalyzerCommand::withSharedOptions);
  }

  /** Sets the log level from the command's -v/-q, then runs it. */
  private static int runWithLogLevel(CommandLine.ParseResult parseResult) {
    CommandLine.ParseResult leaf = parseResult;
    while (leaf.hasSubcommand()) {
      leaf = leaf.subcommand();
    }
    leaf.commandSpec().mixins().values().stream().map(CommandLine.Model.CommandSpec::userObject)
        .filter(VerbosityOptions.class::isInstance).map(VerbosityOptions.class::cast).findFirst()
        .ifPresentOrElse(VerbosityOptions::apply, () -> Logging.level(0, false));
    org.slf4j.LoggerFactory.getLogger(AnalyzerCommand.class).debug("{} {}, Java {}, heap max {} MB, {} cores",
        leaf.commandSpec().qualifiedName(), Version.current(), System.getProperty("java.version"),
        Runtime.getRuntime().maxMemory() >> 20, Runtime.getRuntime().availableProcessors());
    return new CommandLine.RunLast().execute(parseResult);
  }
}
