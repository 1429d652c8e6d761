package org.apiaudit.simulate;

/**
 * {@code otp-flood}: generateOTP for many distinct mobiles from several addresses of one /24,
 * round robin; about 2% are confirmed (the prober holds those SIMs) and read their
 * beneficiaries. Addresses pushed over the public limit are answered 429.
 */
final class OtpFlood extends AttackActor {
  private final int subnet;
  private final int[] addresses;
  private final long[] windowStart;
  private final int[] windowCalls;
  private final UserAgent userAgent;
  private final int jitterPercent;
  private int next;

  OtpFlood(ScenarioStats stats, SimContext ctx) {
    super(stats, ctx);
    boolean stealth = stats.spec.stealth();
    this.subnet = AddressSpace.randomSubnet(AddressSpace.HOSTING, ctx.rng);
    int count = (4 + 2 * stats.spec.intensity().ordinal()) * (stealth ? 2 : 1);
    this.addresses = new int[count];
    int first = 2 + ctx.rng.nextInt(200);
    for (int i = 0; i < count; i++) {
      addresses[i] = subnet | (first + i * 2);
    }
    this.windowStart = new long[count];
    this.windowCalls = new int[count];
    this.userAgent = stealth ? UserAgents.CITIZEN_APPS[0] : UserAgents.ATTACK_GO;
    this.jitterPercent = stealth ? 50 : 10;
  }

  @Override
  String role() {
    return "generateOTP flood from " + AddressSpace.format(subnet) + "/24";
  }

  /** The /24 the flood comes from, for the ground truth. */
  String subnet() {
    return AddressSpace.format(subnet) + "/24";
  }

  @Override
  boolean act(SimEvent e, SimContext ctx) {
    long now = ctx.now();
    if (stats.distinctSubjects() >= targetSubjects()) {
      finish();
      return false;
    }
    int slot = next;
    next = (next + 1) % addresses.length;
    if (now - windowStart[slot] >= SimContext.RATE_LIMIT_WINDOW) {
      windowStart[slot] = now;
      windowCalls[slot] = 0;
    }
    boolean limited = ++windowCalls[slot] > SimContext.RATE_LIMIT_CALLS;
    long citizen;
    long mobile;
    boolean registered = ctx.rng.nextInt(100) < 70;
    do {
      citizen = registered ? ctx.citizens.randomCitizen(ctx.rng) : -1;
      mobile = registered ? ctx.citizens.mobile(citizen)
          : ctx.citizens.unregisteredMobile(ctx.rng);
    } while (stats.subjects.contains(mobile));
    ctx.request(e, Endpoint.GENERATE_OTP, addresses[slot], userAgent, limited ? 429 : 200,
        limited ? 162 : 52, limited ? 2 : ctx.latency(120, 300));
    if (limited) {
      e.waf = WafAction.BLOCK;
    }
    e.subject = mobile;
    if (!limited && registered && ctx.rng.nextInt(100) < 2) {
      ctx.schedule(new Confirmation(stats, now + 20_000 + ctx.rng.nextLong(60_000), ctx,
          addresses[slot], citizen, mobile));
    }
    nextTime = now + gap(ctx, targetSubjects(), jitterPercent);
    ctx.truth.label("subnet", subnet(), stats.spec.kind().truthClass(),
        stats.spec.kind().cliName(), role());
    return emit(e, ctx, citizen);
  }

  /** One of the few probes that gets confirmed: confirmOTP, then the family's list. */
  private final class Confirmation extends AttackActor {
    private final int ip;
    private final long citizen;
    private final long mobile;
    private byte[] token;

    Confirmation(ScenarioStats stats, long time, SimContext ctx, int ip, long citizen,
        long mobile) {
      super(stats, time, ctx);
      this.ip = ip;
      this.citizen = citizen;
      this.mobile = mobile;
    }

    @Override
    String role() {
      return OtpFlood.this.role();
    }

    @Override
    boolean act(SimEvent e, SimContext ctx) {
      long now = ctx.now();
      if (token == null) {
        token = ctx.newTokenId();
        ctx.request(e, Endpoint.CONFIRM_OTP, ip, userAgent, 200, 420, ctx.latency(80, 200));
        nextTime = now + 1_000 + ctx.rng.nextLong(2_000);
      } else {
        ctx.request(e, Endpoint.BENEFICIARIES, ip, userAgent, 200,
            600 + 450L * ctx.citizens.familySize(citizen), ctx.latency(40, 200));
        finish();
      }
      e.authType = AuthType.CITIZEN;
      e.principal = token;
      e.subject = mobile;
      return emit(e, ctx, citizen);
    }
  }
}
