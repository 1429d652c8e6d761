package org.apiaudit.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.apache.lucene.search.Query;
import org.apiaudit.index.EventIndex;
import org.apiaudit.output.Escaping;
import org.apiaudit.privacy.Pseudonymizer;
import org.apiaudit.UserException;
import org.apiaudit.schema.Field;
import org.apiaudit.engine.EngineKind;
import org.apiaudit.engine.opensearch.OpenSearchSearcher;
import org.apiaudit.search.EventSearcher;
import org.apiaudit.search.SearchEngine;
import org.apiaudit.search.HitWriter;
import org.apiaudit.search.OutputFormat;
import org.apiaudit.search.SchemaQueryParser;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code analyzer search}: Lucene query syntax over the event schema. */
@Command(name = "search", mixinStandardHelpOptions = true,
    header = "Search the index with Lucene query syntax.",
    description = {
      "Prints matching events in time order as a table (on a terminal), JSON lines or CSV.",
      "Fields are schema names or aliases (ip, subnet, method, path, query, template, class, status, bytes,"
          + " latency, ua, ua_text, auth, principal, subject, file, line, time); 'analyzer stats --fields'"
          + " lists them all. IPs take CIDR ranges; numbers and time take [A TO B] ranges; ua_text matches"
          + " words and phrases. Subjects are pseudonyms: a clear subject:VALUE is pseudonymised with the case"
          + " key (--key; it must be the index's), or get one with 'analyzer pseudonymize'.",
      ""
    },
    footer = {"", "Examples:",
      "  analyzer search -i idx 'ip:203.0.113.7'",
      "  analyzer search -i idx 'ip:203.0.113.0/24 AND status:[400 TO 499]' --from 2023-06-08",
      "  analyzer search -i idx 'principal:vacc-1042 AND class:record-returning' -o jsonl",
      "  analyzer search -i idx 'ua_text:\"python requests\"' --top ip",
      "  analyzer search -i idx 'class:record-returning' --top ip --distinct subject",
      "  analyzer search -i idx 'path:/api/v2/partner/*' --histogram --interval 1h",
      "  analyzer search -i idx 'subject:9876543210'",
      "  analyzer search -i idx \"subject:$(analyzer pseudonymize -i idx 9876543210)\""},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:done",
      "1:internal error (a bug)",
      "2:bad query or option, no index, a key that does not match the index, or a damaged index"})
public final class SearchCommand implements Callable<Integer> {
  /**
   * Most rows a histogram prints; a longer span widens the interval (with a note on stderr), so
   * one stray event decades away cannot make the command print for hours.
   */
  static final long MAX_HISTOGRAM_ROWS = 1000;

  @Spec CommandSpec spec;
  @Mixin IndexOptions index;
  @Mixin EngineOptions engine;
  @Mixin TimeRangeOptions range;

  @Parameters(index = "0", paramLabel = "QUERY", defaultValue = "*:*",
      description = "Lucene query (default: every event).")
  String query;

  @Option(names = {"-o", "--output"}, paramLabel = "FORMAT",
      description = "table, jsonl or csv (default: table on a terminal, else jsonl).")
  OutputFormat output;

  @Option(names = {"-n", "--limit"}, paramLabel = "N",
      description = "Print at most N events (default: 100 for a table, all for jsonl/csv; 0 = all).")
  Long limit;

  @Option(names = "--top", paramLabel = "FIELD",
      description = "Instead of events, print the top values of FIELD over all hits, with counts and shares.")
  String top;

  @Option(names = "--distinct", paramLabel = "FIELD",
      description = "With --top: rank by the number of distinct values of FIELD instead of events, e.g."
          + " --top ip --distinct subject (how many people each address read about).")
  String distinct;

  @Option(names = "--top-n", paramLabel = "N", defaultValue = "20", description = "How many top values (default: ${DEFAULT-VALUE}).")
  int topN;

  @Option(names = "--histogram", description = "Instead of events, print hit counts per time bucket.")
  boolean histogram;

  @Option(names = "--interval", paramLabel = "DURATION",
      description = "Histogram bucket, e.g. 5m, 1h, 1d (default: chosen for about 50 buckets).")
  String interval;

