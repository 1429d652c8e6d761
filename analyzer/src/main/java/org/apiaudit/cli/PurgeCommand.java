package org.apiaudit.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.lucene.index.IndexWriter;
import org.apiaudit.Durations;
import org.apiaudit.ExitCodes;
import org.apiaudit.UserException;
import org.apiaudit.index.EventIndex;
import org.apiaudit.index.Instants;
import org.apiaudit.nightly.RetentionPurger;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code analyzer purge}: retention — drops old events from the index, never source files. It says
 * what it would delete and deletes only when told to: on a terminal it asks, elsewhere it needs
 * {@code --yes}; {@code --dry-run} only tells.
 */
@Command(
    name = "purge",
    mixinStandardHelpOptions = true,
    header = "Delete events older than a retention period from the index (source files are never touched).",
    description = {
      "Says how many events it would delete, over what time range and how much of the index that "
          + "is, then deletes them in one commit once confirmed: it asks on a terminal, and needs --yes "
          + "anywhere else (cron, scripts). --dry-run only tells. --older-than counts back from the "
          + "newest event in the index, not from today, so an old case is never wiped by a retention "
          + "meant for live logs (--relative-to now counts back from the clock). Source-file records "
          + "stay in the index (chain of custody); a file all of whose events are gone is marked purged: "
          + "'analyzer nightly' never reads it again, while 'analyzer ingest' of the same content "
          + "restores its events."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:done, or nothing was old enough, or --dry-run",
      "2:bad option, no index, not confirmed (no --yes off a terminal, or 'no' at the prompt)",
      "5:the index is in use by another analyzer process"},
    footer = {"", "Examples:", "  analyzer purge --index case/index --older-than 180d --dry-run",
      "  analyzer purge --index /var/lib/apiaudit/index --older-than 180d --yes",
      "  analyzer purge --index case/index --before 2023-01-01 --yes --json",
      "  analyzer purge -i /srv/index --older-than 180d --relative-to now --yes"})
public final class PurgeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin IndexOptions indexOptions;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Cutoff cutoff;

  @Option(names = "--relative-to", paramLabel = "WHEN", defaultValue = "newest",
      description = "What --older-than counts back from: newest (the newest event in the index) or now"
          + " (the clock). Default: ${DEFAULT-VALUE}.")
  RelativeTo relativeTo;

  /** The moment a retention period counts back from. */
  enum RelativeTo { newest, now }

  @Option(names = "--dry-run", description = "Say what would be deleted; delete nothing.")
  boolean dryRun;

  @Option(names = {"-y", "--yes"}, description = "Delete without asking (needed when not on a terminal).")
  boolean yes;

  @Option(names = "--json", description = "Print the result as one JSON object.")
  boolean json;

  /** Either a retention period or a fixed time. */
  static final class Cutoff {
    @Option(names = "--older-than", paramLabel = "DURATION",
        description = "Retention, e.g. 180d: events older than this before the newest event are deleted.")
    String olderThan;

    @Option(names = "--before", paramLabel = "TIME", description = "Delete events before TIME (ISO-8601 or a date).")
    String before;
  }

  @Override
  public Integer call() throws Exception {
    Path index = indexOptions.index();
    if (!Files.isDirectory(index)) {
      throw new UserException("no index at " + index);
    }
    PrintWriter out = spec.commandLine().getOut();
    RetentionPurger purger = new RetentionPurger();
    try (IndexWriter writer = EventIndex.openWriter(index)) {
      long at = cutoff.before != null ? Instants.parse(cutoff.before)
          : relativeTo == RelativeTo.now ? System.currentTimeMillis() - Durations.parseMillis(cutoff.olderThan)
          : RetentionPurger.retentionCutoff(writer, Durations.parseMillis(cutoff.olderThan));
      RetentionPurger.Result plan = purger.plan(writer, at);
      if (plan.events() == 0 && plan.filesPurged() == 0) {
        print(out, at, plan, dryRun);
        return ExitCodes.OK;
      }
      if (dryRun) {
        print(out, at, plan, true);
        return ExitCodes.OK;
      }
      if (!yes && !confirmed(plan, at)) {
        throw new UserException("purge of " + index + " would delete " + describe(plan) + "; nothing deleted."
            + " Re-run with --yes to delete (or --dry-run to see it without asking)");
      }
      print(out, at, purger.purge(writer, at, System.currentTimeMillis()), false);
    }
    return ExitCodes.OK;
  }

  /**
   * Asks on the console; false unless a person is at a terminal (then only --yes deletes): from
   * JDK 22 {@code System.console()} exists even for a pipe, which must never answer "y".
   */
  private boolean confirmed(RetentionPurger.Result plan, long at) {
    java.io.Console console = System.console();
    if (console == null || !Terminals.stdin()) {
      return false;
    }
    String answer = console.readLine("Delete %s (events before %s)? [y/N] ", describe(plan), Instants.format(at));
    return answer != null && (answer.trim().equalsIgnoreCase("y") || answer.trim().equalsIgnoreCase("yes"));
  }

  private static String describe(RetentionPurger.Result r) {
    return (r.everything() ? "EVERY event of the index (" + r.events() + ")" : r.events() + " of " + r.total() + " events")
        + (r.events() == 0 ? "" : " from " + Instants.format(r.first()) + " to " + Instants.format(r.last()));
  }

  private void print(PrintWriter out, long at, RetentionPurger.Result r, boolean dry) throws Exception {
    if (json) {
      Map<String, Object> o = new LinkedHashMap<>();
      o.put("cutoff", Instants.format(at));
      o.put("dryRun", dry);
      o.put("events", r.events());
      o.put("total", r.total());
      o.put("first", r.first() < 0 ? null : Instants.format(r.first()));
      o.put("last", r.last() < 0 ? null : Instants.format(r.last()));
      o.put("filesPurged", r.filesPurged());
      out.println(new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(o));
    } else if (r.events() == 0) {
      out.println((dry ? "would purge" : "purged") + " 0 events (none before " + Instants.format(at) + ")");
    } else {
      out.println((dry ? "would purge " : "purged ") + describe(r) + "; " + r.filesPurged()
          + " source file(s) " + (dry ? "would be" : "now") + " fully purged (records kept; an ingest of the same"
          + " content restores them)");
    }
    out.flush();
  }
}
