package org.apiaudit.canary;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.search.Query;
import org.apiaudit.index.FieldQueries;
import org.apiaudit.privacy.Pseudonymizer;
import org.apiaudit.schema.Field;
import org.apiaudit.search.EventSearcher;
import org.apiaudit.search.Hit;

/**
 * Runs the canary test over an index: for each probe, every event about its subject within
 * {@code window} either side of the query, the coverage of that window, and a verdict.
 *
 * <p>Verdicts ({@link ProbeVerdict}) look at the part of the window after the query, where a live
 * lookup shows: {@code not-covered} when no event at all (from anyone) falls there, because a gap
 * in the logs proves nothing; otherwise {@code live-lookup} when an access about the subject
 * (an endpoint that is neither public nor OTP) came from an actor other than the subject's own
 * OTP session, {@code owner-only} when every such access came from that session, and
 * {@code no-access} when there was none. The subject's own OTP session is a citizen token that
 * a {@code confirmOTP}/{@code validateMobileOtp} line, anywhere in the index, issued for this
 * very subject (the gateway logs the new token as principal and the mobile as subject there).
 * Events before the query are listed with a negative delay but never decide.
 *
 * <p>Reads doc values only; the probes are already pseudonymised, so no clear identifier is
 * ever held here.
 */
public final class CanaryAnalyzer {
  /** Window either side of each query: a live backend answers within seconds, a human in minutes. */
  public static final long DEFAULT_WINDOW_MILLIS = 10 * 60_000L;

  private static final Set<String> NOT_ACCESS = Set.of("public", "otp");

  /**
   * Reads {@code probesFile} (pseudonymising with {@code pseudonymizer}) and analyses it: the
   * one call an embedding command ({@code investigate}) needs.
   */
  public CanaryResult analyze(DirectoryReader reader, Pseudonymizer pseudonymizer, Path probesFile,
      long windowMillis, FlaggedActors flagged) {
    return analyze(reader, new ProbeReader(pseudonymizer).read(probesFile), windowMillis, flagged);
  }

  /** Analyses probes already read. */
  public CanaryResult analyze(DirectoryReader reader, ProbeSet probes, long windowMillis, FlaggedActors flagged) {
    if (windowMillis <= 0) {
      throw new IllegalArgumentException("window must be positive; got: " + windowMillis);
    }
    Objects.requireNonNull(flagged, "flagged");
    EventSearcher searcher = new EventSearcher(reader);
    List<CanaryResult.ProbeResult> results = new ArrayList<>();
    for (Probe p : probes.probes()) {
      results.add(probe(searcher, p, windowMillis, flagged));
    }
    return conclude(probes, windowMillis, results);
  }

  private CanaryResult.ProbeResult probe(EventSearcher searcher, Probe p, long window, FlaggedActors flagged) {
    long q = p.queriedAt();
    Query subject = FieldQueries.exact(Field.SUBJECT_ID, p.pseudonym());
    Set<String> ownerTokens = new HashSet<>();
    List<Hit> inWindow = new ArrayList<>();
    long[] accessesAnyTime = {0};
    searcher.stream(subject, Long.MAX_VALUE, false, hit -> {
      String template = hit.get(Field.URL_TEMPLATE);
      String principal = hit.get(Field.PRINCIPAL);
      if (isOtpConfirmation(template) && principal != null) {
        ownerTokens.add(principal);
      }
      if (isAccess(hit)) {
        accessesAnyTime[0]++;
      }
      long ts = hit.timestamp();
      if (ts >= q - window && ts <= q + window) {
        inWindow.add(hit);
      }
      return true;
    });
    long eventsInWindow = searcher.count(EventSearcher.withTimeRange(EventSearcher.all(), q - window, q + window));
    long eventsAfter = searcher.count(EventSearcher.withTimeRange(EventSearcher.all(), q, q + window));

    List<CanaryResult.ProbeEvent> events = new ArrayList<>();
    boolean ownerAfter = false;
    long firstLiveDelay = -1;
    String liveActor = null;
    for (Hit h : inWindow) {
      String principal = h.get(Field.PRINCIPAL);
      String authType = h.get(Field.AUTH_TYPE);
      boolean access = isAccess(h);
      boolean owner = "citizen".equals(authType) && principal != null && ownerTokens.contains(principal);
      long delay = h.timestamp() - q;
      events.add(new CanaryResult.ProbeEvent(h.timestamp(), delay, authType, principal, h.get(Field.SOURCE_IP),
          h.get(Field.USER_AGENT), h.get(Field.URL_TEMPLATE), h.get(Field.ENDPOINT_CLASS), number(h.get(Field.STATUS)),
          access, owner, flaggedVerdict(h, flagged), h.get(Field.LOG_FILE), number(h.get(Field.LOG_LINE))));
      if (!access || delay < 0) {
        continue;
      }
      if (owner) {
        ownerAfter = true;
      } else if (liveActor == null) {
        liveActor = actorOf(h);
        firstLiveDelay = delay;
      }
    }
    ProbeVerdict verdict = eventsAfter == 0 ? ProbeVerdict.NOT_COVERED
        : liveActor != null ? ProbeVerdict.LIVE_LOOKUP
        : ownerAfter ? ProbeVerdict.OWNER_ONLY
        : ProbeVerdict.NO_ACCESS;
    return new CanaryResult.ProbeResult(p.line(), p.pseudonym(), p.kind(), q, p.note(), verdict.label(),
        eventsInWindow, eventsAfter, accessesAnyTime[0], firstLiveDelay, liveActor, events);
  }

