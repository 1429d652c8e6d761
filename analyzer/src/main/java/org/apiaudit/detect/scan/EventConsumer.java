package org.apiaudit.detect.scan;

/**
 * A consumer of the one time-ordered event stream of a detection run. Each one is fed by a
 * single thread (see {@link EventLanes}), so implementations need no synchronisation.
 */
public interface EventConsumer {
  /**
   * Called for every event of the window, in log-time order; where {@link #ruleMask()} is set,
   * events matching none of its rules may be skipped.
   */
  void accept(ScanEvent e);

  /**
   * The rules (as a {@link ScanEvent#mask} of rule indices) whose events this consumer needs, or
   * null for every event. Lets the feeder skip the call for the many events a correlator ignores.
   * Of an event no rule matched, only the columns the scanner is given for every event are filled
   * (see {@link EventScanner}); the others read as absent.
   */
  default long[] ruleMask() {
    return null;
  }

  /**
   * A rough weight of the work per event, relative to a plain counter (1), so that the costliest
   * consumers are spread over different lanes (see {@link EventLanes}).
   */
  default int cost() {
    return 1;
  }

  /** Called once after the last event, on the thread that fed the events. */
  default void finish() {}
}
