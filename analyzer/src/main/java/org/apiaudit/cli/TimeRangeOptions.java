package org.apiaudit.cli;

import java.time.ZoneId;
import org.apiaudit.UserException;
import org.apiaudit.detect.scan.TimeWindow;
import org.apiaudit.index.Instants;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code --from/--to} and the {@code --tz} they are read in: the time window a command looks at. */
public final class TimeRangeOptions {
  @Option(names = "--from", paramLabel = "TIME",
      description = "Only events at or after TIME (ISO-8601, e.g. 2023-06-08T22:00+05:30, a date, or epoch ms;"
          + " without a zone, in --tz).")
  String from;

  @Option(names = "--to", paramLabel = "TIME",
      description = "Only events at or before TIME (same forms as --from).")
  String to;

  @Mixin ZoneOptions tz;

  /** The command's time zone (--tz, else the index's, see {@link #resolveZone}). */
  public ZoneId zone() {
    return tz.zone();
  }

  /** Settles the zone from --tz or {@code index} (see {@link ZoneOptions#resolve}). */
  public ZoneId resolveZone(java.nio.file.Path index) {
    return tz.resolve(index);
  }

  /** Says which zone is used and why (see {@link ZoneOptions#announce}). */
  public void announceZone(java.io.PrintWriter err) {
    tz.announce(err);
  }

  /** The zone the user gave with --tz, or null. */
  public ZoneId givenZone() {
    return tz.given();
  }

  /** Uses {@code from} and {@code to} (either may be null) where --from or --to was not given. */
  public void defaults(String from, String to) {
    if (this.from == null && this.to == null) {
      this.from = from;
      this.to = to;
    }
  }

  /** Epoch ms of --from, or null; a time without a zone is read in --tz. */
  public Long fromMillis() {
    return from == null ? null : Instants.parse(from, zone());
  }

  /** Epoch ms of --to, or null; a time without a zone is read in --tz. */
  public Long toMillis() {
    return to == null ? null : Instants.parse(to, zone());
  }

  /**
   * The window, open where a bound is not given.
   *
   * @throws UserException (exit 2) when --from is after --to: a reversed range would match nothing, silently
   */
  public TimeWindow window() {
    Long f = fromMillis();
    Long t = toMillis();
    if (f != null && t != null && f > t) {
      throw new UserException("--from " + from + " is after --to " + to + " (in " + zone() + "); swap them");
    }
    return new TimeWindow(f == null ? Long.MIN_VALUE : f, t == null ? Long.MAX_VALUE : t);
  }
}
