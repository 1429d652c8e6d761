package org.apiaudit.simulate;

/**
 * {@code vaccinator-misuse}, the 2023 case: a real vaccinator's id (which keeps working normally
 * by day) logs in at night from an address and client it never used, and searches thousands of
 * mobiles at machine pace, with no vaccination recorded. It logs in again every hour.
 */
final class VaccinatorMisuse extends AttackActor {
  private static final long RELOGIN_EVERY = SimContext.HOUR;

  // Package-private: a live canary bot (CanaryBot) drives its lookups through this credential.
  final Vaccinator vaccinator;
  final int ip;
  final UserAgent userAgent;
  private final int jitterPercent;
  private boolean loggedIn;
  private long loggedInAt;

  VaccinatorMisuse(ScenarioStats stats, SimContext ctx, Vaccinator vaccinator) {
    super(stats, ctx);
    this.vaccinator = vaccinator;
    this.ip = AddressSpace.randomHost(AddressSpace.HOSTING, ctx.rng);
    this.userAgent = stats.spec.stealth() ? UserAgents.BROWSERS[1] : UserAgents.ATTACK_HEADLESS;
    this.jitterPercent = stats.spec.stealth() ? 50 : 4;
  }

  @Override
  String role() {
    return "vaccinator " + vaccinator.id + " used at night from a new address and client";
  }

  @Override
  boolean act(SimEvent e, SimContext ctx) {
    long now = ctx.now();
    if (stats.distinctSubjects() >= targetSubjects()) {
      finish();
      return false;
    }
    auth(e);
    if (!loggedIn || now - loggedInAt >= RELOGIN_EVERY) {
      loggedIn = true;
      loggedInAt = now;
      ctx.request(e, Endpoint.VACCINATOR_LOGIN, ip, userAgent, 200, 310, ctx.latency(80, 300));
      nextTime = now + 2_000 + ctx.rng.nextLong(2_000);
      return emit(e, ctx, -1);
    }
    long citizen;
    long mobile;
    boolean found = ctx.rng.nextInt(100) < 88;
    do {
      citizen = found ? ctx.citizens.randomCitizen(ctx.rng) : -1;
      mobile = found ? ctx.citizens.mobile(citizen) : ctx.citizens.unregisteredMobile(ctx.rng);
    } while (stats.subjects.contains(mobile));
    ctx.request(e, Endpoint.VACCINATOR_SEARCH, ip, userAgent, found ? 200 : 404,
        found ? 900 + ctx.rng.nextInt(800) : 44, ctx.latency(40, 200));
    e.query.append(QueryKeys.MOBILE).appendLong(mobile);
    e.subject = mobile;
    nextTime = now + gap(ctx, targetSubjects(), jitterPercent);
    return emit(e, ctx, citizen);
  }

  private void auth(SimEvent e) {
    e.authType = AuthType.VACCINATOR;
    e.principal = vaccinator.idBytes;
    e.facility = vaccinator.facility;
    e.district = vaccinator.district;
  }
}
