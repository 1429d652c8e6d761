package org.apiaudit.cli;

import java.time.ZoneId;
import org.apiaudit.index.Instants;
import picocli.CommandLine.Option;

/** {@code --from/--to}: the time window a command looks at. */
public final class TimeRangeOptions {
  @Option(names = "--from", paramLabel = "TIME",
      description = "Only events at or after TIME (ISO-8601, e.g. 2023-06-08T22:00+05:30, or a date; without a"
          + " zone, in --tz).")
  String from;

  @Option(names = "--to", paramLabel = "TIME",
      description = "Only events at or before TIME (same forms as --from).")
  String to;

  /** Uses {@code from} and {@code to} (either may be null) where --from or --to was not given. */
  public void defaults(String from, String to) {
    if (this.from == null && this.to == null) {
      this.from = from;
      this.to = to;
    }
  }

  /** Epoch ms of --from, or null; a time without a zone is read in {@code zone} (the command's --tz). */
  public Long fromMillis(ZoneId zone) {
    return from == null ? null : Instants.parse(from, zone);
  }

  /** Epoch ms of --to, or null; a time without a zone is read in {@code zone} (the command's --tz). */
  public Long toMillis(ZoneId zone) {
    return to == null ? null : Instants.parse(to, zone);
  }
}
