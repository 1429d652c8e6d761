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
  /** Sum of a numeric field over the window (Sigma v2.1). */
  VALUE_SUM("value_sum"),
  /** Average of a numeric field over the window (Sigma v2.1). */
  VALUE_AVG("value_avg"),
  /** Share, in percent, of the window's events carrying the current event's field value (Sigma v2.1). */
  VALUE_PERCENTILE("value_percentile"),
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
        || this == FOLLOWED || isMetric();
  }

  /** The v2.1 metric types, which measure a {@code field} with any comparison. */
  public boolean isMetric() {
    return this == VALUE_SUM || this == VALUE_AVG || this == VALUE_PERCENTILE;
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
