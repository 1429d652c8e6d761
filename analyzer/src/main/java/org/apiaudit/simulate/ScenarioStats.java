package org.apiaudit.simulate;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What one injected scenario actually did, counted as its requests were written: the figures a
 * detection run should reproduce, and the facts its report should state (when the attack was
 * active, from which addresses and clients, whose records it received). Memory grows with the
 * attack's subjects, addresses and pauses, not with the traffic.
 */
final class ScenarioStats {
  /** A pause longer than this splits the attack's activity into two periods. */
  static final long ACTIVITY_GAP_MILLIS = 30 * SimContext.MINUTE;

  final ScenarioSpec spec;
  final Set<Long> subjects = new HashSet<>();
  long requests;
  long recordsReturned;
  long notFound;
  long rateLimited;
  long firstSeen = Long.MAX_VALUE;
  long lastSeen = Long.MIN_VALUE;

  /** The periods the attack's requests fall in, in time order. */
  final List<Period> activity = new ArrayList<>();
  /** Every client address, user agent and principal the attack's requests used. */
  final AddressSet attackerIps = new AddressSet();
  final Set<String> attackerUserAgents = new TreeSet<>();
  final Set<String> attackerPrincipals = new TreeSet<>();
  /** Subjects (as logged) whose record a 2xx answer on a record-returning endpoint gave away. */
  final Set<Long> subjectsReturned = new HashSet<>();
  /** The same, counted by the kind of identifier ({@link #kindOf}). */
  final TreeMap<String, Integer> subjectsReturnedByKind = new TreeMap<>();
  /**
   * The misused credential (credential-misuse scenarios; null otherwise) and the addresses and
   * clients its owner's own, benign traffic used: the victim's infrastructure.
   */
  byte[] victimPrincipal;
  final AddressSet victimIps = new AddressSet();
  final Set<String> victimUserAgents = new TreeSet<>();

  /** One stretch of activity without a pause over {@link #ACTIVITY_GAP_MILLIS}. */
  static final class Period {
    final long start;
    long end;
    long requests;

    Period(long start) {
      this.start = start;
      this.end = start;
    }
  }

  ScenarioStats(ScenarioSpec spec) {
    this.spec = spec;
  }

  /** Distinct subjects the scenario's requests named, the number its parameters set. */
  int distinctSubjects() {
    return subjects.size();
  }

  /**
   * Records the evidence of one request the attacker made (already filled into {@code e}):
   * activity, the identifiers it used, and the subject it received, if any. Requests arrive in
   * time order.
   *
   * @param victim false for the attacker's own login (its own mobile and family, read through
   *     a token issued for that mobile): that record is not counted as returned
   */
  void evidence(SimEvent e, boolean victim) {
    Period last = activity.isEmpty() ? null : activity.get(activity.size() - 1);
    if (last == null || e.epochMillis - last.end > ACTIVITY_GAP_MILLIS) {
      last = new Period(e.epochMillis);
      activity.add(last);
    }
    last.end = Math.max(last.end, e.epochMillis);
    last.requests++;
    attackerIps.add(e.clientIp);
    if (e.userAgent != null) {
      attackerUserAgents.add(e.userAgent.text);
    }
    if (e.principal != null) {
      attackerPrincipals.add(new String(e.principal, StandardCharsets.US_ASCII));
    }
    if (victim && e.subject != SimEvent.NO_SUBJECT && e.status >= 200 && e.status < 300
        && AttackActor.returnsRecord(e.endpoint) && subjectsReturned.add(e.subject)) {
      subjectsReturnedByKind.merge(kindOf(e.subject), 1, Integer::sum);
    }
  }

  /** Records a benign request made with the misused credential: its owner's infrastructure. */
  void victimRequest(SimEvent e) {
    victimIps.add(e.clientIp);
    if (e.userAgent != null) {
      victimUserAgents.add(e.userAgent.text);
    }
  }

  /**
   * The kind of a logged subject by its digits, named as the analyzer's {@code subject.kind}:
   * 10 digits {@code mobile}, 12 {@code aadhaar}, 14 {@code reference} (beneficiary reference
   * id), anything else {@code other}.
   */
  static String kindOf(long subject) {
    switch (Long.toString(subject).length()) {
      case 10: return "mobile";
      case 12: return "aadhaar";
      case 14: return "reference";
      default: return "other";
    }
  }
}
