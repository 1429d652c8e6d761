package org.apiaudit.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apiaudit.ExitCodes;
import org.apiaudit.UserException;
import org.apiaudit.ingest.EndpointTable;
import org.apiaudit.ingest.EventNormalizer;
import org.apiaudit.ingest.IngestConfig;
import org.apiaudit.ingest.IngestSummary;
import org.apiaudit.ingest.Ingestor;
import org.apiaudit.ingest.LineReader;
import org.apiaudit.ingest.ProgressListener;
import org.apiaudit.ingest.format.FormatChoice;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code analyzer ingest}: log files into the pseudonymised index. */
@Command(name = "ingest", mixinStandardHelpOptions = true,
    header = "Read access-log files into the pseudonymised index.",
    description = {
      "Reads files, folders (walked recursively) or '-' (standard input); .gz is detected by "
          + "content (multi-member files too). Each file's format is detected from its first lines: "
          + "gateway, combined, common, gateway-json, siem-csv, w3c and more (see --format). Mobile, "
          + "Aadhaar and reference numbers are replaced by keyed pseudonyms before anything is "
          + "written. Ingest is idempotent by content (the SHA-256 of the decompressed lines): a file "
          + "already in the index, compressed or not, is skipped ('already ingested as ...'), a log that "
          + "grew adds only its new lines, and a file whose events were purged is restored. Lines that cannot be parsed are counted, listed and written "
          + "to the rejects file; the rest is still ingested.",
      ""
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:every input ingested (or skipped as already ingested)",
      "2:usage error (bad option, unknown format, bad key file)",
      "4:some inputs could not be read; the others were ingested",
      "5:the index is in use by another analyzer process"},
    footer = {"", "Examples:",
      "  analyzer ingest sample-logs/incident-2023-06 -i case/index",
      "  zcat gateway.log.gz | analyzer ingest - -i case/index --format gateway",
      "  analyzer ingest edge/ --log-format '$remote_addr - [$time_local] \"$request\"'",
      "  analyzer ingest caddy.json -i case/index --mapping my-gateway.json --json"})
public final class IngestCommand implements Callable<Integer> {
  /** The preset names, for --help (a test checks it against FormatRegistry.names()). */
  static final String FORMAT_NAMES =
      "gateway, combined, common, vhost-combined, nginx-error, gateway-json, caddy, traefik, envoy, siem-csv, "
          + "apache-csv, w3c";

  @Spec CommandSpec spec;
  @Mixin VerbosityOptions verbosity;
  @Mixin IndexOptions index;
  @Mixin KeyOptions key;
  @Mixin EngineOptions engine;
  @Mixin CodecOptions codec;

  @Parameters(paramLabel = "PATH", arity = "1..*", description = "Log files, folders, or '-' for standard input.")
  List<String> paths = new ArrayList<>();

  @Option(names = {"-f", "--format"}, paramLabel = "NAME",
      description = "Read every input as this format instead of detecting it: " + IngestCommand.FORMAT_NAMES
          + "; syslog+NAME for any of them inside syslog records.")
  String format;

  @Option(names = "--log-format", paramLabel = "STRING",
      description = "An nginx log_format string describing the inputs, e.g. '$remote_addr ... \"$http_user_agent\"'.")
  String logFormat;

  @Option(names = "--mapping", paramLabel = "FILE",
      description = "A JSON-lines or CSV field mapping file (see README: formats).")
  Path mapping;

  @Mixin ZoneOptions tz;

  @Option(names = "--endpoints", paramLabel = "FILE",
      description = "Endpoint table (template and class per path) for your API; default: the built-in table.")
  Path endpoints;

  @Option(names = "--identifier-params", paramLabel = "NAME", split = ",",
      description = "Query parameters holding personal identifiers (default: ${DEFAULT-VALUE}).",
      defaultValue = "mobile,aadhaar,beneficiary_reference_id,beneficiaryId,beneficiary_id,phone")
  List<String> identifierParams;

  @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: one per core).")
  Integer threads;

  @Option(names = "--rejects", paramLabel = "FILE",
      description = "Append rejected lines here (default: the index folder's path + '-rejects.tsv'); not '-':"
          + " standard output carries the summary, and the file is kept owner-only.")
  OutputFile rejects;

  @Option(names = "--replicas", paramLabel = "N", defaultValue = "1",
      description = "With --engine opensearch: replica shards of new daily indices (default: ${DEFAULT-VALUE}; 0 on one node).")
  int replicas;

  @Option(names = "--json", description = "Print the summary as one JSON object on standard output.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    if (threads != null && threads < 1) {
      throw new UserException("--threads must be at least 1; got: " + threads);
    }
    boolean cluster = engine.kind() == org.apiaudit.engine.EngineKind.OPENSEARCH;
    tz.resolve(cluster ? null : index.index());
    IngestConfig config = new IngestConfig(
        FormatChoice.of(format, logFormat, mapping, tz.zone()),
        endpoints == null ? EndpointTable.defaults() : EndpointTable.load(endpoints),
        identifierParams == null ? EventNormalizer.DEFAULT_IDENTIFIER_PARAMS : identifierParams,
        threads == null ? IngestConfig.defaultThreads() : threads,
        LineReader.DEFAULT_MAX_LINE_BYTES,
        rejects != null ? rejects.requireFile("--rejects", "standard output carries the ingest summary, and rejected"
            + " lines are kept in an owner-only file") : Ingestor.defaultRejectsFile(index.index())).withCaseZone(tz.given()).withCodec(codec.codec());
    PrintWriter err = spec.commandLine().getErr();
    ProgressListener progress = Progress.forTerminal(err, verbosity);
    IngestSummary summary;
    if (cluster) {
      try (var store = engine.openStore(replicas, codec.codec())) {
        summary = Ingestor.run(store, key.file(index.index()), paths, config, progress,
            msg -> err.println("analyzer: " + msg));
      }
    } else {
      summary = Ingestor.run(index.index(), key.file(index.index()), paths, config,
          progress, msg -> err.println("analyzer: " + msg));
    }
    Progress.end(progress, err);
    tz.announce(err);
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(SummaryPrinter.json(summary));
    } else {
      SummaryPrinter.print(summary, out, spec.commandLine().getErr());
    }
    out.flush();
    return summary.hasFailures() ? ExitCodes.INPUT_ERROR : ExitCodes.OK;
  }
}
