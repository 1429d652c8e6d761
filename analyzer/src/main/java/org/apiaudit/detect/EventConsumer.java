package org.apiaudit.detect;

/**
 * A consumer of the one time-ordered event stream of a detection run. Each one is fed by a
 * single thread (see {@link EventLanes}), so implementations need no synchronisation.
 */
interface EventConsumer {
  /** Called for every event of the window, in log-time order. */
  void accept(ScanEvent e);

  /** Called once after the last event, on the thread that fed the events. */
  default void finish() {}
}
