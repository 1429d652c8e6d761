package org.apiaudit.simulate;

/**
 * A slot-finder bot: polls the public calendar of a handful of districts or pincodes every few
 * seconds, around the clock, at machine cadence. Bots polling faster than the published limit
 * (100 calls per 5 minutes per IP) are answered 429 by the WAF for the rest of each window. It
 * touches no personal data: the benign automation that must not be called scraping.
 */
final class SlotBot extends Actor {
  private final int ip;
  private final UserAgent userAgent;
  private final int[] areas;
  private final boolean byPincode;
  private final long intervalMillis;
  private int nextArea;
  private long windowStart;
  private int windowCalls;

  SlotBot(long start, SimContext ctx, int ip, UserAgent userAgent, long intervalMillis) {
    super(start);
    this.ip = ip;
    this.userAgent = userAgent;
    this.intervalMillis = intervalMillis;
    this.byPincode = ctx.rng.nextBoolean();
    this.areas = new int[1 + ctx.rng.nextInt(4)];
    for (int i = 0; i < areas.length; i++) {
      areas[i] = byPincode ? 110_001 + ctx.rng.nextInt(750_000) : 1 + ctx.rng.nextInt(780);
    }
  }

  @Override
  boolean act(SimEvent e, SimContext ctx) {
    long now = ctx.now();
    if (now - windowStart >= SimContext.RATE_LIMIT_WINDOW) {
      windowStart = now;
      windowCalls = 0;
    }
    windowCalls++;
    boolean limited = windowCalls > SimContext.RATE_LIMIT_CALLS;
    Endpoint endpoint = byPincode ? Endpoint.CALENDAR_BY_PIN : Endpoint.CALENDAR_BY_DISTRICT;
    ctx.request(e, endpoint, ip, userAgent, limited ? 429 : 200,
        limited ? 162 : 1_500 + ctx.rng.nextInt(20_000), limited ? 1 + ctx.rng.nextInt(3)
            : ctx.latency(10, 60));
    if (limited) {
      e.waf = WafAction.BLOCK;
    }
    e.query.append(byPincode ? QueryKeys.PINCODE : QueryKeys.DISTRICT_ID).appendLong(areas[nextArea]);
    e.query.append((byte) '&');
    ctx.appendQueryDate(e.query);
    nextArea = (nextArea + 1) % areas.length;
    long jitter = intervalMillis / 50;
    nextTime = now + intervalMillis - jitter + ctx.rng.nextLong(2 * jitter + 1);
    return true;
  }
}
