package org.apiaudit.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.apiaudit.ExitCodes;
import org.apiaudit.UserException;
import org.apiaudit.detect.DetectionService;
import org.apiaudit.detect.findings.CaseFindings;
import org.apiaudit.detect.findings.FindingsSummary;
import org.apiaudit.detect.scan.TimeWindow;
import org.apiaudit.index.EventIndex;
import org.apiaudit.rules.RuleMeta;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code analyzer detect}: runs the rules over an index and concludes on the case. */
@Command(
    name = "detect",
    mixinStandardHelpOptions = true,
    header = "Run the detection rules over an index and judge every actor.",
    description = {
      "Runs the Sigma rules (and x-apiaudit correlations) over the indexed events in one "
          + "time-ordered pass, judges each actor a rule fired for (scraping, credential-misuse, "
          + "benign-automation, suspicious, no-sign), and concludes on the case with its coverage. "
          + "Prints a summary; --json writes the full findings for 'analyzer report'."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:done (with --fail-on: nothing at or above it)",
      "2:bad option, unreadable index, malformed rule or key",
      "3:an actor judged scraping, credential-misuse or suspicious has a rule at or above --fail-on",
      "6:out of memory: run again with a larger -Xmx"
    },
    footer = {"", "Examples:",
      "  analyzer detect --index out/index --json out/findings.json",
      "  analyzer detect -i out/index --from 2023-06-01 --to 2023-06-12 --fail-on high",
      "  analyzer detect --index out/index --leak-sample leak.txt --key out/index.key"})
public final class DetectCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin RuleLoadOptions ruleLoad;

  @Mixin IndexOptions index;
  @Mixin KeyOptions key;

  @Mixin RulesOptions rules;
  @Mixin EngineOptions engine;

  @Option(names = "--json", paramLabel = "FILE",
      description = "Write the findings (JSON) here; '-' writes them to standard output (the summary then goes to"
          + " standard error).")
  OutputFile json;

  @Mixin TimeRangeOptions range;

  @Option(names = "--leak-sample", paramLabel = "FILE",
      description = "Identifiers seen in the leak, one per line; pseudonymised at once, never echoed.")
  Path leakSample;

  @Option(names = "--fail-on", paramLabel = "LEVEL",
      description = "Exit 3 when a flagged actor has a rule of this level or above (informational, low, medium,"
          + " high, critical). Without it the exit code does not depend on findings, as in investigate.")
  String failOn;

  @Override
  public Integer call() throws IOException {
    if (failOn != null && RuleMeta.rank(failOn) < 0) {
      throw new UserException("--fail-on must be one of " + RuleMeta.LEVELS + "; got: " + failOn);
    }
    boolean cluster = engine.kind() == org.apiaudit.engine.EngineKind.OPENSEARCH;
    range.resolveZone(cluster ? null : index.index());
    TimeWindow window = range.window();
    if (cluster) {
      return onCluster(window);
    }
    if (leakSample != null) {
      // The leak sample is pseudonymised with the key: another key's pseudonyms would match
      // nobody and the leak section would read "0 accessed" instead of failing.
      EventIndex.readManifest(index.index()).requireKey(key.file(index.index()), index.index());
    }
    return report(new DetectionService().detect(new DetectionService.Request(index.index(),
        ruleLoad.load(rules.rules(), spec.commandLine().getErr()), window, leakSample, key.file(index.index()))));
  }

  /**
   * Detection with {@code --engine opensearch}: the rules' selections run on the cluster, and only
   * the events they and the later steps need are read into a scratch index (see
   * {@code ClusterEvents}), which is deleted afterwards.
   */
  private Integer onCluster(TimeWindow window) throws IOException {
    if (leakSample != null && key.key == null && System.getenv(org.apiaudit.privacy.CaseKey.ENV_VAR) == null) {
      throw new UserException("--leak-sample with --engine opensearch needs --key FILE (the case key)");
    }
    Path keyFile = key.file(Path.of("analyzer-index"));
    try (var cluster = org.apiaudit.engine.opensearch.OpenSearchSearcher.open(engine.connection(), engine.layout(),
        note -> spec.commandLine().getErr().println("analyzer: " + note))) {
      List<String> leak = null;
      if (leakSample != null) {
        leak = DetectionService.pseudonymise(leakSample,
            cluster.manifest().requireKey(keyFile, Path.of(engine.layout().alias())));
      }
      return report(org.apiaudit.engine.opensearch.ClusterDetection.detect(cluster,
          ruleLoad.load(rules.rules(), spec.commandLine().getErr()), window, leak, read -> {
            if (!Logging.quiet()) {
              spec.commandLine().getErr().println("analyzer: " + read);
            }
          }));
    }
  }

  private Integer report(CaseFindings findings) throws IOException {
    ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    java.io.PrintWriter summary = spec.commandLine().getOut();
    if (json != null && json.isStdout()) {
      spec.commandLine().getOut().println(mapper.writeValueAsString(findings));
      spec.commandLine().getOut().flush();
      summary = spec.commandLine().getErr();
    } else if (json != null) {
      OutputFile.createParent(json.path());
      mapper.writeValue(json.path().toFile(), findings);
    }
    range.announceZone(spec.commandLine().getErr());
    summary.print(new FindingsSummary(range.zone()).render(findings));
    summary.flush();
    return failOn != null && FindingsSummary.reachesLevel(findings, failOn) ? ExitCodes.FINDINGS : ExitCodes.OK;
  }
}
