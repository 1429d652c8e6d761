package org.apiaudit.simulate;

import java.nio.charset.StandardCharsets;

/**
 * {@code clean}: adds the busiest benign look-alikes of detections.md on top of the baseline,
 * each labelled with what it really is: a family re-logging every quarter hour all day and
 * downloading the same certificates, a busy vaccination camp, slot bots hammering the limit,
 * and the biggest carrier NAT address. Nothing here reads anyone else's record.
 */
final class CleanLookalikes {
  private static final String SCENARIO = ScenarioKind.CLEAN.cliName();

  private CleanLookalikes() {}

  static void install(SimContext ctx, int days) {
    for (int d = 0; d < days; d++) {
      long dayStart = ctx.startMillis + d * TimestampWriter.DAY_MILLIS;
      long citizen = ctx.citizens.randomCitizen(ctx.rng);
      while (ctx.citizens.familySize(citizen) < 4) {
        citizen = ctx.citizens.randomCitizen(ctx.rng);
      }
      ctx.schedule(new LabelledSession(dayStart + 8 * SimContext.HOUR, ctx, citizen));
      Vaccinator camp = new Vaccinator("vcn-" + (9_000_000 + d), "fac-" + (90_000 + d),
          1 + ctx.rng.nextInt(780), AddressSpace.randomHost(AddressSpace.FACILITIES, ctx.rng),
          UserAgents.VACCINATOR_DESKTOPS[0], 70 * SimContext.SECOND);
      ctx.truth.label("principal", camp.id, TruthClass.NO_SIGN, SCENARIO,
          "busy vaccination camp");
      ctx.schedule(new VaccinatorShift(dayStart, ctx, camp));
    }
    BenignPopulation.addSlotBot(ctx, 2_400 + ctx.rng.nextLong(500),
        "slot-finder bot over the rate limit");
    ctx.truth.label("ip", AddressSpace.format(ctx.natPool[0]), TruthClass.NO_SIGN, SCENARIO,
        "carrier NAT: many citizens behind one address");
  }

  /** A busy family's day: it labels each token it is issued as a look-alike. */
  private static final class LabelledSession extends Actor {
    private final CitizenSession session;
    private byte[] labelled;

    LabelledSession(long start, SimContext ctx, long citizen) {
      super(start);
      this.session = new CitizenSession(start, ctx, citizen, ctx.natAddress(), 30,
          15 * SimContext.MINUTE + SimContext.SECOND, 3 * SimContext.MINUTE);
    }

    @Override
    boolean act(SimEvent event, SimContext ctx) {
      session.nextTime = nextTime;
      boolean emitted = session.act(event, ctx);
      byte[] token = session.token();
      if (token != null && token != labelled) {
        labelled = token;
        ctx.truth.label("principal", new String(token, StandardCharsets.US_ASCII),
            TruthClass.NO_SIGN, SCENARIO, "busy family re-logging every 15 minutes");
      }
      nextTime = session.nextTime;
      if (session.finished()) {
        finish();
      }
      return emitted;
    }
  }
}
