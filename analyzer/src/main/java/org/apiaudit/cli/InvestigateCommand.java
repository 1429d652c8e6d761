package org.apiaudit.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apiaudit.Durations;
import org.apiaudit.ExitCodes;
import org.apiaudit.UserException;
import org.apiaudit.detect.findings.FindingsSummary;
import org.apiaudit.ingest.EndpointTable;
import org.apiaudit.ingest.EventNormalizer;
import org.apiaudit.ingest.FileResult;
import org.apiaudit.ingest.IngestConfig;
import org.apiaudit.ingest.Ingestor;
import org.apiaudit.ingest.LineReader;
import org.apiaudit.ingest.format.FormatChoice;
import org.apiaudit.investigate.CaseInvestigation;
import org.apiaudit.report.Classification;
import org.apiaudit.rules.RuleMeta;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code analyzer investigate}: the one command for a case folder. */
@Command(name = "investigate", mixinStandardHelpOptions = true,
    header = "Ingest a case folder, run the rules and write the CERT initial report: one command.",
    description = {
      "Ingests the case folder into OUT/index (pseudonymising personal identifiers; the key goes to"
          + " OUT/index.key, outside the index), runs the detection rules, and writes the report into OUT:"
          + " report.html (self-contained), report.md, report.json, findings.json, indicators.csv,"
          + " indicators.stix.json and manifest.json (SHA-256 of every file). Re-running on the same folder"
          + " reuses the index: files already ingested are skipped. A leak sample named leak-sample.txt in the"
          + " case folder is used unless --leak-sample names another.",
      ""
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:report written (and nothing at or above --fail-on, when given)",
      "2:usage error, malformed rule, or a report already in OUT (use --force)",
      "3:a flagged actor has a rule at or above --fail-on",
      "4:some inputs could not be read; the report covers the others",
      "5:the index is in use by another analyzer process",
      "6:out of memory: run again with a larger -Xmx"},
    footer = {"", "Examples:",
      "  analyzer investigate sample-logs/incident-2023-06 --out out/incident",
      "  analyzer investigate /cases/2023-06 --out out/2023-06 --leak-sample leak.txt",
      "  analyzer investigate logs/ --out out --from 2023-06-08 --to 2023-06-12",
      "  analyzer investigate logs/ --out out --case-name 'CERT-2023-0612' --force",
      "  analyzer investigate /cases/bot --out out/bot --probes probes.csv"})
