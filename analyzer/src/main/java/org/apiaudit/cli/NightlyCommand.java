package org.apiaudit.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apiaudit.UserException;
import org.apiaudit.nightly.NightlyConfig;
import org.apiaudit.nightly.NightlyConfigLoader;
import org.apiaudit.nightly.NightlyRun;
import org.apiaudit.nightly.NightlySummary;
import org.apiaudit.rules.RuleMeta;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code analyzer nightly}: the scheduled job — new lines in, new findings out. */
@Command(
    name = "nightly",
    mixinStandardHelpOptions = true,
    header = "Scheduled run: ingest what is new, detect, report only new or escalated findings.",
    description = {
      "Reads only what the index has not seen: grown files from the recorded offset, rotated "
          + "and compressed copies recognised by their first bytes and never read twice, partial "
          + "last lines left for the next run. Detects over the new events plus the look-back the "
          + "rules need, writes OUT/<date>/ (HTML, JSON, ...) with the findings not reported before "
          + "(or worse than before), applies retention, and prints one summary line. All state lives "
          + "with the events (the index's commit data, or with engine: opensearch the cluster's metadata "
          + "index); a run killed at any moment resumes cleanly."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:done, no new finding at or above --fail-on",
      "1:internal error (a bug)",
      "2:bad option or config (the message names the key and value), bad rules or key",
      "3:a new or escalated finding at or above --fail-on",
      "4:some inputs could not be read; the rest were processed",
      "5:the index is in use by another analyzer process (on a cluster: another nightly run)",
      "6:out of memory: run again with a larger -Xmx"},
    footer = {"", "Examples:", "  analyzer nightly --config /etc/apiaudit/nightly.yml", "  analyzer nightly --config nightly.yml --fail-on medium --json"})
public final class NightlyCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = {"-c", "--config"}, required = true, paramLabel = "FILE", description = "The nightly YAML config.")
  Path config;

  @Option(names = "--fail-on", paramLabel = "LEVEL",
      description = "Override the config's fail-on (informational, low, medium, high, critical).")
  String failOn;

  @Option(names = "--json", description = "Print the summary as one JSON object instead of one line.")
  boolean json;

  @Option(names = "--log-file", paramLabel = "FILE",
      description = "Also append the run's diagnostics (files read, timings, retention) to FILE, with dates;"
          + " not '-': they are on standard error already (-v), and standard output carries the summary.")
  OutputFile logFile;

  @Override
  public Integer call() throws Exception {
    if (logFile == null) {
      return run();
    }
    Logging.alsoTo(logFile.requireFile("--log-file", "diagnostics are on standard error already (-v), and standard"
        + " output carries the run's summary"));
    try {
      return run();
    } finally {
      Logging.stopFile();
    }
  }

  private Integer run() throws Exception {
    NightlyConfig c = new NightlyConfigLoader().load(config);
    if (failOn != null) {
      String level = failOn.toLowerCase(Locale.ROOT);
      if (RuleMeta.rank(level) < 0) {
        throw new UserException("--fail-on must be one of " + RuleMeta.LEVELS + "; got: " + failOn);
      }
      c = c.withFailOn(level);
    }
    PrintWriter err = spec.commandLine().getErr();
    NightlySummary summary = new NightlyRun(c, Clock.systemUTC(), msg -> {
      err.println("analyzer: " + msg);
      err.flush();
    }).run(commandLine());
    PrintWriter out = spec.commandLine().getOut();
    out.println(json ? new ObjectMapper().writeValueAsString(summary) : summary.line());
    out.flush();
    return summary.exitCode();
  }

  private String commandLine() {
    List<String> parts = new ArrayList<>(List.of("analyzer"));
    parts.addAll(spec.root().commandLine().getParseResult().originalArgs());
    return String.join(" ", parts);
  }
}