  @Option(names = "--tz", paramLabel = "ZONE", defaultValue = "UTC",
      description = "Time zone for printed times and for --from/--to given without one, e.g. Asia/Kolkata"
          + " (default: ${DEFAULT-VALUE}).")
  ZoneId zone;

  private Pseudonymizer pseudonymizer;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    if (topN < 1) {
      throw new UserException("--top-n must be at least 1; got: " + topN);
    }
    if (limit != null && limit < 0) {
      throw new UserException("--limit must be 0 (all) or more; got: " + limit);
    }
    if (distinct != null && top == null) {
      throw new UserException("--distinct ranks the values of --top; add --top FIELD (e.g. --top ip --distinct subject)");
    }
    Query q = EventSearcher.withTimeRange(new SchemaQueryParser(this::pseudonym).parseQuery(query),
        range.fromMillis(zone), range.toMillis(zone));
    try (SearchEngine searcher = openEngine()) {
      if (top != null) {
        printTop(out, searcher, q);
      } else if (histogram) {
        printHistogram(out, searcher, q);
      } else {
        printHits(out, searcher, q);
      }
    }
    out.flush();
    return ExitCodes.OK;
  }

  /**
   * The pseudonym of a clear {@code subject:} value, with the case key checked against the index
   * (loaded on the first such value only: a search for pseudonyms needs no key).
   */
  private String pseudonym(String clear) {
    if (pseudonymizer == null) {
      if (engine.kind() == EngineKind.OPENSEARCH) {
        try (SearchEngine cluster = openEngine()) {
          pseudonymizer = new Pseudonymizer(cluster.manifest().requireKey(index.keyFile(), index.index()));
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      } else {
        pseudonymizer = new Pseudonymizer(EventIndex.readManifest(index.index()).requireKey(index.keyFile(), index.index()));
      }
    }
    return pseudonymizer.pseudonym(clear);
  }

  /** The embedded index, or the cluster with {@code --engine opensearch}. */
  private SearchEngine openEngine() {
    if (engine.kind() == EngineKind.OPENSEARCH) {
      PrintWriter err = spec.commandLine().getErr();
      return OpenSearchSearcher.open(engine.connection(), engine.layout(), note -> err.println("analyzer: " + note));
    }
    return EventSearcher.open(index.index());
  }

  private void printHits(PrintWriter out, SearchEngine searcher, Query q) {
    OutputFormat format = output != null ? output : (System.console() != null ? OutputFormat.TABLE : OutputFormat.JSONL);
    long max = limit != null ? limit : (format == OutputFormat.TABLE ? 100 : 0);
    long cap = max == 0 ? Long.MAX_VALUE : max;
    long shown;
    try (HitWriter writer = new HitWriter(format, out, zone)) {
      shown = searcher.stream(q, cap, format != OutputFormat.TABLE, hit -> {
        writer.write(hit);
        return true;
      });
    }
    if (shown == cap) {
      long total = searcher.count(q);
      if (total > shown) {
        spec.commandLine().getErr().printf("%d of %d matching events shown; use --limit 0 for all%n", shown, total);
      }
    }
  }

  private void printTop(PrintWriter out, SearchEngine searcher, Query q) {
    Field field = Field.byName(top);
    if (field == null || !field.hasDocValues()) {
      throw new UserException("--top needs a field with doc values (e.g. ip, principal, ua, template, status); got: " + top);
    }
    long total = searcher.count(q);
    if (distinct != null) {
      printTopByDistinct(out, searcher, q, field, total);
      return;
    }
    List<Map.Entry<String, Long>> values = searcher.topValues(q, field, topN);
    out.printf("%s over %d matching events%n", field.fieldName(), total);
    int width = values.stream().mapToInt(e -> e.getValue().toString().length()).max().orElse(5);
    for (Map.Entry<String, Long> e : values) {
      double pct = total == 0 ? 0 : 100.0 * e.getValue() / total;
      String value = field == Field.TIMESTAMP ? Instant.ofEpochMilli(Long.parseLong(e.getKey())).toString() : e.getKey();
      out.printf("%" + width + "d  %6.2f%%  %s%n", e.getValue(), pct, Escaping.terminal(value));
    }
  }

  private void printTopByDistinct(PrintWriter out, SearchEngine searcher, Query q, Field field, long total) {
    Field by = Field.byName(distinct);
    if (!field.hasSortedDocValues() || by == null || !by.hasSortedDocValues()) {
      throw new UserException("--top with --distinct needs keyword or IP fields with doc values (e.g. --top ip"
          + " --distinct subject); got: --top " + top + " --distinct " + distinct);
    }
    List<Map.Entry<String, Long>> values = searcher.topByDistinct(q, field, by, topN);
    out.printf("%s by distinct %s over %d matching events%n", field.fieldName(), by.fieldName(), total);
    int width = values.stream().mapToInt(e -> e.getValue().toString().length()).max().orElse(5);
    for (Map.Entry<String, Long> e : values) {
      out.printf("%" + width + "d  %s%n", e.getValue(), Escaping.terminal(e.getKey()));
    }
  }

  private void printHistogram(PrintWriter out, SearchEngine searcher, Query q) {
    long bucket = interval != null ? Durations.parseMillis(interval) : autoInterval(searcher);
    TreeMap<Long, Long> counts = searcher.histogram(q, bucket);
    if (!counts.isEmpty()) {
      long rows = rows(counts, bucket);
      if (rows > MAX_HISTOGRAM_ROWS) {
        // one row fewer than the cap: the wider buckets may not line up with the first hit
        long widened = Math.multiplyExact(bucket, (rows + MAX_HISTOGRAM_ROWS - 2) / (MAX_HISTOGRAM_ROWS - 1));
        spec.commandLine().getErr().printf("analyzer: the hits span %d buckets of %s; showing buckets of %s"
            + " (at most %d rows)%n", rows, Duration.ofMillis(bucket), Duration.ofMillis(widened), MAX_HISTOGRAM_ROWS);
        counts = rebucket(counts, widened);
        bucket = widened;
      }
    }
    long max = counts.values().stream().mapToLong(Long::longValue).max().orElse(0);
    java.time.format.DateTimeFormatter fmt = java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME.withZone(zone);
    if (!counts.isEmpty()) {
      long first = counts.firstKey();
      long rows = rows(counts, bucket);
      for (long i = 0; i < rows; i++) {
        long t = first + i * bucket;
        long c = counts.getOrDefault(t, 0L);
        int bar = max == 0 ? 0 : (int) Math.round(40.0 * c / max);
        out.printf("%s  %10d  %s%n", fmt.format(Instant.ofEpochMilli(t)), c, "#".repeat(bar));
      }
    }
  }

  /** Rows from the first to the last bucket of {@code counts}, computed without overflow. */
  private static long rows(TreeMap<Long, Long> counts, long bucket) {
    // bucket keys are multiples of bucket, so the difference is exact unless the span overflows
    long span = counts.lastKey() / bucket - counts.firstKey() / bucket;
    return span + 1;
  }

  /** {@code counts} summed into buckets of {@code bucket} (a multiple of their own width). */
  static TreeMap<Long, Long> rebucket(TreeMap<Long, Long> counts, long bucket) {
    TreeMap<Long, Long> out = new TreeMap<>();
    counts.forEach((t, c) -> out.merge(Math.floorDiv(t, bucket) * bucket, c, Long::sum));
    return out;
  }

  private long autoInterval(SearchEngine searcher) {
    long from = Long.MAX_VALUE;
    long to = Long.MIN_VALUE;
    for (var f : searcher.manifest().files()) {
      if (f.firstEvent() >= 0) {
        from = Math.min(from, f.firstEvent());
        to = Math.max(to, f.lastEvent());
      }
    }
    Long rf = range.fromMillis(zone);
    Long rt = range.toMillis(zone);
    if (rf != null) {
      from = Math.max(from, rf);
    }
    if (rt != null) {
      to = Math.min(to, rt);
    }
    long span = Math.max(1, to - from);
    for (Duration d : List.of(Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(15), Duration.ofHours(1),
        Duration.ofHours(3), Duration.ofHours(6), Duration.ofDays(1))) {
      if (span / d.toMillis() <= 60) {
        return d.toMillis();
      }
    }
    return Duration.ofDays(7).toMillis();
  }
}
