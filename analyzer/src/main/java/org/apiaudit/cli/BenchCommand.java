package org.apiaudit.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.apiaudit.ExitCodes;
import org.apiaudit.bench.Benchmark;
import org.apiaudit.bench.FuzzHarness;
import org.apiaudit.bench.HighCardinalityLog;
import org.apiaudit.bench.TrafficShape;
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
      "For each traffic shape (--shape: the simulator's traffic; gateway lines whose address, principal, subject"
          + " and request id are unique per line; a public access log repeated with shifted times), or for --input,"
          + " prepares the file and measures on it:"
          + " ingest end to end, plain and gzipped, against a bare Lucene loop adding the same documents (the"
          + " ceiling) and GoAccess parsing it, each ingest step in a fresh JVM with this JVM's heap size and"
          + " collector, as `analyzer ingest` runs; ingest with --codec best_speed (LZ4) beside the default;"
          + " the heap ingest keeps alive, in a JVM capped at -Xmx1000m;"
          + " the full rule pack against an awk|sort|uniq pipeline computing the"
          + " per-IP distinct-subject count; investigator queries (p50/p95) against grep -c; top values over all"
          + " hits; investigate end to end. Prints one table per shape (ours, baseline, how many times better,"
          + " target) and saves them as JSON under --json-dir, keyed by shape. GoAccess is skipped with a reason when it is not installed."
          + " With --engine opensearch --url URL the same input is also ingested into the cluster and the same queries"
          + " run on it (in scratch indices <prefix>-bench-<shape>-*, dropped afterwards), printed in a second table"
          + " against the embedded engine's figures and saved under shapes.<shape>.opensearch.",
      ""
    },
    footer = {"", "Examples:",
      "  analyzer bench                       # about 10M events (~2.3 GB)",
      "  analyzer bench --events 200000 --no-baselines",
      "  analyzer bench --shape sim,high-cardinality,public --events 1000000",
      "  analyzer bench --shape high-cardinality --unique-ip-rate 0.2 --events 1000000",
      "  analyzer bench --input /data/gateway.log --work /data/bench",
      "  analyzer bench --events 300000 --engine opensearch --url http://localhost:9200",
      "  analyzer bench --fuzz 2000000 --fuzz-corpus w3c=/data/iis.log"})
