package org.apiaudit.cli;

import java.time.ZoneId;
import picocli.CommandLine.Option;

/**
 * {@code --tz}: the one time zone of a command. It reads log times that carry no zone, reads
 * {@code --from/--to} given without one, cuts histogram buckets at its midnights and prints times.
 */
public final class ZoneOptions {
  @Option(names = "--tz", paramLabel = "ZONE", defaultValue = "UTC",
      description = "Time zone for times without one (log lines, --from/--to), histogram buckets and printed"
          + " times, e.g. Asia/Kolkata (default: ${DEFAULT-VALUE}).")
  ZoneId zone;

  public ZoneId zone() {
    return zone;
  }
}
