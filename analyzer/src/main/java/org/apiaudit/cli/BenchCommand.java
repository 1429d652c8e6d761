package org.apiaudit.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.apiaudit.bench.Benchmark;
import org.apiaudit.ingest.IngestConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code analyzer bench}: the benchmark suite with side-by-side baselines. */
@Command(name = "bench", mixinStandardHelpOptions = true,
    header = "Measure ingest, detection, search and investigate against the usual tools, on the same input.",
    description = {
      "Generates a gateway-format log with the simulator (or takes --input) and measures, on that file:"
          + " ingest end to end, plain and gzipped, against a bare Lucene loop adding the same documents (the"
          + " ceiling) and GoAccess parsing it; the full rule pack against an awk|sort|uniq pipeline computing the"
          + " per-IP distinct-subject count; investigator queries (p50/p95) against grep -c; top values over all"
          + " hits; investigate end to end. Prints one table (ours, baseline, how many times better, target) and"
          + " saves it as JSON under --json-dir. GoAccess is skipped with a reason when it is not installed.",
      ""
    },
    footer = {"", "Examples:",
      "  analyzer bench                       # about 10M events (~2.3 GB)",
      "  analyzer bench --events 200000 --no-baselines",
      "  analyzer bench --input /data/gateway.log --work /data/bench"})
public final class BenchCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--input", paramLabel = "FILE", description = "Benchmark this gateway-format file instead of generating one.")
  Path input;

  @Option(names = "--events", paramLabel = "N", defaultValue = "10000000",
      description = "Events to generate when no --input is given (default: ${DEFAULT-VALUE}).")
  long events;

  @Option(names = "--work", paramLabel = "DIR", defaultValue = "target/bench-work",
      description = "Scratch folder for inputs and indexes (default: ${DEFAULT-VALUE}).")
  Path work;

  @Option(names = "--json-dir", paramLabel = "DIR", defaultValue = "target/bench",
      description = "Where the JSON results go (default: ${DEFAULT-VALUE}).")
  Path jsonDir;

  @Option(names = "--threads", paramLabel = "N", description = "Indexing threads (default: one per core).")
  Integer threads;

  @Option(names = "--bare-docs", paramLabel = "N", defaultValue = "1000000",
      description = "Documents held in memory for the bare Lucene loop (default: ${DEFAULT-VALUE}).")
  int bareDocs;

  @Option(names = "--no-baselines", description = "Do not run GoAccess, grep and awk (a quick smoke run).")
  boolean noBaselines;

  @Mixin RulesOptions rules;

  @Override
  public Integer call() throws Exception {
    Benchmark.run(new Benchmark.Settings(input, events, work, threads == null ? IngestConfig.defaultThreads() : threads,
        bareDocs, !noBaselines, rules.rules(), jsonDir), spec.commandLine().getOut(), m -> {
          spec.commandLine().getErr().println("bench: " + m);
          spec.commandLine().getErr().flush();
        });
    return ExitCodes.OK;
  }
}
