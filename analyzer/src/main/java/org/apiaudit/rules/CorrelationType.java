package org.apiaudit.rules;

/**
 * The correlation types: Sigma's four, and this project's extensions, namespaced
 * {@code x-apiaudit/...} so that no Sigma tool mistakes them for standard ones.
 */
public enum CorrelationType {
  EVENT_COUNT("event_count"),
  VALUE_COUNT("value_count"),
  TEMPORAL("temporal"),
  TEMPORAL_ORDERED("temporal_ordered"),
  /** Share of the first rule's events followed by the second rule's within the timespan. */
  FOLLOWED("x-apiaudit/followed"),
  /** Coefficient of variation of inter-arrival times: low means machine cadence. */
  CADENCE("x-apiaudit/cadence"),
  /** Distinct values per day against the group's own earlier days or its peers' percentile. */
  BASELINE("x-apiaudit/baseline"),
  /** Identifier walks: near-consecutive offsets within one identifier block. */
  WALK("x-apiaudit/walk"),
  /** Share of events in night hours. */
  NIGHT("x-apiaudit/night"),
  /** Share of events from values (IPs, user agents) not seen in the group's early history. */
  NOVELTY("x-apiaudit/novelty"),
  /** Distinct subjects per distinct principal across a group (e.g. a user agent's many IPs). */
  SPREAD("x-apiaudit/spread");

  private final String sigmaName;

  CorrelationType(String sigmaName) {
    this.sigmaName = sigmaName;
  }

  public String sigmaName() {
    return sigmaName;
  }

  /** Whether the type needs a {@code timespan} (sliding-window types). */
  public boolean needsTimespan() {
    return this == EVENT_COUNT || this == VALUE_COUNT || this == TEMPORAL || this == TEMPORAL_ORDERED
        || this == FOLLOWED;
  }

  public static CorrelationType of(String name) {
    for (CorrelationType t : values()) {
      if (t.sigmaName.equals(name)) {
        return t;
      }
    }
    return null;
  }
}
