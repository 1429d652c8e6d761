package org.apiaudit.simulate;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.SplittableRandom;

/**
 * What every actor shares: the clock, the one random source, the population, the schedule and
 * the ground truth. One instance per run; nothing here is static, so runs never interfere.
 */
final class SimContext {
  static final ZoneOffset IST = ZoneOffset.ofHoursMinutes(5, 30);
  static final long SECOND = 1000L;
  static final long MINUTE = 60 * SECOND;
  static final long HOUR = 60 * MINUTE;
  /** Citizen bearer tokens expire after about 15 minutes (gateway.md). */
  static final long TOKEN_LIFETIME = 15 * MINUTE;
  /** The published public limit: 100 calls per 5 minutes per IP. */
  static final int RATE_LIMIT_CALLS = 100;
  static final long RATE_LIMIT_WINDOW = 5 * MINUTE;

  private static final byte[] TOKEN_PREFIX = "tk-".getBytes(StandardCharsets.US_ASCII);

  final SplittableRandom rng;
  final Citizens citizens;
  final GroundTruth truth;
  final long startMillis;
  final long endMillis;
  final double scale;
  /** Carrier NAT egress addresses; low indexes are drawn more often (big NATs). */
  final int[] natPool;

  private final ActorSchedule schedule = new ActorSchedule();
  private long order;
  private long now;
  private long tokenCounter;
  private long cachedDay = Long.MIN_VALUE;
  private byte[] cachedQueryDate;

  SimContext(SimulationConfig config, SplittableRandom rng, GroundTruth truth) {
    this.rng = rng;
    this.truth = truth;
    this.scale = config.scale();
    this.startMillis = epochMillis(config.firstDay().atStartOfDay());
    this.endMillis = epochMillis(config.firstDay().plusDays(config.days()).atStartOfDay());
    long citizenCount = Math.min(400_000_000L, Math.max(100_000L, Math.round(20_000_000 * scale)));
    this.citizens = new Citizens(citizenCount, config.seed());
    this.tokenCounter = rng.nextLong(1L << 32);
    this.natPool = new int[(int) Math.max(8, Math.round(400 * scale))];
    for (int i = 0; i < natPool.length; i++) {
      natPool[i] = AddressSpace.randomHost(AddressSpace.CARRIER_NAT, rng);
    }
  }

  static long epochMillis(LocalDateTime ist) {
    return ist.toInstant(IST).toEpochMilli();
  }

  long now() {
    return now;
  }

  void advanceTo(long time) {
    now = time;
  }

  /** Adds an actor to the schedule; it acts at its {@code nextTime} (never in the past). */
  void schedule(Actor actor) {
    if (actor.nextTime < now) {
      actor.nextTime = now;
    }
    actor.order = order++;
    schedule.add(actor);
  }

  Actor nextActor() {
    return schedule.poll();
  }

  /** A fresh token id like {@code tk-9f2e11a4}: unique for the first 2^32 logins. */
  byte[] newTokenId() {
    AsciiBuffer b = new AsciiBuffer(11);
    b.append(TOKEN_PREFIX).appendHex(Mixer.mix32(tokenCounter++), 8);
    return b.toByteArray();
  }

  /** A uniformly random time in [from, from + spread). */
  long within(long from, long spread) {
    return from + rng.nextLong(Math.max(1, spread));
  }

  /** Latency in ms: a base, a uniform spread and a rare slow tail. */
  int latency(int base, int spread) {
    int ms = base + rng.nextInt(spread);
    if (rng.nextInt(64) == 0) {
      ms += rng.nextInt(3000);
    }
    return ms;
  }

  /** A carrier NAT address, skewed so that a few addresses carry many citizens. */
  int natAddress() {
    double u = rng.nextDouble();
    return natPool[(int) (u * u * natPool.length)];
  }

  int broadbandAddress() {
    return AddressSpace.randomHost(AddressSpace.BROADBAND, rng);
  }

  /** Appends {@code date=dd-mm-yyyy} for today (IST), as the public calendar APIs take it. */
  void appendQueryDate(AsciiBuffer query) {
    long day = Math.floorDiv(now + TimestampWriter.IST_OFFSET_MILLIS, TimestampWriter.DAY_MILLIS);
    if (day != cachedDay) {
      LocalDate d = LocalDate.ofEpochDay(day);
      AsciiBuffer b = new AsciiBuffer(16);
      b.append("date=").append2Digits(d.getDayOfMonth()).append((byte) '-')
          .append2Digits(d.getMonthValue()).append((byte) '-').appendLong(d.getYear());
      cachedQueryDate = b.toByteArray();
      cachedDay = day;
    }
    query.append(cachedQueryDate);
  }

  /** Fills the fields every request has. */
  void request(SimEvent e, Endpoint endpoint, int ip, UserAgent ua, int status, long bytes,
      int latencyMillis) {
    e.endpoint = endpoint;
    e.clientIp = ip;
    e.userAgent = ua;
    e.status = status;
    e.bytes = bytes;
    e.latencyMillis = latencyMillis;
  }
}
