package org.apiaudit.simulate;

import java.nio.charset.StandardCharsets;

/**
 * One citizen's visit, following gateway.md's normal flow: optional public calendar browsing,
 * generateOTP (subject = mobile), confirmOTP within three minutes (principal = the new token,
 * subject = the mobile), beneficiaries, then certificate downloads of the family's own
 * reference ids, sometimes a schedule. Some citizens come back after the token expired: the
 * stale token earns a 401 and they log in again with the same mobile.
 *
 * <p>The invariant rules rely on: a token only ever names its own mobile and its own family's
 * reference ids (at most six), plus at most one mistyped id answered 404, and only for
 * families of five or fewer.
 */
final class CitizenSession extends Actor {
  static final byte[] PORTAL =
      "https://selfregistration.cowin.gov.in/".getBytes(StandardCharsets.US_ASCII);

  private enum Step { BROWSE, GENERATE_OTP, CONFIRM_OTP, BENEFICIARIES, DOWNLOAD, SCHEDULE,
    RETURN }

  private final long citizen;
  private final long mobile;
  private final int family;
  private final int ip;
  private final int forwardedFor;
  private final UserAgent userAgent;
  private final boolean browser;
  private final long idleMinMillis;
  private final long idleSpreadMillis;

  private Step step;
  private int browsesLeft;
  private int returnsLeft;
  private int downloadsLeft;
  private int nextMember;
  private boolean typoPending;
  private boolean wrongOtpPending;
  private boolean scheduleWanted;
  private byte[] token;
  private long tokenIssuedAt;

  /**
   * @param returns how many times the citizen comes back after the token expired
   * @param idleMinMillis shortest pause before coming back
   * @param idleSpreadMillis how much longer the pause may be
   */
  CitizenSession(long start, SimContext ctx, long citizen, int ip, int returns,
      long idleMinMillis, long idleSpreadMillis) {
    super(start);
    this.citizen = citizen;
    this.mobile = ctx.citizens.mobile(citizen);
    this.family = ctx.citizens.familySize(citizen);
    this.ip = ip;
    this.forwardedFor = ctx.rng.nextInt(50) == 0 ? (10 << 24) | ctx.rng.nextInt(1 << 24) : 0;
    this.browser = ctx.rng.nextInt(100) < 40;
    this.userAgent = UserAgents.pick(browser ? UserAgents.BROWSERS : UserAgents.CITIZEN_APPS,
        ctx.rng);
    this.browsesLeft = browser ? ctx.rng.nextInt(4) : ctx.rng.nextInt(2);
    this.returnsLeft = returns;
    this.idleMinMillis = idleMinMillis;
    this.idleSpreadMillis = idleSpreadMillis;
    this.typoPending = family <= 5 && ctx.rng.nextInt(100) < 3;
    this.wrongOtpPending = ctx.rng.nextInt(100) < 5;
    this.scheduleWanted = ctx.rng.nextInt(100) < 10;
    this.step = browsesLeft > 0 ? Step.BROWSE : Step.GENERATE_OTP;
  }

  /** A typical visit: one in eight comes back once or twice after the token expired. */
  static CitizenSession typical(long start, SimContext ctx) {
    long citizen = ctx.citizens.randomCitizen(ctx.rng);
    int ip = ctx.rng.nextInt(100) < 70 ? ctx.natAddress() : ctx.broadbandAddress();
    int returns = ctx.rng.nextInt(8) == 0 ? 1 + ctx.rng.nextInt(2) : 0;
    return new CitizenSession(start, ctx, citizen, ip, returns, 16 * SimContext.MINUTE,
        25 * SimContext.MINUTE);
  }

  @Override
  boolean act(SimEvent e, SimContext ctx) {
    long now = ctx.now();
    e.referrer = browser ? PORTAL : null;
    e.forwardedFor = forwardedFor;
    switch (step) {
      case BROWSE:
        return browse(e, ctx, now);
      case GENERATE_OTP:
        return generateOtp(e, ctx, now);
      case CONFIRM_OTP:
        return confirmOtp(e, ctx, now);
      case BENEFICIARIES:
        return beneficiaries(e, ctx, now);
      case DOWNLOAD:
        return download(e, ctx, now);
      case SCHEDULE:
        ctx.request(e, Endpoint.SCHEDULE, ip, userAgent, 200, 120 + ctx.rng.nextInt(80),
            ctx.latency(60, 200));
        citizenAuth(e, SimEvent.NO_SUBJECT);
        scheduleWanted = false;
        afterDownloads(ctx, now);
        return true;
      case RETURN:
      default:
        return comeBack(e, ctx, now);
    }
  }

  private boolean browse(SimEvent e, SimContext ctx, long now) {
    int district = 1 + ctx.rng.nextInt(780);
    ctx.request(e, Endpoint.CALENDAR_BY_DISTRICT, ip, userAgent, 200,
        2_000 + ctx.rng.nextInt(30_000), ctx.latency(15, 80));
    e.query.append(QueryKeys.DISTRICT_ID).appendLong(district).append((byte) '&');
    ctx.appendQueryDate(e.query);
    browsesLeft--;
    if (browsesLeft == 0) {
      step = Step.GENERATE_OTP;
    }
    nextTime = now + 3 * SimContext.SECOND + ctx.rng.nextLong(20 * SimContext.SECOND);
    return true;
  }

