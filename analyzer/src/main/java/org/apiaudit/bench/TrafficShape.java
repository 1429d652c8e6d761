package org.apiaudit.bench;

import java.util.Arrays;
import java.util.Locale;

/**
 * The kinds of traffic the benchmark measures, because indexing cost follows how often values
 * repeat: the simulator's traffic (addresses, tokens and subjects repeat a lot), a national
 * gateway's (each of them nearly unique per line) and a public real-world log.
 */
public enum TrafficShape {
  /** The simulator's gateway traffic, as the sample cases. */
  SIM("sim"),
  /** Generated gateway lines whose address, principal, subject and request id are unique (see {@link HighCardinalityLog}). */
  HIGH_CARDINALITY("high-cardinality"),
  /** A public Combined Log Format file repeated with shifted times (see {@link PublicLogRepeater}). */
  PUBLIC("public");

  private final String cliName;

  TrafficShape(String cliName) {
    this.cliName = cliName;
  }

  /** The name on the command line and in the JSON results. */
  public String cliName() {
    return cliName;
  }

  /** The shape named {@code name} on the command line. */
  public static TrafficShape of(String name) {
    for (TrafficShape s : values()) {
      if (s.cliName.equals(name.strip().toLowerCase(Locale.ROOT))) {
        return s;
      }
    }
    throw new IllegalArgumentException("shape must be one of " + Arrays.stream(values()).map(TrafficShape::cliName).toList()
        + "; got: " + name);
  }
}
