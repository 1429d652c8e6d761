package org.apiaudit.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.ZoneId;
import org.apiaudit.index.EventIndex;
import org.apiaudit.index.IndexManifest;
import picocli.CommandLine.Option;

/**
 * {@code --tz}: the one time zone of a command. It reads log times that carry no zone, reads
 * {@code --from/--to} given without one, cuts histogram buckets at its midnights and prints times.
 *
 * <p>Without {@code --tz} a command works in the zone its index records (the {@code --tz} of
 * the ingest that first gave one, see {@link IndexManifest#zone()}), else in UTC; either way it
 * says on stderr which zone it uses and why, because an hour-shifted window silently matches
 * the wrong events.
 */
public final class ZoneOptions {
  /** The zone when neither {@code --tz} nor the index gives one. */
  public static final ZoneId DEFAULT_ZONE = ZoneId.of("UTC");

  @Option(names = "--tz", paramLabel = "ZONE",
      description = "Time zone for times without one (log lines, --from/--to), histogram buckets and printed"
          + " times, e.g. Asia/Kolkata (default: the zone the index records from the --tz given at ingest,"
          + " else UTC). The zone in effect is printed on stderr.")
  ZoneId given;

  /** The zone the index records, once {@link #resolve} has read it. */
  private ZoneId recorded;

  /** The zone in effect: {@code --tz}, else the one {@link #resolve} found, else UTC. */
  public ZoneId zone() {
    return given != null ? given : recorded != null ? recorded : DEFAULT_ZONE;
  }

  /** The zone the user gave with {@code --tz}, or null. */
  public ZoneId given() {
    return given;
  }

  /**
   * Settles the zone for a command on {@code index} (null: no index of ours, e.g. a cluster):
   * {@code --tz}, else the zone the index records, else UTC.
   */
  public ZoneId resolve(Path index) {
    recorded = index == null ? null : EventIndex.readManifestIfAny(index).map(IndexManifest::zone).orElse(null);
    return zone();
  }

  /**
   * Says on {@code err} (unless {@code -q}) which zone the command used and why, e.g. {@code
   * analyzer: times in Asia/Kolkata (from the index)}. Commands call it once their work is under
   * way, so that a usage error stays the one line on stderr.
   */
  public void announce(PrintWriter err) {
    if (Logging.quiet()) {
      return;
    }
    String why;
    if (given != null) {
      why = recorded == null || recorded.equals(given) ? "--tz" : "--tz; the index records " + recorded;
    } else {
      why = recorded != null ? "from the index" : "default; ingest --tz ZONE records a case zone";
    }
    err.println("analyzer: times in " + zone() + " (" + why + ")");
    err.flush();
  }
}
