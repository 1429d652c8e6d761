package org.apiaudit.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.apiaudit.UserException;
import org.apiaudit.detect.CaseFindings;
import org.apiaudit.detect.DetectionService;
import org.apiaudit.detect.FindingsSummary;
import org.apiaudit.detect.TimeWindow;
import org.apiaudit.index.EventIndex;
import org.apiaudit.index.Instants;
import org.apiaudit.rules.RuleLoader;
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
      "0:done, nothing at or above --fail-on",
      "2:bad option, unreadable index, malformed rule or key",
      "3:an actor judged scraping, credential-misuse or suspicious has a rule at or above --fail-on",
      "6:out of memory: run again with a larger -Xmx"
    },
    footer = {"", "Examples:",
      "  analyzer detect --index out/index --json out/findings.json",
      "  analyzer detect --index out/index --from 2023-06-01 --to 2023-06-12 --fail-on high",
      "  analyzer detect --index out/index --leak-sample leak.txt --key out/index.key"})
public final class DetectCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = {"-i", "--index"}, paramLabel = "DIR", description = "The index folder (the embedded engine).")
  Path index;

  @Mixin RulesOptions rules;
  @Mixin EngineOptions engine;

  @Option(names = "--json", paramLabel = "FILE", description = "Write the findings (JSON) here.")
  Path json;

  @Option(names = "--from", paramLabel = "TIME", description = "Start of the window (ISO-8601, a date, or epoch ms).")
  String from;

  @Option(names = "--to", paramLabel = "TIME", description = "End of the window, inclusive.")
  String to;

  @Option(names = "--leak-sample", paramLabel = "FILE",
      description = "Identifiers seen in the leak, one per line; pseudonymised at once, never echoed.")
  Path leakSample;

  @Option(names = "--key", paramLabel = "FILE", description = "The case key. Default: the index path + .key.")
  Path key;

  @Option(names = "--fail-on", paramLabel = "LEVEL", defaultValue = "critical",
      description = "Exit 3 when a flagged actor has a rule of this level or above"
          + " (informational, low, medium, high, critical). Default: ${DEFAULT-VALUE}.")
  String failOn;

  @Override
  public Integer call() throws IOException {
    if (RuleMeta.rank(failOn) < 0) {
      throw new UserException("--fail-on must be one of " + RuleMeta.LEVELS + "; got: " + failOn);
    }
    TimeWindow window = new TimeWindow(from == null ? Long.MIN_VALUE : Instants.parse(from),
        to == null ? Long.MAX_VALUE : Instants.parse(to));
    if (engine.kind() == org.apiaudit.engine.EngineKind.OPENSEARCH) {
      return onCluster(window);
    }
    if (index == null) {
      throw new UserException("give the index folder: --index DIR (or --engine opensearch --url URL)");
    }
    if (leakSample != null) {
      // The leak sample is pseudonymised with the key: another key's pseudonyms would match
      // nobody and the leak section would read "0 accessed" instead of failing.
      EventIndex.readManifest(index).requireKey(key != null ? key : IndexOptions.defaultKeyFile(index), index);
    }
    return report(new DetectionService().detect(new DetectionService.Request(index,
        new RuleLoader().load(rules.rules()), window, leakSample, key)));
  }

  /**
   * Detection with {@code --engine opensearch}: the window's events copied from the cluster into
   * a scratch index (see {@code ClusterWindowCopy}), which is deleted afterwards.
   */
  private Integer onCluster(TimeWindow window) throws IOException {
    if (leakSample != null && key == null) {
      throw new UserException("--leak-sample with --engine opensearch needs --key FILE (the case key)");
    }
    Path scratch = java.nio.file.Files.createTempDirectory("apiaudit-detect");
    try (var cluster = org.apiaudit.engine.opensearch.OpenSearchSearcher.open(engine.connection(), engine.layout(),
        note -> spec.commandLine().getErr().println("analyzer: " + note))) {
      Path copy = scratch.resolve("index");
      org.apiaudit.engine.opensearch.ClusterWindowCopy.copy(cluster, window.from(), window.to(), copy);
      if (leakSample != null) {
        EventIndex.readManifest(copy).requireKey(key, copy);
      }
      return report(new DetectionService().detect(new DetectionService.Request(copy,
          new RuleLoader().load(rules.rules()), window, leakSample, key)));
    } finally {
      try (var walk = java.nio.file.Files.walk(scratch)) {
        walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private Integer report(CaseFindings findings) throws IOException {
    if (json != null) {
      Path parent = json.toAbsolutePath().getParent();
      if (parent != null) {
        java.nio.file.Files.createDirectories(parent);
      }
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(json.toFile(), findings);
    }
    spec.commandLine().getOut().print(new FindingsSummary().render(findings));
    spec.commandLine().getOut().flush();
    return FindingsSummary.reachesLevel(findings, failOn) ? ExitCodes.FINDINGS : ExitCodes.OK;
  }
}
