package org.apiaudit.simulate;

/**
 * A partner's steady traffic from its registered range: mostly lookups by mobile of citizens
 * who use the partner's app, some certificate PDFs. Benign automation: busy, machine-made, and
 * within its baseline.
 */
final class PartnerClient extends Actor {
  private final Partner partner;
  private final double callsPerMillis;

  PartnerClient(long start, Partner partner) {
    super(start);
    this.partner = partner;
    this.callsPerMillis = partner.callsPerDay / TimestampWriter.DAY_MILLIS;
  }

  @Override
  boolean act(SimEvent e, SimContext ctx) {
    long now = ctx.now();
    int ip = partner.rangeBase + 1 + ctx.rng.nextInt(Partner.ADDRESSES_IN_USE);
    long citizen = ctx.citizens.randomCitizen(ctx.rng);
    while (!ctx.citizens.seenByThirdParties(citizen)) {
      citizen = ctx.citizens.randomCitizen(ctx.rng);
    }
    if (ctx.rng.nextInt(100) < 80) {
      boolean found = ctx.rng.nextInt(100) < 96;
      long mobile = found ? ctx.citizens.mobile(citizen)
          : ctx.citizens.unregisteredMobile(ctx.rng);
      ctx.request(e, Endpoint.PARTNER_LOOKUP, ip, partner.userAgent, found ? 200 : 404,
          found ? 700 + ctx.rng.nextInt(500) : 44, ctx.latency(30, 150));
      e.query.append(QueryKeys.MOBILE).appendLong(mobile);
      e.subject = mobile;
    } else {
      ctx.request(e, Endpoint.PARTNER_CERTIFICATE_PDF, ip, partner.userAgent, 200,
          40_000 + ctx.rng.nextInt(20_000), ctx.latency(100, 400));
      e.subject = ctx.citizens.reference(citizen,
          ctx.rng.nextInt(ctx.citizens.familySize(citizen)));
    }
    e.authType = AuthType.PARTNER;
    e.principal = partner.clientIdBytes;
    double rate = callsPerMillis * (0.5 + 0.5 * DiurnalCurve.weightAt(now));
    nextTime = now + 1 + (long) (-Math.log(1 - ctx.rng.nextDouble()) / rate);
    return true;
  }
}
