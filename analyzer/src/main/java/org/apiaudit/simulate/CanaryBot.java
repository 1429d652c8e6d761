package org.apiaudit.simulate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The bot of a canary test ({@code --canary live|offline}) and the probes investigators typed
 * into it.
 *
 * <p>Probes are registered citizens' mobiles, typed at whole seconds spread over the bot's
 * window: the {@code vaccinator-misuse} scenario's window when it runs (the bot's backend is
 * that misused credential: same vaccinator id, address and client), otherwise the whole run
 * with a vaccinator credential of its own from a hosting address. A live bot calls the
 * vaccinator search about each probe {@link #MIN_DELAY_MILLIS}-{@link #MAX_DELAY_MILLIS} ms
 * after it was typed; an offline bot never calls.
 *
 * <p>Every choice comes from a random source of its own, derived from the seed, so a run
 * without {@code --canary} draws exactly what it drew before the canary existed, and its files
 * stay byte-identical.
 */
final class CanaryBot extends Actor {
  static final long MIN_DELAY_MILLIS = 2_000;
  static final long MAX_DELAY_MILLIS = 8_000;
  /** Salt of the bot's own random source ("canary"). */
  private static final long SALT = 0x63616e617279L;
  private static final DateTimeFormatter ISO_SECONDS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX", Locale.ROOT).withZone(SimContext.IST);

  /**
   * One probe as planted.
   *
   * @param mobile the clear mobile (written only to probes.csv)
   * @param queriedAt when it was typed into the bot, epoch ms (whole seconds)
   * @param delayMillis how long after that the live bot called; -1 for an offline bot
   */
  record Planted(long mobile, long queriedAt, long delayMillis) {}

  final CanaryMode mode;
  final List<Planted> probes;
  /** Scenario the bot's credential belongs to: {@code vaccinator-misuse} or {@code canary}. */
  final String scenario;
  final Vaccinator vaccinator;
  final int ip;
  final UserAgent userAgent;
  /**
   * The vaccinator-misuse scenario's figures when the bot is its backend, else null: the bot's
   * lookups are that attacker's requests, so its activity, identifiers and the records it
   * received count in that scenario's evidence (not in its {@code requests}, which count the
   * scenario's own actor).
   */
  private final ScenarioStats misuseStats;
  private final SplittableRandom rng;
  private int next;

  private CanaryBot(CanaryMode mode, List<Planted> probes, String scenario, Vaccinator vaccinator, int ip,
      UserAgent userAgent, ScenarioStats misuseStats, SplittableRandom rng) {
    super(probes.isEmpty() || mode == CanaryMode.OFFLINE ? Long.MAX_VALUE
        : probes.get(0).queriedAt() + probes.get(0).delayMillis());
    this.mode = mode;
    this.probes = List.copyOf(probes);
    this.scenario = scenario;
    this.vaccinator = vaccinator;
    this.ip = ip;
    this.userAgent = userAgent;
    this.misuseStats = misuseStats;
    this.rng = rng;
  }

  /**
   * Plans the probes and, for a live bot, schedules it.
   *
   * @param misuse the vaccinator-misuse attacker when that scenario runs, else null
   */
  static CanaryBot plant(SimulationConfig config, SimContext ctx, BenignPopulation population,
      VaccinatorMisuse misuse) {
    SplittableRandom rng = new SplittableRandom(Mixer.mix64(config.seed() ^ SALT));
    Vaccinator vaccinator;
    int ip;
    UserAgent ua;
    long from;
    long to;
    String scenario;
    if (misuse != null) {
      vaccinator = misuse.vaccinator;
      ip = misuse.ip;
      ua = misuse.userAgent;
      long span = misuse.windowEnd - misuse.windowStart;
      from = misuse.windowStart + 5 * SimContext.MINUTE;
      to = misuse.windowStart + span * 8 / 10;
      scenario = ScenarioKind.VACCINATOR_MISUSE.cliName();
    } else {
      vaccinator = population.vaccinators[rng.nextInt(population.vaccinators.length)];
      ip = AddressSpace.randomHost(AddressSpace.HOSTING, rng);
      ua = UserAgents.ATTACK_HEADLESS;
      from = ctx.startMillis + SimContext.HOUR;
      to = ctx.endMillis - SimContext.HOUR;
      scenario = "canary";
    }
    int n = config.canaryProbes();
    long slot = Math.max(SimContext.SECOND, (to - from) / n);
    List<Planted> probes = new ArrayList<>(n);
    Set<Long> used = new HashSet<>();
    for (int i = 0; i < n; i++) {
      long mobile;
      do {
        mobile = ctx.citizens.mobile(ctx.citizens.randomCitizen(rng));
      } while (!used.add(mobile));
      long at = from + i * slot + rng.nextLong(Math.max(1, slot / 2));
      at -= Math.floorMod(at, SimContext.SECOND);
      long delay = config.canary() == CanaryMode.LIVE
          ? MIN_DELAY_MILLIS + rng.nextLong(MAX_DELAY_MILLIS - MIN_DELAY_MILLIS + 1) : -1;
      probes.add(new Planted(mobile, at, delay));
    }
    CanaryBot bot = new CanaryBot(config.canary(), probes, scenario, vaccinator, ip, ua,
        misuse == null ? null : misuse.stats, rng);
    if (bot.mode == CanaryMode.LIVE && !probes.isEmpty()) {
      ctx.schedule(bot);
    }
    return bot;
  }

  @Override
  boolean benign() {
    return false;
  }

  @Override
  boolean act(SimEvent e, SimContext ctx) {
    Planted p = probes.get(next++);
    e.authType = AuthType.VACCINATOR;
    e.principal = vaccinator.idBytes;
    e.facility = vaccinator.facility;
    e.district = vaccinator.district;
    ctx.request(e, Endpoint.VACCINATOR_SEARCH, ip, userAgent, 200, 900 + rng.nextInt(800), 40 + rng.nextInt(160));
    e.query.append(QueryKeys.MOBILE).appendLong(p.mobile());
    e.subject = p.mobile();
    ctx.truth.label("ip", AddressSpace.format(ip), TruthClass.CREDENTIAL_MISUSE, scenario, role());
    ctx.truth.label("principal", vaccinator.id, TruthClass.CREDENTIAL_MISUSE, scenario, role());
    if (userAgent.distinctive) {
      ctx.truth.label("user_agent", userAgent.text, TruthClass.CREDENTIAL_MISUSE, scenario, role());
    }
    if (misuseStats != null) {
      misuseStats.evidence(e, true);
    }
    if (next < probes.size()) {
      Planted q = probes.get(next);
      nextTime = q.queriedAt() + q.delayMillis();
    } else {
      finish();
    }
    return true;
  }

  private String role() {
    return "canary bot backend looking probes up live through vaccinator " + vaccinator.id;
  }

  /** Writes {@code probes.csv}: the header {@code identifier,queried_at,note}, one row per probe. */
  void writeProbes(Path file) throws IOException {
    StringBuilder csv = new StringBuilder("identifier,queried_at,note\n");
    for (int i = 0; i < probes.size(); i++) {
      Planted p = probes.get(i);
      csv.append(p.mobile()).append(',').append(isoSeconds(p.queriedAt())).append(",probe ").append(i + 1).append('\n');
    }
    Files.writeString(file, csv, StandardCharsets.US_ASCII);
  }

  static String isoSeconds(long epochMillis) {
    return ISO_SECONDS.format(Instant.ofEpochMilli(epochMillis));
  }
}
