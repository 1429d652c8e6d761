package org.apiaudit.canary;

import java.util.List;

/**
 * The outcome of a canary test: a verdict per probe and the overall conclusion. Rendered by
 * the {@code canary} command (text or JSON) and by the report's canary section; component
 * names are the JSON names. Times are UTC epoch ms, delays ms. No clear identifier appears:
 * subjects are pseudonyms.
 *
 * @param probesFile the probes file as given
 * @param windowMillis the window either side of each query
 * @param verdict {@code live-lookups-evidenced}, {@code no-live-lookup} (every probe covered or
 *     some covered, none looked up live) or {@code not-covered} (no probe window has events)
 * @param summary the conclusion in plain words
 * @param counts probes per verdict label, in {@link ProbeVerdict} order (zero counts included)
 * @param liveActors actors evidenced by live lookups, most probes first
 * @param delays the delay from each live-looked-up probe's query to its first live lookup, or
 *     null when there is none
 * @param probes one result per usable probe, in file order
 * @param problems probes-file rows that could not be used
 */
public record CanaryResult(
    String probesFile,
    long windowMillis,
    String verdict,
    String summary,
    java.util.Map<String, Integer> counts,
    List<LiveActor> liveActors,
    Delays delays,
    List<ProbeResult> probes,
    List<ProbeProblem> problems) {

  public static final String LIVE_LOOKUPS_EVIDENCED = "live-lookups-evidenced";
  public static final String NO_LIVE_LOOKUP = "no-live-lookup";
  public static final String NOT_COVERED = "not-covered";

  /**
   * One probe's result.
   *
   * @param line the probes-file line
   * @param subject the identifier's pseudonym
   * @param kind mobile, aadhaar or reference
   * @param queriedAt when it was typed into the bot
   * @param note the note (identifiers pseudonymised), or null
   * @param verdict a {@link ProbeVerdict#label()}
   * @param eventsInWindow events from anyone in {@code [queried_at - window, queried_at + window]}
   * @param eventsAfterQuery events from anyone in {@code [queried_at, queried_at + window]}: the
   *     coverage the verdict rests on
   * @param accessesAnyTime accesses to the subject anywhere in the index (record endpoints,
   *     not public or OTP)
   * @param firstLiveDelayMillis delay to the first live lookup, or -1
   * @param liveActor the actor of the first live lookup ({@code principal:...} or {@code ip:...}), or null
   * @param events every event about the subject in the window, oldest first
   */
  public record ProbeResult(
      long line,
      String subject,
      String kind,
      long queriedAt,
      String note,
      String verdict,
      long eventsInWindow,
      long eventsAfterQuery,
      long accessesAnyTime,
      long firstLiveDelayMillis,
      String liveActor,
      List<ProbeEvent> events) {}

  /**
   * One event about a probe's subject within its window.
   *
   * @param timestamp event time
   * @param delayMillis time since the query (negative: before it)
   * @param authType none, citizen, vaccinator or partner
   * @param principal token, vaccinator or partner client id, or null
   * @param ip client address
   * @param userAgent user agent as sent
   * @param endpoint the endpoint template
   * @param endpointClass public, otp, record-returning, vaccinator, partner or other
   * @param status HTTP status
   * @param access whether it counts as an access (not a public or OTP endpoint)
   * @param owner whether it came from the subject's own OTP session
   * @param flagged the detection verdict of the actor when it was flagged, or null
   * @param file source file
   * @param fileLine line in that file
   */
  public record ProbeEvent(
      long timestamp,
      long delayMillis,
      String authType,
      String principal,
      String ip,
      String userAgent,
      String endpoint,
      String endpointClass,
      Long status,
      boolean access,
      boolean owner,
      String flagged,
      String file,
      Long fileLine) {}

  /**
   * An actor that looked probes up live.
   *
   * @param actor {@code principal:...} or, without a principal, {@code ip:...}
   * @param authType its auth type
   * @param ips addresses it used for the live lookups
   * @param userAgents user agents it sent
   * @param probes probes it looked up live
   * @param flagged the detection verdict when detection flagged it, or null
   */
  public record LiveActor(
      String actor, String authType, List<String> ips, List<String> userAgents, int probes, String flagged) {}

  /** Delay from query to first live lookup over the live-looked-up probes, ms. */
  public record Delays(int probes, long minMillis, long medianMillis, long maxMillis) {}
}
