package org.apiaudit.cli;

import org.apiaudit.index.Instants;
import picocli.CommandLine.Option;

/** {@code --from/--to}: the time window a command looks at. */
public final class TimeRangeOptions {
  @Option(names = "--from", paramLabel = "TIME",
      description = "Only events at or after TIME (ISO-8601, e.g. 2023-06-08T22:00+05:30, or a date).")
  String from;

  @Option(names = "--to", paramLabel = "TIME",
      description = "Only events at or before TIME (same forms as --from).")
  String to;

  /** Epoch ms of --from, or null. */
  public Long fromMillis() {
    return from == null ? null : Instants.parse(from);
  }

  /** Epoch ms of --to, or null. */
  public Long toMillis() {
    return to == null ? null : Instants.parse(to);
  }
}
