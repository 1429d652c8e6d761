package org.apiaudit.simulate;

/**
 * {@code distributed}: low-and-slow scraping by a farm of SIM logins behind a pool of rotating
 * residential-proxy addresses. Each SIM logs in, downloads a couple of dozen certificates that
 * are not its family's, each request from another address of the pool, and is retired; the
 * next SIM starts a few minutes later. Every address and every token stays far under any
 * per-IP or per-token threshold; what gives them away is what they share: one device string,
 * one request cadence, and together many subjects.
 */
final class DistributedScraping extends AttackActor {
  private static final long CADENCE_MILLIS = 9_000;

  private final int[] pool;
  private final UserAgent userAgent;
  private final int perToken;
  private final int workers;
  private final long spacing;
  private int started;

  DistributedScraping(ScenarioStats stats, SimContext ctx) {
    super(stats, ctx);
    boolean stealth = stats.spec.stealth();
    int size = (40 << stats.spec.intensity().ordinal()) * (stealth ? 2 : 1);
    int subnets = stealth ? 12 : 6;
    int[] bases = new int[subnets];
    for (int i = 0; i < subnets; i++) {
      bases[i] = AddressSpace.randomSubnet(AddressSpace.RESIDENTIAL_PROXY, ctx.rng);
    }
    this.pool = new int[size];
    for (int i = 0; i < size; i++) {
      pool[i] = bases[i % subnets] | (2 + (i / subnets) * 3 % 250);
    }
    this.userAgent = UserAgents.SIM_FARM;
    this.perToken = stealth ? 12 : 25;
    this.workers = (targetSubjects() + perToken - 1) / perToken;
    long workerSpan = perToken * CADENCE_MILLIS * 2;
    this.spacing = Math.max(1, ((long) ((windowEnd - windowStart) * 0.9) - workerSpan) / workers);
  }

  @Override
  String role() {
    return "distributed scraping: SIM farm behind rotating addresses";
  }

  @Override
  boolean act(SimEvent e, SimContext ctx) {
    ctx.schedule(new Sim(ctx.now(), ctx));
    started++;
    if (started >= workers) {
      finish();
    } else {
      nextTime = ctx.now() + spacing;
    }
    return false;
  }

  private int poolAddress(SimContext ctx) {
    return pool[ctx.rng.nextInt(pool.length)];
  }

  /** One SIM login of the farm. */
  private final class Sim extends AttackActor {
    private final long ownCitizen;
    private final long mobile;
    private final long cadence;
    private byte[] token;
    private boolean otpSent;
    private int downloads;

    Sim(long start, SimContext ctx) {
      super(DistributedScraping.this.stats, start, ctx);
      this.ownCitizen = ctx.citizens.randomCitizen(ctx.rng);
      this.mobile = ctx.citizens.mobile(ownCitizen);
      this.cadence = CADENCE_MILLIS;
      ownCitizen(ctx, ownCitizen);
    }

    @Override
    String role() {
      return DistributedScraping.this.role();
    }

    @Override
    boolean act(SimEvent e, SimContext ctx) {
      long now = ctx.now();
      int ip = poolAddress(ctx);
      if (!otpSent) {
        otpSent = true;
        ctx.request(e, Endpoint.GENERATE_OTP, ip, userAgent, 200, 52, ctx.latency(120, 300));
        e.subject = mobile;
        nextTime = now + 8_000 + ctx.rng.nextLong(4_000);
        return emit(e, ctx, OWN);
      }
      if (token == null) {
        token = ctx.newTokenId();
        ctx.request(e, Endpoint.CONFIRM_OTP, ip, userAgent, 200, 420, ctx.latency(80, 200));
        auth(e, mobile);
        nextTime = now + nextGap(ctx);
        return emit(e, ctx, OWN);
      }
      if (downloads >= perToken || stats.distinctSubjects() >= targetSubjects()) {
        finish();
        return false;
      }
      downloads++;
      long reference;
      long owner;
      do {
        long victim = ctx.citizens.randomCitizen(ctx.rng);
        boolean miss = ctx.rng.nextInt(100) < 7;
        reference = miss ? ctx.citizens.typoReference(victim)
            : ctx.citizens.reference(victim, ctx.rng.nextInt(ctx.citizens.familySize(victim)));
        owner = miss ? -1 : victim;
      } while (owner == ownCitizen || stats.subjects.contains(reference));
      ctx.request(e, Endpoint.CERTIFICATE_DOWNLOAD, ip, userAgent, owner >= 0 ? 200 : 404,
          owner >= 0 ? 40_000 + ctx.rng.nextInt(20_000) : 41, ctx.latency(90, 300));
      e.query.append(QueryKeys.REFERENCE_ID).appendLong(reference);
      auth(e, reference);
      nextTime = now + nextGap(ctx);
      return emit(e, ctx, owner);
    }

    private long nextGap(SimContext ctx) {
      long jitter = stats.spec.stealth() ? cadence * 30 / 100 : 150;
      return cadence - jitter + ctx.rng.nextLong(2 * jitter + 1);
    }

    private void auth(SimEvent e, long subject) {
      e.authType = AuthType.CITIZEN;
      e.principal = token;
      e.subject = subject;
    }
  }
}
