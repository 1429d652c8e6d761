package org.apiaudit.simulate;

/**
 * One line of ground truth: an actor identifier and what it really is.
 *
 * @param kind {@code ip}, {@code subnet}, {@code principal} or {@code user_agent}
 * @param value the identifier exactly as it appears in the logs
 * @param truthClass its true class
 * @param scenario the scenario that created it, or {@code baseline} for the benign population
 * @param role what the actor is in plain words, e.g. {@code slot-finder bot}
 */
public record Label(String kind, String value, TruthClass truthClass, String scenario,
    String role) {}
