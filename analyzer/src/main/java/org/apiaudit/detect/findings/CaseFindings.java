package org.apiaudit.detect.findings;

import java.util.List;

/**
 * The findings contract: everything detection concludes about a case, as written to
 * {@code findings.json} and read back by the report step.
 *
 * <p>Field names are stable; {@link #schemaVersion} changes when they do. All times are UTC
 * epoch milliseconds. No clear personal identifier ever appears: subjects are pseudonyms and
 * evidence lines are the masked lines stored in the index.
 *
 * @param schemaVersion version of this contract ({@link #SCHEMA_VERSION})
 * @param conclusion the case conclusion and the hypotheses
 * @param coverage what the conclusion rests on
 * @param incidents the attacks found: actors judged scraping or credential misuse, grouped one
 *     per attack, with windows, indicators and records exposed measured on the attack's events
 * @param actors one entry per flagged or examined actor, most severe first (the drill-down)
 * @param rules the rules that were run, with their thresholds
 * @param leak leak correlation, or null when no leak sample was given
 */
public record CaseFindings(
    String schemaVersion,
    Conclusion conclusion,
    Coverage coverage,
    List<Incident> incidents,
    List<ActorFinding> actors,
    List<RuleRun> rules,
    LeakCorrelation leak) {

  public static final String SCHEMA_VERSION = "2";

  /** A measured value or confidence as the findings carry it: three decimals. */
  public static double round(double v) {
    return Math.round(v * 1000.0) / 1000.0;
  }

  /**
   * The bottom line of the case.
   *
   * @param verdict {@code direct-api-scraping-evidenced}, {@code credential-misuse-evidenced},
   *     {@code no-sign-of-direct-api-scraping} or {@code inconclusive}
   * @param scrapingEvidenced whether direct API scraping (H1) is evidenced
   * @param credentialMisuseEvidenced whether authorised-credential misuse (H2) is evidenced
   * @param confidence 0..1
   * @param summary the bottom line in plain words (no personal data)
   * @param subjectsAffected distinct subjects whose records were returned to the incidents'
   *     events (the union over {@link CaseFindings#incidents})
   * @param subjectsAffectedByKind the same by identifier kind ({@code subject.kind})
   * @param firstSeen start of the first incident window, or -1
   * @param lastSeen end of the last incident window, or -1
   * @param hypotheses H1, H2, H3 with their verdicts
   */
  public record Conclusion(
      String verdict,
      boolean scrapingEvidenced,
      boolean credentialMisuseEvidenced,
      double confidence,
      String summary,
      long subjectsAffected,
      java.util.Map<String, Long> subjectsAffectedByKind,
      long firstSeen,
      long lastSeen,
      List<Hypothesis> hypotheses) {}

  /**
   * One attack: the actors that belong to it and the facts measured on its own events.
   *
   * @param id {@code INC-1}, {@code INC-2}, … in order of first activity
   * @param verdict {@code scraping} or {@code credential-misuse}
   * @param title one line saying what happened
   * @param confidence 0..1, the highest of its actors'
   * @param windows the periods of the anomalous activity, split where it pauses over 30 minutes
   * @param actors the actors and cluster members ({@code kind:value}) that make it up
   * @param indicators addresses, /24s, user agents and principals used by the attack and by nothing
   *     else in the analysed window: safe to share and block
   * @param context values the attack used that other traffic used too: never to be blocked
   * @param requests the attack's requests
   * @param subjectsAffected distinct subjects whose record a record-returning endpoint returned
   *     (2xx) to the attack's requests
   * @param subjectsAffectedByKind the same by identifier kind
   * @param subjectsTargeted distinct subjects the attack asked record-returning endpoints for,
   *     whatever the answer
   * @param evidence lines from inside the windows, spread over them, record-returning requests first
   * @param rules titles of the distinct rules that fired for its actors
   * @param decidesCase whether it is evidence enough to conclude scraping or misuse for the case:
   *     two distinct rules agree, or records of at least 50 people were returned; otherwise it
   *     is reported and named, but the case conclusion does not rest on it (one household's
   *     oddity must not make a national finding)
   */
  public record Incident(
      String id,
      String verdict,
      String title,
      double confidence,
      List<Window> windows,
      List<String> actors,
      List<Indicator> indicators,
      List<ContextValue> context,
      long requests,
      long subjectsAffected,
      java.util.Map<String, Long> subjectsAffectedByKind,
      long subjectsTargeted,
      List<Evidence> evidence,
      List<String> rules,
      boolean decidesCase) {}

  /** A period of an incident, ISO-8601 instants (UTC, with offset {@code Z}), inclusive. */
  public record Window(String start, String end) {}

  /**
   * A value to share and block.
   *
   * @param type {@code ipv4}, {@code ipv6}, {@code subnet}, {@code user-agent} or {@code principal}
   * @param value as logged
   * @param firstSeen first use by the attack, ISO-8601
   * @param lastSeen last use by the attack, ISO-8601
   * @param events the attack's requests with it (all its requests in the analysed window)
   */
  public record Indicator(String type, String value, String firstSeen, String lastSeen, long events) {}

  /** A value seen with an attack but shared with other traffic, and why it is no indicator. */
  public record ContextValue(String type, String value, String reason) {}

  /**
   * One hypothesis of incident.md.
   *
   * @param id {@code H1}, {@code H2} or {@code H3}
   * @param title e.g. "direct API scraping"
   * @param verdict {@code supported}, {@code refuted} or {@code inconclusive}
   * @param confidence 0..1
   * @param reason why, in one or two sentences
   * @param actors the actors ({@code kind:value}) whose findings decide it
   */
  public record Hypothesis(
      String id, String title, String verdict, double confidence, String reason, List<String> actors) {}

  /**
   * The coverage a conclusion rests on.
   *
   * @param from first event in the analysed window
   * @param to last event in the analysed window
   * @param events events analysed
   * @param recordEvents events on record-returning endpoints
   * @param channels events per {@code auth.type} (citizen, vaccinator, partner, none)
   * @param fieldsMissing schema fields absent from all events (e.g. auth fields in plain
   *     combined logs), which limits what the rules could see
   * @param gaps hours with no or unusually few events
   * @param rulesLoaded rule documents loaded and run
   * @param rulesSkipped rule documents not run, each with its reason (deprecated status, or under
   *     {@code --skip-unsupported} a construct this analyzer cannot run exactly)
   */
  public record Coverage(
      long from,
      long to,
      long events,
      long recordEvents,
      java.util.Map<String, Long> channels,
      List<String> fieldsMissing,
      List<Gap> gaps,
      int rulesLoaded,
      List<SkippedRule> rulesSkipped) {
    public Coverage {
      rulesSkipped = rulesSkipped == null ? List.of() : List.copyOf(rulesSkipped);
    }
  }

  /**
   * A rule document that was not run.
   *
   * @param file the rule file relative to the rules folder
   * @param line its line, 0 when unknown
   * @param rule its id, or null when it could not be read that far
   * @param reason why
   */
  public record SkippedRule(String file, int line, String rule, String reason) {}

  /**
   * A stretch of time with no events or unusually few.
   *
   * @param kind {@code no-events} or {@code low}
   */
  public record Gap(long from, long to, long events, String kind) {}

  /**
   * What was concluded about one actor.
   *
   * @param kind {@code ip}, {@code subnet}, {@code principal}, {@code user_agent} or {@code cluster}
   * @param value the identifier exactly as in the logs (for a cluster, a label)
   * @param members a cluster's members; empty otherwise
   * @param verdict {@code scraping}, {@code credential-misuse}, {@code benign-automation},
   *     {@code suspicious} or {@code no-sign}
   * @param confidence 0..1
   * @param rules the rules that fired, with measured values and thresholds
   * @param firstSeen first request, epoch ms
   * @param lastSeen last request, epoch ms
   * @param requests number of requests
   * @param distinctSubjects distinct subjects (pseudonyms) touched
   * @param endpoints requests per {@code url.template}
   * @param statuses requests per status code
   * @param ips source IPs seen for this actor (at most a few dozen, most frequent first)
   * @param userAgents user agents seen for this actor (most frequent first)
   * @param evidence sample evidence lines
   */
  public record ActorFinding(
      String kind,
      String value,
      List<ActorRef> members,
      String verdict,
      double confidence,
      List<RuleHit> rules,
      long firstSeen,
      long lastSeen,
      long requests,
      long distinctSubjects,
      java.util.Map<String, Long> endpoints,
      java.util.Map<String, Long> statuses,
      List<String> ips,
      List<String> userAgents,
      List<Evidence> evidence) {}

  /** An actor identifier: {@code kind} as in {@link ActorFinding#kind()} and its value. */
  public record ActorRef(String kind, String value) {}

  /**
   * One rule that fired for an actor.
   *
   * @param ruleId the rule's id
   * @param title the rule's title
   * @param level Sigma level (informational, low, medium, high, critical)
   * @param measured the measured value (count, share, ratio) that crossed the threshold
   * @param threshold the threshold it was compared with
   * @param comparison {@code gt}, {@code gte}, {@code lt}, {@code lte} or {@code eq}
   * @param firstSeen start of the window in which it fired
   * @param lastSeen end of that window
   */
  public record RuleHit(
      String ruleId,
      String title,
      String level,
      double measured,
      double threshold,
      String comparison,
      long firstSeen,
      long lastSeen) {}

  /**
   * A sample evidence line.
   *
   * @param file source file as ingested
   * @param line 1-based line number in that file
   * @param timestamp event time
   * @param maskedLine the line with personal identifiers pseudonymised
   */
  public record Evidence(String file, long line, long timestamp, String maskedLine) {}

  /**
   * A rule that was run.
   *
   * @param id rule id
   * @param title rule title
   * @param file rule file, relative to the rules folder
   * @param level Sigma level
   * @param modified the rule's {@code modified} (or {@code date}) field
   * @param sha256 digest of the rule file
   */
  public record RuleRun(String id, String title, String file, String level, String modified, String sha256) {}

  /**
   * Leak correlation against a sample of identifiers seen in the leak.
   *
   * @param sampleSize identifiers in the sample
   * @param accessed how many were accessed at all in the window
   * @param accessedByFlagged how many were accessed by an actor judged scraping or misuse
   * @param ownerOnly how many were accessed only through their owner's own OTP session
   * @param byEndpoint accesses per endpoint template
   * @param byActor sample subjects accessed per actor ({@code kind:value})
   * @param subjects per-subject detail (pseudonyms only)
   */
  public record LeakCorrelation(
      int sampleSize,
      int accessed,
      int accessedByFlagged,
      int ownerOnly,
      java.util.Map<String, Long> byEndpoint,
      java.util.Map<String, Long> byActor,
      List<LeakSubject> subjects) {}

  /**
   * One leak-sample subject.
   *
   * @param pseudonym the subject's pseudonym
   * @param accesses events about it
   * @param status {@code not-accessed}, {@code owner-only}, {@code role-baseline} or
   *     {@code flagged-actor}
   * @param actors actors ({@code kind:value}) that accessed it
   * @param firstAccess first access, or -1
   */
  public record LeakSubject(String pseudonym, long accesses, String status, List<String> actors, long firstAccess) {}
}
