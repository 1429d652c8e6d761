package org.apiaudit.detect;

import java.util.List;

/**
 * Consumes the time-ordered event stream for one rule and reports the groups (actors) it
 * fired for. Implementations keep bounded state per group.
 */
interface Correlator extends EventConsumer {
  /** The groups the rule fired for, after {@link #finish()}. */
  List<GroupHit> hits();
}
