package org.apiaudit.simulate;

/**
 * A vaccinator's working days: log in at the facility around 09:00 IST, search beneficiaries
 * by mobile at human pace until about 18:00, and record a vaccination within minutes after most
 * searches (a search that finds nobody, or a citizen who leaves, has none). Sundays are mostly
 * off.
 */
final class VaccinatorShift extends Actor {
  private enum Step { LOGIN, SEARCH, VACCINATE }

  private static final long SHIFT_START = 9 * SimContext.HOUR;
  private static final long SHIFT_END = 17 * SimContext.HOUR + 30 * SimContext.MINUTE;

  private final Vaccinator vaccinator;
  private Step step = Step.LOGIN;
  private long shiftEnd;
  private long pendingCitizen;

  VaccinatorShift(long dayStart, SimContext ctx, Vaccinator vaccinator) {
    super(dayStart + SHIFT_START + ctx.rng.nextLong(45 * SimContext.MINUTE));
    this.vaccinator = vaccinator;
  }

  @Override
  boolean act(SimEvent e, SimContext ctx) {
    long now = ctx.now();
    switch (step) {
      case LOGIN:
        return login(e, ctx, now);
      case VACCINATE:
        ctx.request(e, Endpoint.VACCINATION, vaccinator.ip, vaccinator.userAgent, 201, 96,
            ctx.latency(60, 250));
        auth(e, ctx.citizens.reference(pendingCitizen,
            ctx.rng.nextInt(ctx.citizens.familySize(pendingCitizen))));
        step = Step.SEARCH;
        nextTime = now + gap(ctx);
        return true;
      case SEARCH:
      default:
        return search(e, ctx, now);
    }
  }

  private boolean login(SimEvent e, SimContext ctx, long now) {
    long dayStart = DiurnalCurve.startOfDay(now);
    boolean sunday = Math.floorMod(Math.floorDiv(now + TimestampWriter.IST_OFFSET_MILLIS,
        TimestampWriter.DAY_MILLIS) + 4, 7) == 0;
    if (ctx.rng.nextInt(100) >= (sunday ? 30 : 95)) {
      sleepUntilTomorrow(ctx, dayStart);
      return false;
    }
    ctx.request(e, Endpoint.VACCINATOR_LOGIN, vaccinator.ip, vaccinator.userAgent, 200, 310,
        ctx.latency(80, 300));
    auth(e, SimEvent.NO_SUBJECT);
    shiftEnd = dayStart + SHIFT_END + ctx.rng.nextLong(30 * SimContext.MINUTE);
    step = Step.SEARCH;
    nextTime = now + SimContext.MINUTE + ctx.rng.nextLong(2 * SimContext.MINUTE);
    return true;
  }

  private boolean search(SimEvent e, SimContext ctx, long now) {
    if (now >= shiftEnd) {
      sleepUntilTomorrow(ctx, DiurnalCurve.startOfDay(now));
      return false;
    }
    long citizen = ctx.citizens.randomCitizen(ctx.rng);
    while (!ctx.citizens.seenByThirdParties(citizen)) {
      citizen = ctx.citizens.randomCitizen(ctx.rng);
    }
    boolean found = ctx.rng.nextInt(100) < 92;
    long mobile = found ? ctx.citizens.mobile(citizen) : ctx.citizens.unregisteredMobile(ctx.rng);
    ctx.request(e, Endpoint.VACCINATOR_SEARCH, vaccinator.ip, vaccinator.userAgent,
        found ? 200 : 404, found ? 900 + ctx.rng.nextInt(800) : 44, ctx.latency(40, 200));
    e.query.append(QueryKeys.MOBILE).appendLong(mobile);
    auth(e, mobile);
    if (found && ctx.rng.nextInt(100) < 88) {
      pendingCitizen = citizen;
      step = Step.VACCINATE;
      nextTime = now + SimContext.MINUTE + ctx.rng.nextLong(4 * SimContext.MINUTE);
    } else {
      nextTime = now + gap(ctx);
    }
    return true;
  }

  private long gap(SimContext ctx) {
    return (long) (vaccinator.meanGapMillis * (0.3 + 1.4 * ctx.rng.nextDouble()));
  }

  private void sleepUntilTomorrow(SimContext ctx, long dayStart) {
    step = Step.LOGIN;
    nextTime = dayStart + TimestampWriter.DAY_MILLIS + SHIFT_START
        + ctx.rng.nextLong(45 * SimContext.MINUTE);
  }

  private void auth(SimEvent e, long subject) {
    e.authType = AuthType.VACCINATOR;
    e.principal = vaccinator.idBytes;
    e.facility = vaccinator.facility;
    e.district = vaccinator.district;
    e.subject = subject;
  }
}
