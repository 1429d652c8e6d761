package org.apiaudit.simulate;

/**
 * Whoever stands behind a stream of requests: a citizen's session, a vaccinator's shift, a bot,
 * an attacker. The simulator repeatedly takes the actor whose {@link #nextTime} is earliest and
 * lets it {@link #act}; because every actor only ever schedules itself forward, the merged
 * stream comes out in time order without buffering or sorting.
 */
abstract class Actor {
  /** Epoch milliseconds of this actor's next step. */
  long nextTime;
  /** Insertion order in the schedule: breaks ties in time deterministically. */
  long order;
  private boolean finished;

  Actor(long firstTime) {
    this.nextTime = firstTime;
  }

  /**
   * Performs the step due now ({@code ctx.now() == nextTime}). Fills {@code event} and returns
   * true when the step is a request; returns false for bookkeeping steps (spawning, sleeping).
   * Before returning, either moves {@link #nextTime} forward or calls {@link #finish()}.
   */
  abstract boolean act(SimEvent event, SimContext ctx);

  /**
   * False for an attacker (and a canary bot): the ground truth records the addresses and user
   * agents of the requests of every other actor as benign traffic.
   */
  boolean benign() {
    return true;
  }

  final void finish() {
    finished = true;
  }

  final boolean finished() {
    return finished;
  }
}
