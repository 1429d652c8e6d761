package org.apiaudit.simulate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Collects the labels and the per-scenario counts while the traffic is generated, so that the
 * ground truth describes exactly what was written.
 *
 * <p>When one identifier gets two labels (a partner client id is benign automation in the
 * baseline but abused in {@code partner-abuse}), the attack label wins: an investigation must
 * report it.
 */
final class GroundTruth {
  static final String BASELINE = "baseline";

  private final Map<String, Label> labels = new LinkedHashMap<>();
  private final List<ScenarioStats> scenarios = new ArrayList<>();
  /** Citizens whose mobile or reference id an attacker named in any request. */
  final Set<Long> touchedCitizens = new HashSet<>();
  /** Citizens whose record (search result, lookup, certificate) an attacker received. */
  final Set<Long> scrapedCitizens = new HashSet<>();
  /** Of those, the ones read by a request naming their mobile. */
  private final Set<Long> scrapedByMobile = new HashSet<>();
  /** Reference ids whose certificate an attacker received. */
  private final Set<Long> scrapedReferences = new HashSet<>();
  /** What citizens downloaded in their own sessions: ties certificate reads to mobiles. */
  final OwnerDownloads ownerDownloads;
  /**
   * Every client address and user agent benign (non-attack) traffic used. The addresses grow
   * with the households simulated (about 180,000 in a benchmark-size week, under 2 MB); the user
   * agents are a fixed pool of a few dozen strings.
   */
  final AddressSet benignIps = new AddressSet();
  final Set<String> benignUserAgents = new HashSet<>();
  /** Credential-misuse scenarios whose credential's own benign traffic is watched. */
  private final List<ScenarioStats> misusedCredentials = new ArrayList<>();

  /** @param attackRun whether an attack scenario runs (only then are owner downloads kept) */
  GroundTruth(boolean attackRun) {
    this.ownerDownloads = new OwnerDownloads(attackRun);
  }

  /**
   * An attacker received {@code citizen}'s record on a request whose subject was {@code
   * subject}: the citizen's mobile, or one of its family's reference ids.
   */
  void scraped(long citizen, long subject, Citizens citizens) {
    scrapedCitizens.add(citizen);
    if (subject == citizens.mobile(citizen)) {
      scrapedByMobile.add(citizen);
    } else {
      scrapedReferences.add(subject);
    }
  }

  /**
   * The scraped citizens the logs tie to their mobile: read by a request naming it, or through
   * a certificate whose reference id the citizen's own session (a token issued for the mobile)
   * downloaded in the window as well. A certificate read by reference id alone names no mobile.
   */
  Set<Long> traceableScraped(Citizens citizens) {
    Set<Long> traceable = new HashSet<>(scrapedByMobile);
    for (long reference : scrapedReferences) {
      if (ownerDownloads.contains(reference)) {
        traceable.add(citizens.ownerOfReference(reference));
      }
    }
    return traceable;
  }

  /**
   * Records a request of benign traffic (already filled into {@code e}): its address and user
   * agent, and, when it used a misused credential, that credential's own infrastructure. Adding
   * what is already known allocates nothing: this runs for almost every event.
   */
  void benign(SimEvent e) {
    benignIps.add(e.clientIp);
    if (e.userAgent != null) {
      benignUserAgents.add(e.userAgent.text);
    }
    if (e.principal != null) {
      for (int i = 0; i < misusedCredentials.size(); i++) {
        ScenarioStats s = misusedCredentials.get(i);
        if (Arrays.equals(s.victimPrincipal, e.principal)) {
          s.victimRequest(e);
        }
      }
    }
  }

  /** {@code stats}'s attack misuses {@code principal}: watch its owner's benign traffic. */
  void misusedCredential(ScenarioStats stats, byte[] principal) {
    stats.victimPrincipal = principal;
    misusedCredentials.add(stats);
  }

  ScenarioStats register(ScenarioSpec spec) {
    ScenarioStats stats = new ScenarioStats(spec);
    scenarios.add(stats);
    return stats;
  }

  void label(String kind, String value, TruthClass truthClass, String scenario, String role) {
    String key = kind + '\u0000' + value;
    Label existing = labels.get(key);
    if (existing == null
        || (truthClass.isAttack() && !existing.truthClass().isAttack())) {
      labels.put(key, new Label(kind, value, truthClass, scenario, role));
    }
  }

  /** Labels sorted by scenario, kind and value: a stable order for the file. */
  List<Label> labels() {
    List<Label> sorted = new ArrayList<>(labels.values());
    sorted.sort(Comparator.comparing(Label::scenario).thenComparing(Label::kind)
        .thenComparing(Label::value));
    return sorted;
  }

  List<ScenarioStats> scenarios() {
    return List.copyOf(scenarios);
  }
}