  private boolean generateOtp(SimEvent e, SimContext ctx, long now) {
    ctx.request(e, browser ? Endpoint.GENERATE_MOBILE_OTP : Endpoint.GENERATE_OTP, ip, userAgent,
        200, 52, ctx.latency(120, 400));
    e.subject = mobile;
    if (ctx.rng.nextInt(100) < 4) {
      finish();
      return true;
    }
    step = Step.CONFIRM_OTP;
    nextTime = now + 15 * SimContext.SECOND + ctx.rng.nextLong(100 * SimContext.SECOND);
    return true;
  }

  private boolean confirmOtp(SimEvent e, SimContext ctx, long now) {
    Endpoint endpoint = browser ? Endpoint.VALIDATE_MOBILE_OTP : Endpoint.CONFIRM_OTP;
    if (wrongOtpPending) {
      wrongOtpPending = false;
      ctx.request(e, endpoint, ip, userAgent, 401, 38, ctx.latency(60, 200));
      e.subject = mobile;
      nextTime = now + 10 * SimContext.SECOND + ctx.rng.nextLong(30 * SimContext.SECOND);
      return true;
    }
    token = ctx.newTokenId();
    tokenIssuedAt = now;
    ctx.request(e, endpoint, ip, userAgent, 200, 420, ctx.latency(80, 300));
    citizenAuth(e, mobile);
    step = Step.BENEFICIARIES;
    nextTime = now + SimContext.SECOND + ctx.rng.nextLong(4 * SimContext.SECOND);
    return true;
  }

  private boolean beneficiaries(SimEvent e, SimContext ctx, long now) {
    ctx.request(e, Endpoint.BENEFICIARIES, ip, userAgent, 200, 600 + 450L * family,
        ctx.latency(40, 200));
    citizenAuth(e, mobile);
    downloadsLeft = 1 + ctx.rng.nextInt(family);
    step = Step.DOWNLOAD;
    nextTime = now + 5 * SimContext.SECOND + ctx.rng.nextLong(35 * SimContext.SECOND);
    return true;
  }

  private boolean download(SimEvent e, SimContext ctx, long now) {
    long reference;
    if (typoPending) {
      typoPending = false;
      reference = ctx.citizens.typoReference(citizen);
      ctx.request(e, Endpoint.CERTIFICATE_DOWNLOAD, ip, userAgent, 404, 41,
          ctx.latency(30, 100));
    } else {
      reference = ctx.citizens.reference(citizen, nextMember % family);
      nextMember++;
      downloadsLeft--;
      ctx.request(e, Endpoint.CERTIFICATE_DOWNLOAD, ip, userAgent, 200,
          40_000 + ctx.rng.nextInt(20_000), ctx.latency(90, 400));
      ctx.truth.ownerDownloads.add(reference);
    }
    e.query.append(QueryKeys.REFERENCE_ID).appendLong(reference);
    citizenAuth(e, reference);
    if (downloadsLeft > 0 || typoPending) {
      nextTime = now + 5 * SimContext.SECOND + ctx.rng.nextLong(35 * SimContext.SECOND);
    } else {
      afterDownloads(ctx, now);
    }
    return true;
  }

  private void afterDownloads(SimContext ctx, long now) {
    if (scheduleWanted) {
      step = Step.SCHEDULE;
      nextTime = now + 10 * SimContext.SECOND + ctx.rng.nextLong(60 * SimContext.SECOND);
    } else if (returnsLeft > 0) {
      returnsLeft--;
      step = Step.RETURN;
      nextTime = now + idleMinMillis + ctx.rng.nextLong(Math.max(1, idleSpreadMillis));
    } else {
      finish();
    }
  }

  /** Back after a pause: the stale token is refused, then the citizen logs in again. */
  private boolean comeBack(SimEvent e, SimContext ctx, long now) {
    long reference = ctx.citizens.reference(citizen, 0);
    if (now - tokenIssuedAt <= SimContext.TOKEN_LIFETIME) {
      step = Step.DOWNLOAD;
      downloadsLeft = 1 + ctx.rng.nextInt(family);
      return download(e, ctx, now);
    }
    ctx.request(e, Endpoint.CERTIFICATE_DOWNLOAD, ip, userAgent, 401, 38, ctx.latency(10, 40));
    e.query.append(QueryKeys.REFERENCE_ID).appendLong(reference);
    citizenAuth(e, reference);
    step = Step.GENERATE_OTP;
    nextTime = now + 5 * SimContext.SECOND + ctx.rng.nextLong(25 * SimContext.SECOND);
    return true;
  }

  private void citizenAuth(SimEvent e, long subject) {
    e.authType = AuthType.CITIZEN;
    e.principal = token;
    e.subject = subject;
  }

  /** The current token id, for labelling look-alikes. */
  byte[] token() {
    return token;
  }
}