public final class BenchCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--input", paramLabel = "FILE", description = "Benchmark this gateway-format file instead of generating one.")
  Path input;

  @Option(names = "--events", paramLabel = "N", defaultValue = "10000000",
      description = "Lines of each generated shape when no --input is given (default: ${DEFAULT-VALUE}).")
  long events;

  @Option(names = "--shape", paramLabel = "SHAPE", split = ",", defaultValue = "sim",
      description = "Traffic shapes to measure, comma-separated: sim, high-cardinality, public (default: ${DEFAULT-VALUE}).")
  java.util.List<String> shapes;

  @Option(names = "--unique-ip-rate", paramLabel = "R", defaultValue = "1",
      description = "high-cardinality: share of lines with an address no other line has (default: ${DEFAULT-VALUE}).")
  double uniqueIpRate;

  @Option(names = "--unique-principal-rate", paramLabel = "R", defaultValue = "1",
      description = "high-cardinality: share of lines with their own session token (default: ${DEFAULT-VALUE}).")
  double uniquePrincipalRate;

  @Option(names = "--unique-subject-rate", paramLabel = "R", defaultValue = "1",
      description = "high-cardinality: share of lines with their own subject (default: ${DEFAULT-VALUE}).")
  double uniqueSubjectRate;

  @Option(names = "--unique-request-id-rate", paramLabel = "R", defaultValue = "1",
      description = "high-cardinality: share of lines with their own request id (default: ${DEFAULT-VALUE}).")
  double uniqueRequestIdRate;

  @Option(names = "--public-log", paramLabel = "FILE", defaultValue = "analyzer/src/test/resources/external/apache_logs",
      description = "public: the Combined Log Format file to repeat (default: ${DEFAULT-VALUE}, see NOTICE).")
  Path publicLog;

  @Option(names = "--work", paramLabel = "DIR", defaultValue = "target/bench-work",
      description = "Scratch folder for inputs and indexes (default: ${DEFAULT-VALUE}).")
  Path work;

  @Option(names = "--json-dir", paramLabel = "DIR", defaultValue = "target/bench",
      description = "Where the JSON results go (default: ${DEFAULT-VALUE}).")
  Path jsonDir;

  @Option(names = "--threads", paramLabel = "N", description = "Indexing threads (default: one per core).")
  Integer threads;

  @Option(names = "--bare-docs", paramLabel = "N", defaultValue = "1000000",
      description = "Documents held in memory for the bare Lucene loop; ingest is timed again over the same"
          + " first N lines when the input has more (default: ${DEFAULT-VALUE}).")
  int bareDocs;

  @Option(names = "--no-baselines", description = "Do not run GoAccess, grep and awk (a quick smoke run).")
  boolean noBaselines;

  @Option(names = "--fuzz", paramLabel = "N",
      description = "Instead of the suite: fuzz ingest with about N mutated lines of every format (identifiers planted in"
          + " every field) and check no crash, every line an event or a reject, no clear identifier in the index,"
          + " rejects or summary. Exits 1 when any check fails.")
  Long fuzz;

  @Option(names = "--fuzz-corpus", paramLabel = "FORMAT=FILE",
      description = "More seed lines for --fuzz: the first 5000 lines of FILE, read as FORMAT (repeatable).")
  java.util.List<String> fuzzCorpora = new java.util.ArrayList<>();

  @Option(names = "--seed", paramLabel = "N", description = "Seed of --fuzz (default: random, printed).")
  Long seed;

  @Mixin RulesOptions rules;

  /** --engine opensearch --url: the same shape measured on a cluster too, next to the embedded engine. */
  @Mixin EngineOptions engine;

  @Override
  public Integer call() throws Exception {
    if (fuzz != null) {
      return fuzz();
    }
    if (events < 1) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--events must be at least 1; got: " + events);
    }
    java.util.List<TrafficShape> chosen = new java.util.ArrayList<>();
    HighCardinalityLog.Rates rates;
    try {
      for (String name : shapes) {
        chosen.add(TrafficShape.of(name));
      }
      rates = new HighCardinalityLog.Rates(uniqueIpRate, uniquePrincipalRate, uniqueSubjectRate, uniqueRequestIdRate);
    } catch (IllegalArgumentException e) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    if (input == null && chosen.contains(TrafficShape.PUBLIC) && !java.nio.file.Files.isReadable(publicLog)) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(),
          "--public-log: cannot read " + publicLog + " (run from the project folder or name the file)");
    }
    Benchmark.run(new Benchmark.Settings(input, chosen, events, rates, publicLog, work,
        threads == null ? IngestConfig.defaultThreads() : threads, bareDocs, !noBaselines, rules.rules(), jsonDir,
        engine.kind() == org.apiaudit.engine.EngineKind.OPENSEARCH
            ? new org.apiaudit.bench.ClusterBenchmark.Target(engine.connection(), engine.layout().prefix()) : null),
        spec.commandLine().getOut(), m -> {
          spec.commandLine().getErr().println("bench: " + m);
          spec.commandLine().getErr().flush();
        });
    return ExitCodes.OK;
  }

  private int fuzz() throws java.io.IOException {
    if (fuzz < 1) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--fuzz must be at least 1; got: " + fuzz);
    }
    java.util.List<FuzzHarness.Corpus> more = new java.util.ArrayList<>();
    for (String c : fuzzCorpora) {
      int eq = c.indexOf('=');
      if (eq < 1 || eq == c.length() - 1) {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(),
            "--fuzz-corpus must be FORMAT=FILE; got: " + c);
      }
      try {
        more.add(FuzzHarness.Corpus.of(c.substring(0, eq), Path.of(c.substring(eq + 1)), 5000));
      } catch (java.io.IOException e) {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(),
            "--fuzz-corpus: cannot read " + c.substring(eq + 1) + ": " + e.getMessage());
      }
    }
    long s = seed != null ? seed : new java.util.Random().nextLong();
    Path dir = work.resolve("fuzz-" + s);
    FuzzHarness.Result r = FuzzHarness.withBuiltInCorpora(more, s).run(fuzz, dir, m -> {
      spec.commandLine().getErr().println("bench: " + m);
      spec.commandLine().getErr().flush();
    });
    var out = spec.commandLine().getOut();
    out.println("fuzz " + r);
    r.problems().forEach(p -> out.println("  problem: " + p));
    r.leaks().forEach(l -> out.println("  leak: " + l));
    out.flush();
    return r.clean() ? ExitCodes.OK : ExitCodes.SOFTWARE;
  }
}