public final class InvestigateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin VerbosityOptions verbosity;
  @Mixin RulesOptions rules;
  @Mixin RuleLoadOptions ruleLoad;
  @Mixin TimeRangeOptions range;

  @Parameters(paramLabel = "CASE", arity = "1..*", description = "The case folder(s) or log files.")
  List<String> inputs = new ArrayList<>();

  @Mixin OutputDirOptions out;
  @Mixin CodecOptions codec;

  /** Deprecated spelling of --out: everywhere else -o is an output format. */
  @Option(names = "-o", paramLabel = "DIR", hidden = true)
  Path deprecatedOut;

  @Option(names = "--leak-sample", paramLabel = "FILE",
      description = "Identifiers seen in the leak, one per line (default: CASE/leak-sample.txt if present).")
  Path leakSample;

  @Option(names = "--case-name", paramLabel = "NAME", description = "Name of the case in the report (default: the case folder's name).")
  String caseName;

  @Option(names = "--classification", paramLabel = "TLP", defaultValue = "TLP:AMBER+STRICT",
      description = "TLP label of the report (default: ${DEFAULT-VALUE}).")
  String classification;

  @Option(names = "--force", description = "Replace a report already in the output folder.")
  boolean force;

  @Option(names = "--fail-on", paramLabel = "LEVEL",
      description = "Exit 3 when a flagged actor has a rule of this level or above (informational, low, medium, high, critical).")
  String failOn;

  @Option(names = "--probes", paramLabel = "FILE",
      description = "Canary probes (CSV identifier,queried_at[,note]): adds the canary section to the report.")
  Path probes;

  @Option(names = "--probe-window", paramLabel = "DURATION", defaultValue = "10m",
      description = "Time either side of each probe's query (default: ${DEFAULT-VALUE}).")
  String probeWindow;

  @Option(names = {"-f", "--format"}, paramLabel = "NAME", description = "Read every input as this format instead of detecting it.")
  String format;

  @Option(names = "--endpoints", paramLabel = "FILE", description = "Endpoint table for your API (default: built in).")
  Path endpoints;

  @Override
  public Integer call() throws Exception {
    if (failOn != null && RuleMeta.rank(failOn) < 0) {
      throw new UserException("--fail-on must be one of " + RuleMeta.LEVELS + "; got: " + failOn);
    }
    String firstName = Path.of(inputs.get(0)).toAbsolutePath().normalize().getFileName().toString();
    if (deprecatedOut != null) {
      if (out.dir() != null) {
        throw new UserException("-o is the old spelling of --out; give only --out " + out.dir());
      }
      spec.commandLine().getErr().println("analyzer: -o DIR is deprecated for investigate (-o is an output format"
          + " elsewhere); use --out " + deprecatedOut);
    }
    Path given = out.dir() != null ? out.dir() : deprecatedOut;
    Path outDir = given != null ? given : Path.of("analyzer-out", firstName);
    range.resolveZone(CaseInvestigation.indexOf(outDir));
    IngestConfig ingest = new IngestConfig(FormatChoice.of(format, null, null, range.zone()),
        endpoints == null ? EndpointTable.defaults() : EndpointTable.load(endpoints),
        EventNormalizer.DEFAULT_IDENTIFIER_PARAMS, IngestConfig.defaultThreads(), LineReader.DEFAULT_MAX_LINE_BYTES,
        Ingestor.defaultRejectsFile(CaseInvestigation.indexOf(outDir))).withCaseZone(range.givenZone())
        .withCodec(codec.codec());
    PrintWriter err = spec.commandLine().getErr();
    org.apiaudit.ingest.ProgressListener progress = Progress.forTerminal(err, verbosity);
    CaseInvestigation.Outcome o = CaseInvestigation.run(new CaseInvestigation.Request(inputs, outDir, rules.rules(),
        range.window(), leakSample, ingest,
        caseName != null ? caseName : firstName, Classification.parse(classification), force,
        CommandLines.asTyped(spec), probes, Durations.parseMillis(probeWindow), ruleLoad.policy()), progress, m -> err.println("analyzer: " + m));
    Progress.end(progress, err);
    range.announceZone(err);
    PrintWriter outWriter = spec.commandLine().getOut();
    SummaryPrinter.print(o.ingest(), outWriter, spec.commandLine().getErr());
    outWriter.flush();
    if (o.report() == null) {
      err.println("analyzer: no log line could be read from " + String.join(", ", inputs) + "; no report written");
      err.flush();
      boolean onlyMissing = !o.ingest().files().isEmpty() && o.ingest().files().stream().allMatch(
          f -> f.outcome() == FileResult.Outcome.FAILED && f.message() != null && f.message().startsWith("no such file"));
      return onlyMissing ? ExitCodes.USAGE : ExitCodes.INPUT_ERROR;
    }
    outWriter.println();
    outWriter.print(new FindingsSummary(range.zone()).render(o.findings()));
    outWriter.println();
    outWriter.println("Report " + o.report().header().reportId() + " written:");
    for (Path p : o.written()) {
      outWriter.println("  " + p);
    }
    outWriter.flush();
    if (o.canary() != null) {
      outWriter.println();
      outWriter.println("Canary: " + o.canary().verdict() + ": " + o.canary().summary());
      for (var problem : o.canary().problems()) {
        err.println("analyzer: " + problem);
      }
    }
    outWriter.flush();
    if (o.ingest().hasFailures() || (o.canary() != null && !o.canary().problems().isEmpty())) {
      return ExitCodes.INPUT_ERROR;
    }
    return failOn != null && FindingsSummary.reachesLevel(o.findings(), failOn) ? ExitCodes.FINDINGS : ExitCodes.OK;
  }
}
