package org.apiaudit.simulate;

import java.util.HashSet;
import java.util.Set;

/**
 * What one injected scenario actually did, counted as its requests were written: the figures a
 * detection run should reproduce. Memory grows with the attack's subjects, not with the traffic.
 */
final class ScenarioStats {
  final ScenarioSpec spec;
  final Set<Long> subjects = new HashSet<>();
  long requests;
  long recordsReturned;
  long notFound;
  long rateLimited;
  long firstSeen = Long.MAX_VALUE;
  long lastSeen = Long.MIN_VALUE;

  ScenarioStats(ScenarioSpec spec) {
    this.spec = spec;
  }

  /** Distinct subjects the scenario's requests named, the number its parameters set. */
  int distinctSubjects() {
    return subjects.size();
  }
}
