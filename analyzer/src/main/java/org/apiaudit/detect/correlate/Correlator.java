package org.apiaudit.detect.correlate;

import java.util.List;
import org.apiaudit.detect.scan.EventConsumer;

/**
 * Consumes the time-ordered event stream for one rule and reports the groups (actors) it
 * fired for. Implementations keep bounded state per group.
 */
public interface Correlator extends EventConsumer {
  /** The groups the rule fired for, after {@link #finish()}. */
  List<GroupHit> hits();
}
