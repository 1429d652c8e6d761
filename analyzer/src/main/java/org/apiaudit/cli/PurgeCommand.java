package org.apiaudit.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.lucene.index.IndexWriter;
import org.apiaudit.UserException;
import org.apiaudit.index.EventIndex;
import org.apiaudit.index.Instants;
import org.apiaudit.nightly.RetentionPurger;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code analyzer purge}: retention — drops old events from the index, never source files. */
@Command(
    name = "purge",
    mixinStandardHelpOptions = true,
    header = "Delete events older than a retention period from the index (source files are never touched).",
    description = {
      "Deletes every event before the cutoff in one commit and reports how many, over what "
          + "time range. Source-file records stay in the index (chain of custody, and so that a file "
          + "still on disk is never ingested again); a file all of whose events are gone is marked "
          + "purged."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:done (also when nothing was old enough)",
      "2:bad option or no index",
      "5:the index is in use by another analyzer process"},
    footer = {"", "Examples:", "  analyzer purge --index /var/lib/apiaudit/index --older-than 180d",
      "  analyzer purge --index case/index --before 2023-01-01 --json"})
public final class PurgeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = {"-i", "--index"}, required = true, paramLabel = "DIR", description = "The index folder.")
  Path index;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Cutoff cutoff;

  @Option(names = "--json", description = "Print the result as one JSON object.")
  boolean json;

  /** Either a retention period or a fixed time. */
  static final class Cutoff {
    @Option(names = "--older-than", paramLabel = "DURATION", description = "Retention, e.g. 180d: events older are deleted.")
    String olderThan;

    @Option(names = "--before", paramLabel = "TIME", description = "Delete events before TIME (ISO-8601 or a date).")
    String before;
  }

  @Override
  public Integer call() throws Exception {
    long now = System.currentTimeMillis();
    long at = cutoff.olderThan != null ? now - Durations.parseMillis(cutoff.olderThan) : Instants.parse(cutoff.before);
    if (!Files.isDirectory(index)) {
      throw new UserException("no index at " + index);
    }
    RetentionPurger.Result r;
    try (IndexWriter writer = EventIndex.openWriter(index)) {
      r = new RetentionPurger().purge(writer, at, now);
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      Map<String, Object> o = new LinkedHashMap<>();
      o.put("cutoff", Instants.format(at));
      o.put("events", r.events());
      o.put("first", r.first() < 0 ? null : Instants.format(r.first()));
      o.put("last", r.last() < 0 ? null : Instants.format(r.last()));
      o.put("filesPurged", r.filesPurged());
      out.println(new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(o));
    } else if (r.events() == 0) {
      out.println("purged 0 events (none before " + Instants.format(at) + ")");
    } else {
      out.println("purged " + r.events() + " events from " + Instants.format(r.first()) + " to "
          + Instants.format(r.last()) + "; " + r.filesPurged() + " source file(s) now fully purged (records kept)");
    }
    out.flush();
    return ExitCodes.OK;
  }
}
