package org.apiaudit.simulate;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * {@code clean}: adds the busiest benign look-alikes of detections.md on top of the baseline,
 * each labelled with what it really is: a family re-logging every quarter hour all day and
 * downloading the same certificates, a busy vaccination camp, slot bots hammering the limit,
 * the biggest carrier NAT address, and a family of six whose certificates are all downloaded
 * within an hour along with one mistyped reference id. Nothing here reads anyone else's record.
 */
final class CleanLookalikes {
  private static final String SCENARIO = ScenarioKind.CLEAN.cliName();
  /** Salt of the large families' own random source ("family6"). */
  private static final long LARGE_FAMILY_SALT = 0x66616d696c7936L;

  private CleanLookalikes() {}

  static void install(SimContext ctx, int days, long seed) {
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
    // Drawn from a source of its own, derived from the seed, so that the other look-alikes and
    // the baseline draw what they drew before this one was added.
    SplittableRandom rng = new SplittableRandom(Mixer.mix64(seed ^ LARGE_FAMILY_SALT));
    for (int d = 0; d < days; d++) {
      long dayStart = ctx.startMillis + d * TimestampWriter.DAY_MILLIS;
      ctx.schedule(new LargeFamily(dayStart + 9 * SimContext.HOUR + rng.nextLong(11 * SimContext.HOUR),
          ctx, rng));
    }
  }

  /**
   * A citizen whose family has the most members a login may hold, six, logs in once and within
   * an hour downloads all six certificates plus one reference id mistyped on the way (the unused
   * slot after the family's ids, answered 404): seven distinct reference ids through one token,
   * one more than a family has, and still no one else's record. Its token is labelled {@code
   * no-sign}.
   */
  static final class LargeFamily extends Actor {
    static final String ROLE = "large family plus one mistyped reference";
    private enum Step { GENERATE_OTP, CONFIRM_OTP, BENEFICIARIES, DOWNLOAD }

    private final SplittableRandom rng;
    private final long citizen;
    private final long mobile;
    private final int ip;
    private final UserAgent userAgent;
    /** Position among the seven downloads at which the mistyped id is asked for. */
    private final int typoAt;
    private Step step = Step.GENERATE_OTP;
    private byte[] token;
    private int downloads;

    LargeFamily(long start, SimContext ctx, SplittableRandom rng) {
      super(start);
      this.rng = rng;
      long c = ctx.citizens.randomCitizen(rng);
      while (ctx.citizens.familySize(c) < Citizens.MAX_FAMILY) {
        c = ctx.citizens.randomCitizen(rng);
      }
      this.citizen = c;
      this.mobile = ctx.citizens.mobile(c);
      this.ip = ctx.natPool[rng.nextInt(ctx.natPool.length)];
      this.userAgent = UserAgents.pick(UserAgents.CITIZEN_APPS, rng);
      this.typoAt = 1 + rng.nextInt(Citizens.MAX_FAMILY);
    }

    @Override
    boolean act(SimEvent e, SimContext ctx) {
      long now = ctx.now();
      switch (step) {
        case GENERATE_OTP:
          ctx.request(e, Endpoint.GENERATE_OTP, ip, userAgent, 200, 52, 120 + rng.nextInt(300));
          e.subject = mobile;
          step = Step.CONFIRM_OTP;
          nextTime = now + 20 * SimContext.SECOND + rng.nextLong(60 * SimContext.SECOND);
          return true;
        case CONFIRM_OTP:
          token = ctx.newTokenId();
          ctx.truth.label("principal", new String(token, StandardCharsets.US_ASCII),
              TruthClass.NO_SIGN, SCENARIO, ROLE);
          ctx.request(e, Endpoint.CONFIRM_OTP, ip, userAgent, 200, 420, 80 + rng.nextInt(300));
          auth(e, mobile);
          step = Step.BENEFICIARIES;
          nextTime = now + SimContext.SECOND + rng.nextLong(4 * SimContext.SECOND);
          return true;
        case BENEFICIARIES:
          ctx.request(e, Endpoint.BENEFICIARIES, ip, userAgent, 200,
              600 + 450L * Citizens.MAX_FAMILY, 40 + rng.nextInt(200));
          auth(e, mobile);
          step = Step.DOWNLOAD;
          nextTime = now + 10 * SimContext.SECOND + rng.nextLong(50 * SimContext.SECOND);
          return true;
        case DOWNLOAD:
        default:
          return download(e, ctx, now);
      }
    }

    /** Seven downloads, 20 s to 3 min apart: all within about twenty minutes of the login. */
    private boolean download(SimEvent e, SimContext ctx, long now) {
      long reference;
      if (downloads == typoAt) {
        reference = ctx.citizens.typoReference(citizen);
        ctx.request(e, Endpoint.CERTIFICATE_DOWNLOAD, ip, userAgent, 404, 41, 30 + rng.nextInt(100));
      } else {
        int member = downloads < typoAt ? downloads : downloads - 1;
        reference = ctx.citizens.reference(citizen, member);
        ctx.request(e, Endpoint.CERTIFICATE_DOWNLOAD, ip, userAgent, 200,
            40_000 + rng.nextInt(20_000), 90 + rng.nextInt(400));
        ctx.truth.ownerDownloads.add(reference);
      }
      e.query.append(QueryKeys.REFERENCE_ID).appendLong(reference);
      auth(e, reference);
      downloads++;
      if (downloads > Citizens.MAX_FAMILY) {
        finish();
      } else {
        nextTime = now + 20 * SimContext.SECOND + rng.nextLong(160 * SimContext.SECOND);
      }
      return true;
    }

    private void auth(SimEvent e, long subject) {
      e.authType = AuthType.CITIZEN;
      e.principal = token;
      e.subject = subject;
    }
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
