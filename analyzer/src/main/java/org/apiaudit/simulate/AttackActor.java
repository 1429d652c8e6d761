package org.apiaudit.simulate;

import java.nio.charset.StandardCharsets;

/**
 * Base of every injected attacker. All its requests pass through {@link #emit}, which labels
 * the request's IP, principal and (distinctive) user agent and counts its subject, so that the
 * ground truth names every attacker identifier that appears in the logs, and nothing else.
 */
abstract class AttackActor extends Actor {
  /** Passed as {@code citizen} for the attacker's own logins: not a victim, not counted. */
  static final long OWN = -2;

  final ScenarioStats stats;
  final long windowStart;
  final long windowEnd;

  AttackActor(ScenarioStats stats, SimContext ctx) {
    this(stats, SimContext.epochMillis(stats.spec.start()), ctx);
  }

  AttackActor(ScenarioStats stats, long firstTime, SimContext ctx) {
    super(firstTime);
    this.stats = stats;
    this.windowStart = SimContext.epochMillis(stats.spec.start());
    this.windowEnd = windowStart + stats.spec.duration().toMillis();
  }

  /** The number of distinct subjects the parameters ask for. */
  int targetSubjects() {
    return stats.spec.subjects();
  }

  /**
   * Records an attacker's request already filled into {@code e}.
   *
   * @param citizen the citizen the subject belongs to; -1 when none (unregistered, non-existent,
   *     no subject); {@link #OWN} for the attacker's own login, whose subject is not counted
   * @return true, so that {@code act} can {@code return emit(...)}
   */
  boolean emit(SimEvent e, SimContext ctx, long citizen) {
    String scenario = stats.spec.kind().cliName();
    TruthClass truthClass = stats.spec.kind().truthClass();
    String role = role();
    ctx.truth.label("ip", AddressSpace.format(e.clientIp), truthClass, scenario, role);
    if (e.principal != null) {
      ctx.truth.label("principal", new String(e.principal, StandardCharsets.US_ASCII),
          truthClass, scenario, role);
    }
    if (e.userAgent != null && e.userAgent.distinctive) {
      ctx.truth.label("user_agent", e.userAgent.text, truthClass, scenario, role);
    }
    stats.evidence(e, citizen != OWN);
    stats.requests++;
    stats.firstSeen = Math.min(stats.firstSeen, e.epochMillis);
    stats.lastSeen = Math.max(stats.lastSeen, e.epochMillis);
    if (e.subject != SimEvent.NO_SUBJECT && citizen != OWN) {
      stats.subjects.add(e.subject);
    }
    if (e.status == 404) {
      stats.notFound++;
    } else if (e.status == 429) {
      stats.rateLimited++;
    }
    if (citizen == OWN) {
      return true;
    }
    if (citizen >= 0) {
      ctx.truth.touchedCitizens.add(citizen);
      if (e.status == 200 && returnsRecord(e.endpoint)) {
        stats.recordsReturned++;
        ctx.truth.scraped(citizen, e.subject, ctx.citizens);
      }
    }
    return true;
  }

  @Override
  boolean benign() {
    return false;
  }

  /** Marks a citizen as the attacker's own (a SIM it logged in with): never in a leak sample. */
  void ownCitizen(SimContext ctx, long citizen) {
    ctx.truth.touchedCitizens.add(citizen);
  }

  /** What the actor is, in plain words, for the labels. */
  abstract String role();

  /**
   * A cadence that spreads {@code count} steps over 90% of the window (leaving room for
   * re-logins), jittered by ±{@code jitterPercent}.
   */
  long gap(SimContext ctx, long count, int jitterPercent) {
    long mean = Math.max(50, (long) ((windowEnd - windowStart) * 0.9 / Math.max(1, count)));
    long jitter = mean * jitterPercent / 100;
    return mean - jitter + ctx.rng.nextLong(2 * jitter + 1);
  }

  static boolean returnsRecord(Endpoint endpoint) {
    switch (endpoint) {
      case BENEFICIARIES:
      case CERTIFICATE_DOWNLOAD:
      case VACCINATOR_SEARCH:
      case PARTNER_LOOKUP:
      case PARTNER_CERTIFICATE_PDF:
        return true;
      default:
        return false;
    }
  }
}
