package org.apiaudit.simulate;

/**
 * {@code partner-abuse}: a white-listed partner's client id calls the lookup-by-mobile API far
 * above its baseline, for many distinct mobiles, from an address outside its registered range
 * (a hosting address; in stealth mode one just outside the /28, which looks almost right). Its
 * normal traffic from the registered range goes on meanwhile.
 */
final class PartnerAbuse extends AttackActor {
  private final Partner partner;
  private final int ip;
  private final int jitterPercent;

  PartnerAbuse(ScenarioStats stats, SimContext ctx, Partner partner) {
    super(stats, ctx);
    this.partner = partner;
    this.ip = stats.spec.stealth() ? partner.rangeBase + 64 + 1 + ctx.rng.nextInt(14)
        : AddressSpace.randomHost(AddressSpace.HOSTING, ctx.rng);
    this.jitterPercent = stats.spec.stealth() ? 50 : 5;
  }

  @Override
  String role() {
    return "partner " + partner.clientId + " lookups from outside " + partner.registeredRange();
  }

  @Override
  boolean act(SimEvent e, SimContext ctx) {
    long now = ctx.now();
    if (stats.distinctSubjects() >= targetSubjects()) {
      finish();
      return false;
    }
    long citizen;
    long mobile;
    boolean found = ctx.rng.nextInt(100) < 95;
    do {
      citizen = found ? ctx.citizens.randomCitizen(ctx.rng) : -1;
      mobile = found ? ctx.citizens.mobile(citizen) : ctx.citizens.unregisteredMobile(ctx.rng);
    } while (stats.subjects.contains(mobile));
    ctx.request(e, Endpoint.PARTNER_LOOKUP, ip, partner.userAgent, found ? 200 : 404,
        found ? 700 + ctx.rng.nextInt(500) : 44, ctx.latency(30, 150));
    e.query.append(QueryKeys.MOBILE).appendLong(mobile);
    e.subject = mobile;
    e.authType = AuthType.PARTNER;
    e.principal = partner.clientIdBytes;
    nextTime = now + gap(ctx, targetSubjects(), jitterPercent);
    return emit(e, ctx, citizen);
  }
}
