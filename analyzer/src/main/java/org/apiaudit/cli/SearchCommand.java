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
import org.apiaudit.Durations;
import org.apiaudit.ExitCodes;
import org.apiaudit.index.EventIndex;
import org.apiaudit.output.Escaping;
import org.apiaudit.privacy.Pseudonymizer;
import org.apiaudit.UserException;
import org.apiaudit.schema.Field;
import org.apiaudit.engine.EngineKind;
import org.apiaudit.engine.opensearch.OpenSearchSearcher;
import org.apiaudit.search.EventSearcher;
import org.apiaudit.search.HistogramInterval;
import org.apiaudit.search.SearchEngine;
import org.apiaudit.search.HitWriter;
import org.apiaudit.output.OutputFormat;
import org.apiaudit.output.RowWriter;
import org.apiaudit.index.Instants;
import org.apiaudit.search.SavedSearches;
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
      "  analyzer search 'ip:203.0.113.0/24 AND status:[400 TO 499]' --from 2023-06-08",
      "  analyzer search 'principal:vacc-1042 AND class:record-returning' -o jsonl",
      "  analyzer search -i idx 'ua_text:\"python requests\"' --top ip",
      "  analyzer search -i idx 'class:record-returning' --top ip --distinct subject",
      "  analyzer search -i idx 'path:/api/v2/partner/*' --histogram --interval 1h",
      "  analyzer search -i idx 'subject:9876543210'",
      "  analyzer search -i idx --saved 'night partner lookups' -o csv",
      "  analyzer search \"subject:$(analyzer pseudonymize 9876543210)\"",
      "  analyzer search --from 2023-06-10T11:00 --tz Asia/Kolkata -n 20"},
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
  @Mixin KeyOptions key;
  @Mixin EngineOptions engine;
  @Mixin TimeRangeOptions range;

  @Parameters(index = "0", paramLabel = "QUERY", arity = "0..1",
      description = "Lucene query (default: every event, or the --saved search's).")
  String query;

  @Mixin OutputOptions output;

  @Option(names = "--saved", paramLabel = "NAME",
      description = "Run the search saved under NAME in the web UI ('analyzer serve'; kept in <index>.searches.json"
          + " beside the index): its query and time range, unless QUERY, --from or --to are given.")
  String saved;

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
    if (interval != null && !histogram) {
      throw new UserException("--interval sets the bucket of --histogram; add --histogram (or drop --interval)");
    }
    if (top != null && histogram) {
      throw new UserException("--top and --histogram are two views; choose one");
    }
    if (distinct != null && top == null) {
      throw new UserException("--distinct ranks the values of --top; add --top FIELD (e.g. --top ip --distinct subject)");
    }
    if (saved != null) {
      SavedSearches.SavedSearch s = SavedSearches.besideIndex(index.index()).get(saved);
      query = query != null ? query : s.query();
      range.defaults(s.from(), s.to());
    }
    range.resolveZone(engine.kind() == EngineKind.OPENSEARCH ? null : index.index());
    range.window();
    Query q = EventSearcher.withTimeRange(new SchemaQueryParser(this::pseudonym).parseQuery(query == null ? "*:*" : query),
        range.fromMillis(), range.toMillis());
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
    range.announceZone(spec.commandLine().getErr());
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
          pseudonymizer = new Pseudonymizer(cluster.manifest().requireKey(key.file(index.index()), index.index()));
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      } else {
        pseudonymizer = new Pseudonymizer(EventIndex.readManifest(index.index()).requireKey(key.file(index.index()), index.index()));
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
    OutputFormat format = output.format();
    long max = limit != null ? limit : (format == OutputFormat.TABLE ? 100 : 0);
    long cap = max == 0 ? Long.MAX_VALUE : max;
    long shown;
    try (HitWriter writer = new HitWriter(format, out, range.zone())) {
      shown = searcher.stream(q, cap, format != OutputFormat.TABLE, hit -> {
        writer.write(hit);
        return true;
      });
    }
    if (shown == 0) {
      spec.commandLine().getErr().println("0 events");
    } else if (shown == cap) {
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
    OutputFormat format = output.formatOrTable();
    if (format.machine()) {
      try (RowWriter rows = new RowWriter(format, out, List.of(field.fieldName(), "events", "share"))) {
        for (Map.Entry<String, Long> e : values) {
          rows.row(topValue(field, e.getKey()), e.getValue(), total == 0 ? 0.0 : (double) e.getValue() / total);
        }
      }
      return;
    }
    out.printf("%s over %d matching events%n", field.fieldName(), total);
    int width = values.stream().mapToInt(e -> e.getValue().toString().length()).max().orElse(5);
    for (Map.Entry<String, Long> e : values) {
      double pct = total == 0 ? 0 : 100.0 * e.getValue() / total;
      out.printf("%" + width + "d  %6.2f%%  %s%n", e.getValue(), pct, Escaping.terminal(topValue(field, e.getKey())));
    }
  }

  private String topValue(Field field, String value) {
    return field == Field.TIMESTAMP ? Instants.isoMillis(range.zone()).format(Instant.ofEpochMilli(Long.parseLong(value)))
        : value;
  }

  private void printTopByDistinct(PrintWriter out, SearchEngine searcher, Query q, Field field, long total) {
    Field by = Field.byName(distinct);
    if (!field.hasSortedDocValues() || by == null || !by.hasSortedDocValues()) {
      throw new UserException("--top with --distinct needs keyword or IP fields with doc values (e.g. --top ip"
          + " --distinct subject); got: --top " + top + " --distinct " + distinct);
    }
    List<Map.Entry<String, Long>> values = searcher.topByDistinct(q, field, by, topN);
    OutputFormat format = output.formatOrTable();
    if (format.machine()) {
      try (RowWriter rows = new RowWriter(format, out, List.of(field.fieldName(), "distinct " + by.fieldName()))) {
        for (Map.Entry<String, Long> e : values) {
          rows.row(e.getKey(), e.getValue());
        }
      }
      return;
    }
    out.printf("%s by distinct %s over %d matching events%n", field.fieldName(), by.fieldName(), total);
    int width = values.stream().mapToInt(e -> e.getValue().toString().length()).max().orElse(5);
    for (Map.Entry<String, Long> e : values) {
      out.printf("%" + width + "d  %s%n", e.getValue(), Escaping.terminal(e.getKey()));
    }
  }

  private void printHistogram(PrintWriter out, SearchEngine searcher, Query q) {
    long bucket = interval != null ? Durations.parseMillis(interval) : autoInterval(searcher);
    ZoneId zone = range.zone();
    // buckets start at the zone's midnights and hours: shift by its offset (at the first hit)
    long shift = zoneShift(searcher, q, zone);
    TreeMap<Long, Long> counts = searcher.histogram(q, bucket, shift);
    if (!counts.isEmpty()) {
      long rows = rows(counts, bucket);
      if (rows > MAX_HISTOGRAM_ROWS) {
        // one row fewer than the cap: the wider buckets may not line up with the first hit
        long widened = Math.multiplyExact(bucket, (rows + MAX_HISTOGRAM_ROWS - 2) / (MAX_HISTOGRAM_ROWS - 1));
        spec.commandLine().getErr().printf("analyzer: the hits span %d buckets of %s; showing buckets of %s"
            + " (at most %d rows)%n", rows, Duration.ofMillis(bucket), Duration.ofMillis(widened), MAX_HISTOGRAM_ROWS);
        counts = rebucket(counts, widened, shift);
        bucket = widened;
      }
    }
    long max = counts.values().stream().mapToLong(Long::longValue).max().orElse(0);
    java.time.format.DateTimeFormatter fmt = Instants.isoMillis(zone);
    OutputFormat format = output.formatOrTable();
    RowWriter machine = format.machine() ? new RowWriter(format, out, List.of("time", "events")) : null;
    if (!counts.isEmpty()) {
      long first = counts.firstKey();
      long rows = rows(counts, bucket);
      for (long i = 0; i < rows; i++) {
        long key = first + i * bucket;
        long c = counts.getOrDefault(key, 0L);
        long t = key;
        if (machine != null) {
          machine.row(fmt.format(Instant.ofEpochMilli(t)), c);
          continue;
        }
        int bar = max == 0 ? 0 : (int) Math.round(40.0 * c / max);
        out.printf("%s  %10d  %s%n", fmt.format(Instant.ofEpochMilli(t)), c, "#".repeat(bar));
      }
    } else {
      spec.commandLine().getErr().println("0 events");
    }
    if (machine != null) {
      machine.close();
    }
  }

  /** The zone's offset at the first hit, in ms: added before bucketing so that buckets start at local midnights. */
  private static long zoneShift(SearchEngine searcher, Query q, ZoneId zone) {
    long[] first = {Long.MIN_VALUE};
    searcher.stream(q, 1, false, hit -> {
      first[0] = hit.timestamp();
      return false;
    });
    Instant at = first[0] == Long.MIN_VALUE ? Instant.EPOCH : Instant.ofEpochMilli(first[0]);
    return zone.getRules().getOffset(at).getTotalSeconds() * 1000L;
  }


  /** Rows from the first to the last bucket of {@code counts}, computed without overflow. */
  private static long rows(TreeMap<Long, Long> counts, long bucket) {
    // bucket keys differ by multiples of bucket; event times lie in 1990..now, so no overflow
    long span = (counts.lastKey() - counts.firstKey()) / bucket;
    return span + 1;
  }

  /**
   * {@code counts} summed into buckets of {@code bucket} (a multiple of their own width), which
   * start at the zone's midnights as theirs do ({@code shift} is the zone's offset).
   */
  static TreeMap<Long, Long> rebucket(TreeMap<Long, Long> counts, long bucket, long shift) {
    TreeMap<Long, Long> out = new TreeMap<>();
    counts.forEach((t, c) -> out.merge(Math.floorDiv(t + shift, bucket) * bucket - shift, c, Long::sum));
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
    Long rf = range.fromMillis();
    Long rt = range.toMillis();
    if (rf != null) {
      from = Math.max(from, rf);
    }
    if (rt != null) {
      to = Math.min(to, rt);
    }
    return HistogramInterval.auto(to - from);
  }
}
