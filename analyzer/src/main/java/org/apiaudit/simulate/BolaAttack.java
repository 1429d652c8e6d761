package org.apiaudit.simulate;

/**
 * {@code bola}: one citizen login (the attacker's own mobile) enumerating certificates by
 * reference id. The first half of the ids are walked upwards with gaps, the second half drawn at
 * random, so ids that do not exist come back 404. The token expires every 15 minutes; the
 * attacker logs in again with the same mobile and retries the refused id.
 */
final class BolaAttack extends AttackActor {
  private enum Step { GENERATE_OTP, CONFIRM_OTP, BENEFICIARIES, ENUMERATE }

  private final int ip;
  private final UserAgent userAgent;
  private final long ownCitizen;
  private final long mobile;
  private final int jitterPercent;
  private Step step = Step.GENERATE_OTP;
  private byte[] token;
  private long tokenIssuedAt;
  private long cursor;
  private long retryReference = -1;

  BolaAttack(ScenarioStats stats, SimContext ctx) {
    super(stats, ctx);
    boolean stealth = stats.spec.stealth();
    this.ip = AddressSpace.randomHost(AddressSpace.HOSTING, ctx.rng);
    this.userAgent = stealth ? UserAgents.SPOOFED_BROWSER : UserAgents.ATTACK_SCRIPT;
    this.jitterPercent = stealth ? 60 : 5;
    this.ownCitizen = ctx.citizens.randomCitizen(ctx.rng);
    this.mobile = ctx.citizens.mobile(ownCitizen);
    this.cursor = ctx.citizens.reference(ctx.citizens.randomCitizen(ctx.rng), 0) - 1;
    ownCitizen(ctx, ownCitizen);
  }

  @Override
  String role() {
    return "certificate enumeration through one citizen login";
  }

  @Override
  boolean act(SimEvent e, SimContext ctx) {
    long now = ctx.now();
    switch (step) {
      case GENERATE_OTP:
        ctx.request(e, Endpoint.GENERATE_OTP, ip, userAgent, 200, 52, ctx.latency(120, 300));
        e.subject = mobile;
        step = Step.CONFIRM_OTP;
        nextTime = now + (stats.spec.stealth() ? 20_000 + ctx.rng.nextLong(40_000)
            : 2_000 + ctx.rng.nextLong(3_000));
        return emit(e, ctx, OWN);
      case CONFIRM_OTP:
        token = ctx.newTokenId();
        tokenIssuedAt = now;
        ctx.request(e, Endpoint.CONFIRM_OTP, ip, userAgent, 200, 420, ctx.latency(80, 200));
        auth(e, mobile);
        step = stats.requests < 3 ? Step.BENEFICIARIES : Step.ENUMERATE;
        nextTime = now + 1_000 + ctx.rng.nextLong(1_000);
        return emit(e, ctx, OWN);
      case BENEFICIARIES:
        ctx.request(e, Endpoint.BENEFICIARIES, ip, userAgent, 200,
            600 + 450L * ctx.citizens.familySize(ownCitizen), ctx.latency(40, 200));
        auth(e, mobile);
        step = Step.ENUMERATE;
        nextTime = now + 1_000 + ctx.rng.nextLong(2_000);
        return emit(e, ctx, OWN);
      case ENUMERATE:
      default:
        return enumerate(e, ctx, now);
    }
  }

  private boolean enumerate(SimEvent e, SimContext ctx, long now) {
    if (retryReference < 0 && stats.distinctSubjects() >= targetSubjects()) {
      finish();
      return false;
    }
    long reference = retryReference >= 0 ? retryReference : nextReference(ctx);
    e.query.append(QueryKeys.REFERENCE_ID).appendLong(reference);
    long owner = ctx.citizens.ownerOfReference(reference);
    if (now - tokenIssuedAt > SimContext.TOKEN_LIFETIME) {
      ctx.request(e, Endpoint.CERTIFICATE_DOWNLOAD, ip, userAgent, 401, 38, ctx.latency(10, 40));
      auth(e, reference);
      retryReference = reference;
      step = Step.GENERATE_OTP;
      nextTime = now + 1_000 + ctx.rng.nextLong(3_000);
      return emit(e, ctx, owner);
    }
    retryReference = -1;
    boolean exists = owner >= 0;
    ctx.request(e, Endpoint.CERTIFICATE_DOWNLOAD, ip, userAgent, exists ? 200 : 404,
        exists ? 40_000 + ctx.rng.nextInt(20_000) : 41, ctx.latency(exists ? 90 : 20, 300));
    auth(e, reference);
    nextTime = now + gap(ctx, targetSubjects(), jitterPercent);
    return emit(e, ctx, owner);
  }

  /** Upwards with gaps for the first half of the target, then at random; never repeats. */
  private long nextReference(SimContext ctx) {
    if (stats.distinctSubjects() < targetSubjects() / 2) {
      cursor += ctx.rng.nextInt(100) < 30 ? 2 + ctx.rng.nextInt(3) : 1;
      return cursor;
    }
    long limit = ctx.citizens.referenceLimit() + ctx.citizens.count();
    long reference;
    do {
      reference = Citizens.REFERENCE_BASE
          + ctx.rng.nextLong(limit - Citizens.REFERENCE_BASE);
    } while (stats.subjects.contains(reference));
    return reference;
  }

  private void auth(SimEvent e, long subject) {
    e.authType = AuthType.CITIZEN;
    e.principal = token;
    e.subject = subject;
  }
}
