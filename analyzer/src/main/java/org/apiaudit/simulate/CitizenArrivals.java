package org.apiaudit.simulate;

/**
 * Starts citizen sessions as a Poisson process that follows the {@link DiurnalCurve}. It writes
 * nothing itself; the schedule holds only the sessions in progress, so memory stays constant.
 */
final class CitizenArrivals extends Actor {
  private final double sessionsPerMillis;

  CitizenArrivals(long start, double sessionsPerDay) {
    super(start);
    this.sessionsPerMillis = sessionsPerDay / TimestampWriter.DAY_MILLIS;
  }

  @Override
  boolean act(SimEvent event, SimContext ctx) {
    long now = ctx.now();
    ctx.schedule(CitizenSession.typical(now, ctx));
    double rate = sessionsPerMillis * DiurnalCurve.weightAt(now);
    nextTime = now + 1 + (long) (-Math.log(1 - ctx.rng.nextDouble()) / rate);
    return false;
  }
}
