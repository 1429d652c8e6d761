package org.apiaudit.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.PointValues;
import org.apiaudit.ExitCodes;
import org.apiaudit.output.Escaping;
import org.apiaudit.index.IndexManifest;
import org.apiaudit.index.SourceFile;
import org.apiaudit.schema.Field;
import org.apiaudit.search.EventSearcher;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code analyzer stats}: what an index holds. */
@Command(name = "stats", mixinStandardHelpOptions = true,
    header = "Describe an index: its files, events, time range, channels and size.",
    description = {"Reads the manifest the index keeps with its commits; '--fields' lists the schema.", ""},
    footer = {"", "Examples:", "  analyzer stats -i idx", "  analyzer stats --fields",
      "  analyzer stats -i idx -o json",
      "  analyzer stats --opensearch-mapping > mapping.json"})
public final class StatsCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin IndexOptions index;
  @Mixin OutputOptions output;
  @Mixin ZoneOptions tz;

  @Option(names = "--fields", description = "List the event schema (field names, aliases, types) instead.")
  boolean fields;

  @Option(names = "--opensearch-mapping", description = "Print the schema as an OpenSearch 2.x index mapping (JSON).")
  boolean openSearchMapping;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    if (openSearchMapping) {
      out.println(new com.fasterxml.jackson.databind.ObjectMapper().writerWithDefaultPrettyPrinter()
          .writeValueAsString(org.apiaudit.schema.OpenSearchMapping.mappings()));
      out.flush();
      return ExitCodes.OK;
    }
    if (fields) {
      printFields(out);
      out.flush();
      return ExitCodes.OK;
    }
    try (EventSearcher searcher = EventSearcher.open(index.index())) {
      IndexManifest m = searcher.manifest();
      java.time.format.DateTimeFormatter iso = org.apiaudit.index.Instants.isoMillis(
          tz.resolve(index.index()));
      tz.announce(spec.commandLine().getErr());
      // the events' own range, not the files' records: after a purge the records outlive the events
      long[] range = liveTimeRange(searcher.reader());
      long first = range[0];
      long last = range[1];
      org.apiaudit.output.OutputFormat format = output.formatOrTable();
      if (format.machine()) {
        printMachine(out, format, searcher, m, first, last, iso);
        out.flush();
        return ExitCodes.OK;
      }
      out.printf("index        %s%n", index.index().toAbsolutePath());
      out.printf("events       %d%n", searcher.reader().numDocs());
      long purged = m.files().stream().filter(SourceFile::purged).count();
      out.printf("files        %d%s%n", m.files().size(), purged == 0 ? "" : " (" + purged + " purged: their events are"
          + " gone; ingest them again to restore them)");
      out.printf("time range   %s .. %s%n", first < 0 ? "-" : iso.format(Instant.ofEpochMilli(first)),
          last < 0 ? "-" : iso.format(Instant.ofEpochMilli(last)));
      out.printf("size on disk %.1f MB (codec %s)%n", sizeOf(index.index()) / 1e6,
          org.apiaudit.index.IndexCodec.of(index.index()).label());
      out.printf("schema       v%s, key fingerprint %s%n", m.schemaVersion(), m.keyFingerprint());
      out.printf("channels     %s%n", channels(searcher));
      out.println();
      out.println("files:");
      for (SourceFile f : m.files()) {
        out.printf("  %s  %s  %d bytes  %d lines  %d events%s  %d rejected  sha256 %s%n",
            Escaping.terminal(f.path()), f.format(), f.size(), f.lines(), f.events(),
            f.purged() ? " (purged " + iso.format(Instant.ofEpochMilli(f.purgedAt())) + ")" : "", f.rejected(), f.sha256());
      }
    }
    out.flush();
    return ExitCodes.OK;
  }

  /**
   * Earliest and latest time of the events that remain ({@code -1} when none). Points are
   * exact while nothing was deleted; after a purge they still hold the deleted events' times
   * until segments merge, so the live events' doc values are read instead.
   */
  private static long[] liveTimeRange(org.apache.lucene.index.DirectoryReader reader) throws IOException {
    String ts = Field.TIMESTAMP.fieldName();
    if (!reader.hasDeletions()) {
      byte[] min = PointValues.getMinPackedValue(reader, ts);
      byte[] max = PointValues.getMaxPackedValue(reader, ts);
      return new long[] {min == null ? -1 : LongPoint.decodeDimension(min, 0),
          max == null ? -1 : LongPoint.decodeDimension(max, 0)};
    }
    long first = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;
    for (org.apache.lucene.index.LeafReaderContext leaf : reader.leaves()) {
      org.apache.lucene.util.Bits live = leaf.reader().getLiveDocs();
      org.apache.lucene.index.NumericDocValues values = org.apache.lucene.index.DocValues.getNumeric(leaf.reader(), ts);
      for (int doc = values.nextDoc(); doc != org.apache.lucene.search.DocIdSetIterator.NO_MORE_DOCS;
          doc = values.nextDoc()) {
        if (live == null || live.get(doc)) {
          first = Math.min(first, values.longValue());
          last = Math.max(last, values.longValue());
        }
      }
    }
    return first > last ? new long[] {-1, -1} : new long[] {first, last};
  }

  /**
   * The index for programs: JSON and JSON lines give one object (the summary with its files), CSV
   * one row per file, since a summary has no rows.
   */
  private void printMachine(PrintWriter out, org.apiaudit.output.OutputFormat format, EventSearcher searcher,
      IndexManifest m, long first, long last, java.time.format.DateTimeFormatter iso) throws IOException {
    List<String> columns = List.of("path", "format", "bytes", "lines", "events", "rejected", "sha256", "purgedAt");
    if (format == org.apiaudit.output.OutputFormat.CSV) {
      try (org.apiaudit.output.RowWriter rows = new org.apiaudit.output.RowWriter(format, out, columns)) {
        for (SourceFile f : m.files()) {
          rows.row(f.path(), f.format(), f.size(), f.lines(), f.events(), f.rejected(), f.sha256(),
              f.purged() ? iso.format(Instant.ofEpochMilli(f.purgedAt())) : null);
        }
      }
      return;
    }
    Map<String, Object> o = new java.util.LinkedHashMap<>();
    o.put("index", index.index().toAbsolutePath().toString());
    o.put("events", searcher.reader().numDocs());
    o.put("first", first < 0 ? null : iso.format(Instant.ofEpochMilli(first)));
    o.put("last", last < 0 ? null : iso.format(Instant.ofEpochMilli(last)));
    o.put("sizeBytes", sizeOf(index.index()));
    o.put("codec", org.apiaudit.index.IndexCodec.of(index.index()).label());
    o.put("schemaVersion", m.schemaVersion());
    o.put("keyFingerprint", m.keyFingerprint());
    List<Map<String, Object>> files = new java.util.ArrayList<>();
    for (SourceFile f : m.files()) {
      Map<String, Object> r = new java.util.LinkedHashMap<>();
      Object[] values = {f.path(), f.format(), f.size(), f.lines(), f.events(), f.rejected(), f.sha256(),
          f.purged() ? iso.format(Instant.ofEpochMilli(f.purgedAt())) : null};
      for (int i = 0; i < columns.size(); i++) {
        r.put(columns.get(i), values[i]);
      }
      files.add(r);
    }
    o.put("files", files);
    com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
    out.println(format == org.apiaudit.output.OutputFormat.JSON
        ? json.writerWithDefaultPrettyPrinter().writeValueAsString(o) : json.writeValueAsString(o));
  }

  private static String channels(EventSearcher searcher) {
    StringBuilder sb = new StringBuilder();
    for (Map.Entry<String, Long> e : searcher.topValues(EventSearcher.all(), Field.AUTH_TYPE, 10)) {
      sb.append(sb.length() == 0 ? "" : ", ").append(Escaping.terminal(e.getKey())).append(' ').append(e.getValue());
    }
    return sb.length() == 0 ? "(no auth fields in these logs)" : sb.toString();
  }

  private static void printFields(PrintWriter out) {
    out.printf("%-30s %-8s %-10s %s%n", "field", "type", "group-by", "aliases");
    for (Field f : Field.values()) {
      out.printf("%-30s %-8s %-10s %s%n", f.fieldName(), f.type().name().toLowerCase(java.util.Locale.ROOT),
          f.hasDocValues() ? "yes" : "no", String.join(", ", f.aliases()));
    }
  }

  private static long sizeOf(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      List<Path> list = files.toList();
      long total = 0;
      for (Path p : list) {
        total += Files.size(p);
      }
      return total;
    }
  }
}