  private static CanaryResult conclude(ProbeSet probes, long window, List<CanaryResult.ProbeResult> results) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (ProbeVerdict v : ProbeVerdict.values()) {
      counts.put(v.label(), 0);
    }
    Map<String, ActorAcc> actors = new LinkedHashMap<>();
    List<Long> delays = new ArrayList<>();
    for (CanaryResult.ProbeResult r : results) {
      counts.merge(r.verdict(), 1, Integer::sum);
      if (!ProbeVerdict.LIVE_LOOKUP.label().equals(r.verdict())) {
        continue;
      }
      delays.add(r.firstLiveDelayMillis());
      Set<String> seenHere = new HashSet<>();
      for (CanaryResult.ProbeEvent e : r.events()) {
        if (!e.access() || e.owner() || e.delayMillis() < 0) {
          continue;
        }
        String label = e.principal() != null ? "principal:" + e.principal() : "ip:" + e.ip();
        ActorAcc a = actors.computeIfAbsent(label, k -> new ActorAcc(e.authType()));
        if (e.ip() != null) {
          a.ips.add(e.ip());
        }
        if (e.userAgent() != null) {
          a.userAgents.add(e.userAgent());
        }
        if (e.flagged() != null && a.flagged == null) {
          a.flagged = e.flagged();
        }
        if (seenHere.add(label)) {
          a.probes++;
        }
      }
    }
    List<CanaryResult.LiveActor> live = new ArrayList<>();
    actors.forEach((label, a) -> live.add(new CanaryResult.LiveActor(label, a.authType, List.copyOf(a.ips),
        List.copyOf(a.userAgents), a.probes, a.flagged)));
    live.sort((x, y) -> y.probes() != x.probes() ? Integer.compare(y.probes(), x.probes()) : x.actor().compareTo(y.actor()));
    CanaryResult.Delays delayStats = null;
    if (!delays.isEmpty()) {
      List<Long> sorted = delays.stream().sorted().toList();
      int n = sorted.size();
      long median = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
      delayStats = new CanaryResult.Delays(n, sorted.get(0), median, sorted.get(n - 1));
    }
    int liveCount = counts.get(ProbeVerdict.LIVE_LOOKUP.label());
    int notCovered = counts.get(ProbeVerdict.NOT_COVERED.label());
    String verdict = liveCount > 0 ? CanaryResult.LIVE_LOOKUPS_EVIDENCED
        : !results.isEmpty() && notCovered == results.size() ? CanaryResult.NOT_COVERED
        : CanaryResult.NO_LIVE_LOOKUP;
    return new CanaryResult(probes.file(), window, verdict, summary(verdict, results.size(), counts, live, delayStats, window),
        counts, live, delayStats, results, probes.problems());
  }

  private static String summary(String verdict, int total, Map<String, Integer> counts, List<CanaryResult.LiveActor> live,
      CanaryResult.Delays delays, long window) {
    String w = duration(window);
    int notCovered = counts.get(ProbeVerdict.NOT_COVERED.label());
    String coverage = notCovered == 0 ? "every probe's window is covered by the logs."
        : notCovered + " of " + total + " probe windows fall in a gap of the logs (not covered), so nothing can be said about them.";
    if (total == 0) {
      return "No usable probe: nothing was tested.";
    }
    switch (verdict) {
      case CanaryResult.LIVE_LOOKUPS_EVIDENCED: {
        List<String> who = new ArrayList<>();
        for (CanaryResult.LiveActor a : live) {
          who.add(a.actor() + (a.flagged() != null ? " (flagged " + a.flagged() + ")" : "") + " on " + a.probes()
              + (a.probes() == 1 ? " probe" : " probes"));
        }
        return "Live lookups evidenced: " + counts.get(ProbeVerdict.LIVE_LOOKUP.label()) + " of " + total
            + " probes were looked up through the API within " + w + " after being typed into the bot, by "
            + String.join(", ", who) + "; delay after the query min " + seconds(delays.minMillis()) + ", median "
            + seconds(delays.medianMillis()) + ", max " + seconds(delays.maxMillis()) + ". " + capitalise(coverage);
      }
      case CanaryResult.NOT_COVERED:
        return "Not covered: no event at all was logged within " + w + " after any probe's query; the logs have a gap"
            + " there, so they can neither show nor rule out live lookups.";
      default: {
        int covered = total - notCovered;
        return "No live lookup: none of the " + covered + " covered " + (covered == 1 ? "probe" : "probes")
            + " was accessed by anyone but its owner within " + w + " after the query ("
            + counts.get(ProbeVerdict.NO_ACCESS.label()) + " no-access, " + counts.get(ProbeVerdict.OWNER_ONLY.label())
            + " owner-only); this supports answers from an offline copy. " + capitalise(coverage);
      }
    }
  }

  private static final class ActorAcc {
    final String authType;
    final Set<String> ips = new LinkedHashSet<>();
    final Set<String> userAgents = new LinkedHashSet<>();
    int probes;
    String flagged;

    ActorAcc(String authType) {
      this.authType = authType;
    }
  }

  static boolean isOtpConfirmation(String template) {
    return template != null && (template.contains("confirmOTP") || template.contains("validateMobileOtp"));
  }

  private static boolean isAccess(Hit h) {
    String cls = h.get(Field.ENDPOINT_CLASS);
    return !isOtpConfirmation(h.get(Field.URL_TEMPLATE)) && (cls == null || !NOT_ACCESS.contains(cls));
  }

  private static String actorOf(Hit h) {
    String principal = h.get(Field.PRINCIPAL);
    return principal != null ? "principal:" + principal : "ip:" + h.get(Field.SOURCE_IP);
  }

  private static String flaggedVerdict(Hit h, FlaggedActors flagged) {
    String v = flagged.verdict("principal", h.get(Field.PRINCIPAL));
    if (v == null) {
      v = flagged.verdict("ip", h.get(Field.SOURCE_IP));
    }
    if (v == null) {
      v = flagged.verdict("subnet", h.get(Field.SOURCE_SUBNET));
    }
    if (v == null) {
      v = flagged.verdict("user_agent", h.get(Field.USER_AGENT));
    }
    return v;
  }

  private static Long number(String s) {
    return s == null ? null : Long.valueOf(s);
  }

  /** {@code 3.2 s}: delays are seconds, the unit investigators note. */
  public static String seconds(long millis) {
    return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
  }

  /** {@code 10m}, {@code 90s}, {@code 2h}: the window as typed. */
  public static String duration(long millis) {
    if (millis % 3_600_000L == 0) {
      return millis / 3_600_000L + "h";
    }
    if (millis % 60_000L == 0) {
      return millis / 60_000L + "m";
    }
    if (millis % 1000L == 0) {
      return millis / 1000L + "s";
    }
    return millis + "ms";
  }

  private static String capitalise(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
