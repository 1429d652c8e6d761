package org.apiaudit.detect;

import java.util.List;

/**
 * Consumes the time-ordered event stream for one rule and reports the groups (actors) it
 * fired for. Implementations keep bounded state per group.
 */
interface Correlator {
  /** Called for every event of the window, in log-time order. */
  void accept(ScanEvent e);

  /** Called once after the last event. */
  default void finish() {}

  /** The groups the rule fired for, after {@link #finish()}. */
  List<GroupHit> hits();
}
