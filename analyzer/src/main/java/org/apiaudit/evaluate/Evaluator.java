package org.apiaudit.evaluate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apiaudit.UserException;
import org.apiaudit.detect.judge.Verdict;
import org.apiaudit.index.Instants;
import org.apiaudit.index.IpAddresses;

/**
 * Scores findings against a simulator's ground truth: per verdict class, precision and recall
 * over actors ({@code kind:value}), plus the benign actors wrongly called scraping or misuse.
 *
 * <p>Labels format: the simulator's {@code apiaudit.simulate.labels/v1} ({@code schema},
 * {@code run}, {@code scenarios}, {@code actors}, {@code leak_sample}; only {@code actors} is
 * scored here), or any tolerant variant: {@code {"actors":[{"kind":"ip","value":"203.0.113.7",
 * "class":"scraping","scenario":"bola"}, ...]}}; {@code class} may also be spelled
 * {@code verdict} or {@code label}; an entry may give {@code "actor":"ip:203.0.113.7"} instead
 * of kind and value; classes {@code benign}, {@code normal} and {@code none} count as
 * {@code no-sign}; unknown keys are ignored. An actor absent from the findings was predicted
 * {@code no-sign}; a member of a {@code cluster} judged scraping or misuse is credited with the
 * cluster's verdict (the cluster is how an address or token of a distributed attack is named).
 *
 * <h2>Evidence</h2>
 *
 * When the labels carry the simulator's evidence truth (each scenario's {@code activity},
 * {@code attacker}, {@code subjects_returned}, and the top-level {@code benign}), the report's
 * facts in the findings' {@code incidents[]} are scored too ({@link Evidence}), per attack
 * scenario and overall:
 *
 * <ul>
 *   <li><b>Matching.</b> An incident belongs to a scenario when any of its {@code actors}
 *       ({@code kind:value}; a {@code cluster:} actor stands for its members as listed in the
 *       findings' {@code actors[]}) is a labelled actor of that scenario. An incident may match
 *       several scenarios; one matching none is <i>unmatched</i>.
 *   <li><b>False indicator</b>: an indicator whose value benign traffic used, or that no
 *       scenario's attacker used (addresses and user agents compared as written); a {@code
 *       subnet} is false when a benign address lies inside it or no attacker address does.
 *   <li><b>Indicator recall</b>: of the attacker addresses and user agents benign traffic never
 *       used, the share named by an indicator of any incident (an address also counts as named
 *       when a subnet indicator that is not false contains it).
 *   <li><b>Records error</b>: |sum of the matched incidents' {@code subjectsAffected} &minus;
 *       {@code subjects_returned}| / {@code subjects_returned} (divided by 1 when nothing was
 *       returned).
 *   <li><b>Window recall</b>: the share of the scenario's requests that fall inside the matched
 *       incidents' windows, approximated per activity period as its requests times the share
 *       of the period the windows cover (a one-instant period counts whole or not at all).
 *   <li><b>Window precision</b>: the share of reported window time that lies within the
 *       activity periods widened by {@value #WINDOW_SLACK_MINUTES} minutes on each side (1 when
 *       no window is reported; for windows of no length, the share of them inside).
 *   <li><b>Evidence inside</b>: the share of the incidents' evidence lines whose timestamp lies
 *       inside their own incident's windows.
 * </ul>
 *
 * A clean case (no attack scenario in the labels) should show no incident and no indicator.
 * Findings without {@code incidents[]} (schema version 1) score as if no incident was reported.
 */
public final class Evaluator {
  private static final Set<String> NEGATIVE = Set.of("benign", "normal", "none", "no-sign", "clean");
  /** Slack around each activity period within which a reported window still counts as precise. */
  static final int WINDOW_SLACK_MINUTES = 30;
  private static final long WINDOW_SLACK_MILLIS = WINDOW_SLACK_MINUTES * 60_000L;

  /** Scores for one class. */
  public record ClassScore(String cls, int truePositives, int predicted, int actual, double precision, double recall) {}

  /**
   * All scores, and the benign actors judged as an incident.
   *
   * @param evidence the evidence scores, or null when the labels carry no evidence truth
   */
  public record Result(List<ClassScore> classes, List<String> benignFlagged, int labelled, Evidence evidence) {}

  /**
   * Evidence scores of one attack scenario (see the class comment for each figure).
   *
   * @param incidents ids of the incidents matched to the scenario
   * @param indicators distinct indicators ({@code type:value}) of those incidents
   * @param falseIndicators those of them that are false
   * @param attackerIndicators the scenario's attacker addresses and user agents benign traffic
   *     never used ({@code ip:} / {@code user-agent:} prefixed)
   * @param indicatorsMissed those of them no incident names
   * @param evidenceLines evidence lines of the matched incidents
   * @param evidenceInside how many of them lie inside their incident's windows
   */
  public record ScenarioEvidence(String scenario, String cls, List<String> incidents, List<String> indicators,
      List<String> falseIndicators, int attackerIndicators, List<String> indicatorsMissed, double indicatorRecall,
      long subjectsReturned, long subjectsAffected, double recordsError, long activityRequests, double windowRecall,
      double windowPrecision, int evidenceLines, int evidenceInside, double evidenceInsideShare) {}

  /**
   * Evidence scores per attack scenario and over all incidents.
   *
   * @param incidentsReported whether the findings had an {@code incidents} array at all
   * @param incidents ids of every incident
   * @param unmatchedIncidents ids of incidents matched to no attack scenario
   * @param indicators every distinct indicator ({@code type:value}) of every incident
   * @param falseIndicators those of them that are false
   * @param attackerIndicators attacker addresses and user agents of all scenarios benign traffic
   *     never used
   * @param indicatorsMissed those of them no incident names
   * @param clean whether the labels hold no attack scenario (then incidents and indicators
   *     should both be empty)
   */
  public record Evidence(boolean incidentsReported, List<ScenarioEvidence> scenarios, List<String> incidents,
      List<String> unmatchedIncidents, List<String> indicators, List<String> falseIndicators, int attackerIndicators,
      List<String> indicatorsMissed, double indicatorRecall, int evidenceLines, int evidenceInside,
      double evidenceInsideShare, boolean clean) {

    /** The largest records error over the attack scenarios (0 when there are none). */
    public double recordsErrorMax() {
      return scenarios.stream().mapToDouble(ScenarioEvidence::recordsError).max().orElse(0);
    }

    /** The most incidents matched to one attack scenario (0 when there are none). */
    public int incidentsPerAttackMax() {
      return scenarios.stream().mapToInt(x -> x.incidents().size()).max().orElse(0);
    }

    /** The fewest incidents matched to one attack scenario (0 when there are none). */
    public int incidentsPerAttackMin() {
      return scenarios.stream().mapToInt(x -> x.incidents().size()).min().orElse(0);
    }

    /** The lowest window recall over the attack scenarios (1 when there are none). */
    public double windowRecallMin() {
      return scenarios.stream().mapToDouble(ScenarioEvidence::windowRecall).min().orElse(1);
    }

    /** The lowest window precision over the attack scenarios (1 when there are none). */
    public double windowPrecisionMin() {
      return scenarios.stream().mapToDouble(ScenarioEvidence::windowPrecision).min().orElse(1);
    }
  }

  public Result evaluate(Path labels, Path findings) {
    ObjectMapper json = new ObjectMapper();
    Map<String, String> truth = readLabels(json, labels);
    Map<String, String> predicted;
    JsonNode findingsRoot;
    try {
      findingsRoot = json.readTree(findings.toFile());
      predicted = predictions(findingsRoot);
    } catch (IOException e) {
      throw new UserException("cannot read findings " + findings + ": " + e.getMessage());
    }
    Set<String> classes = new TreeSet<>(truth.values());
    for (Map.Entry<String, String> p : predicted.entrySet()) {
      if (truth.containsKey(p.getKey())) {
        classes.add(p.getValue());
      }
    }
    List<ClassScore> scores = new ArrayList<>();
    for (String c : classes) {
      int tp = 0;
      int pred = 0;
      int actual = 0;
      for (Map.Entry<String, String> t : truth.entrySet()) {
        String got = predicted.getOrDefault(t.getKey(), "no-sign");
        if (got.equals(c)) {
          pred++;
        }
        if (t.getValue().equals(c)) {
          actual++;
          if (got.equals(c)) {
            tp++;
          }
        }
      }
      scores.add(new ClassScore(c, tp, pred, actual, pred == 0 ? 1.0 : (double) tp / pred,
          actual == 0 ? 1.0 : (double) tp / actual));
    }
    List<String> benignFlagged = new ArrayList<>();
    for (Map.Entry<String, String> t : truth.entrySet()) {
      String got = predicted.getOrDefault(t.getKey(), "no-sign");
      boolean benign = t.getValue().equals("no-sign") || t.getValue().equals("benign-automation");
      if (benign && (got.equals("scraping") || got.equals("credential-misuse"))) {
        benignFlagged.add(t.getKey() + " (" + got + ")");
      }
    }
    JsonNode labelsRoot;
    try {
      labelsRoot = json.readTree(labels.toFile());
    } catch (IOException e) {
      throw new UserException("cannot read labels " + labels + ": " + e.getMessage());
    }
    Evidence evidence = hasEvidenceTruth(labelsRoot) ? evidence(labelsRoot, findingsRoot) : null;
    return new Result(scores, benignFlagged, truth.size(), evidence);
  }

  /** Whether the labels carry the simulator's evidence truth (a {@code benign} object). */
  static boolean hasEvidenceTruth(JsonNode labels) {
    return labels.isObject() && labels.path("benign").isObject();
  }

  /** Scores the findings' incidents against the labels' evidence truth (see the class comment). */
  public static Evidence evidence(JsonNode labels, JsonNode findings) {
    Truth truth = new Truth(labels);
    List<Incident> incidents = new ArrayList<>();
    Map<String, List<String>> clusters = clusterMembers(findings);
    int n = 0;
    for (JsonNode i : findings.path("incidents")) {
      incidents.add(new Incident(i, ++n, clusters));
    }
    Set<String> allIndicators = new LinkedHashSet<>();
    for (Incident i : incidents) {
      allIndicators.addAll(i.indicators);
    }
    List<String> allFalse = new ArrayList<>();
    Set<String> trueSubnets = new LinkedHashSet<>();
    for (String ind : allIndicators) {
      if (truth.isFalse(ind)) {
        allFalse.add(ind);
      } else if (ind.startsWith("subnet:")) {
        trueSubnets.add(ind.substring("subnet:".length()));
      }
    }
    List<ScenarioEvidence> scenarios = new ArrayList<>();
    Set<Incident> matchedAny = new HashSet<>();
    Set<String> allExpected = new TreeSet<>();
    boolean clean = true;
    for (JsonNode sc : labels.path("scenarios")) {
      String name = sc.path("name").asText();
      String cls = sc.path("class").asText();
      if (!cls.equals("scraping") && !cls.equals("credential-misuse")) {
        continue;
      }
      clean = false;
      Set<String> actors = truth.labelledActors.getOrDefault(name, Set.of());
      List<Incident> matched = new ArrayList<>();
      for (Incident i : incidents) {
        if (i.actors.stream().anyMatch(actors::contains)) {
          matched.add(i);
          matchedAny.add(i);
        }
      }
      Set<String> expected = truth.attackerIndicators(sc);
      allExpected.addAll(expected);
      scenarios.add(scoreScenario(name, cls, sc, matched, expected, allIndicators, trueSubnets, truth));
    }
    List<String> missedAll = missed(allExpected, allIndicators, trueSubnets);
    int lines = 0;
    int inside = 0;
    for (Incident i : incidents) {
      lines += i.evidence.length;
      inside += i.evidenceInside();
    }
    return new Evidence(findings.has("incidents"), scenarios, incidents.stream().map(i -> i.id).toList(),
        incidents.stream().filter(i -> !matchedAny.contains(i)).map(i -> i.id).toList(),
        List.copyOf(allIndicators), allFalse, allExpected.size(), missedAll,
        ratio(allExpected.size() - missedAll.size(), allExpected.size()), lines, inside, ratio(inside, lines), clean);
  }

  private static ScenarioEvidence scoreScenario(String name, String cls, JsonNode sc, List<Incident> matched,
      Set<String> expected, Set<String> allIndicators, Set<String> trueSubnets, Truth truth) {
    Set<String> indicators = new LinkedHashSet<>();
    long affected = 0;
    List<long[]> windows = new ArrayList<>();
    int lines = 0;
    int inside = 0;
    for (Incident i : matched) {
      indicators.addAll(i.indicators);
      affected += i.subjectsAffected;
      windows.addAll(i.windows);
      lines += i.evidence.length;
      inside += i.evidenceInside();
    }
    List<String> falseOnes = indicators.stream().filter(truth::isFalse).toList();
    List<String> missed = missed(expected, allIndicators, trueSubnets);
    long returned = sc.path("subjects_returned").asLong();
    double recordsError = Math.abs(affected - returned) / (double) Math.max(1, returned);
    List<long[]> union = union(windows);
    List<long[]> activity = new ArrayList<>();
    long requests = 0;
    double covered = 0;
    for (JsonNode p : sc.path("activity")) {
      long start = millis(p.path("start"), "activity start of " + name);
      long end = Math.max(start, millis(p.path("end"), "activity end of " + name));
      long r = p.path("requests").asLong();
      requests += r;
      activity.add(new long[] {start, end});
      if (end > start) {
        covered += r * (double) overlap(union, start, end) / (end - start);
      } else if (contains(union, start)) {
        covered += r;
      }
    }
    List<long[]> slack = new ArrayList<>();
    for (long[] a : activity) {
      slack.add(new long[] {a[0] - WINDOW_SLACK_MILLIS, a[1] + WINDOW_SLACK_MILLIS});
    }
    List<long[]> widened = union(slack);
    long reported = 0;
    long precise = 0;
    for (long[] w : union) {
      reported += w[1] - w[0];
      precise += overlap(widened, w[0], w[1]);
    }
    double precision;
    if (union.isEmpty()) {
      precision = 1;
    } else if (reported == 0) {
      precision = ratio((int) union.stream().filter(w -> contains(widened, w[0])).count(), union.size());
    } else {
      precision = (double) precise / reported;
    }
    return new ScenarioEvidence(name, cls, matched.stream().map(i -> i.id).toList(), List.copyOf(indicators),
        falseOnes, expected.size(), missed, ratio(expected.size() - missed.size(), expected.size()), returned,
        affected, recordsError, requests, requests == 0 ? 1 : covered / requests, precision, lines, inside,
        ratio(inside, lines));
  }

  /** The expected attacker indicators that no indicator names (an address: nor a true subnet). */
  private static List<String> missed(Set<String> expected, Set<String> indicators, Set<String> trueSubnets) {
    List<String> out = new ArrayList<>();
    for (String e : expected) {
      if (indicators.contains(e)) {
        continue;
      }
      if (e.startsWith("ip:")) {
        String ip = e.substring(3);
        if (indicators.contains("ipv4:" + ip) || indicators.contains("ipv6:" + ip)
            || trueSubnets.stream().anyMatch(sub -> inSubnet(ip, sub))) {
          continue;
        }
      }
      out.add(e);
    }
    return out;
  }

  private static double ratio(int part, int whole) {
    return whole == 0 ? 1 : (double) part / whole;
  }

  /** The simulator's evidence truth, read once. */
  private static final class Truth {
    final Set<String> benignIps = new HashSet<>();
    final Set<String> benignAgents = new HashSet<>();
    final Set<String> attackerIps = new HashSet<>();
    final Set<String> attackerAgents = new HashSet<>();
    final Set<String> attackerPrincipals = new HashSet<>();
    /** Scenario name to its attack-class labelled actors, {@code kind:value}. */
    final Map<String, Set<String>> labelledActors = new HashMap<>();
    private List<byte[]> benignParsed;

    Truth(JsonNode labels) {
      labels.path("benign").path("ips").forEach(n -> benignIps.add(n.asText()));
      labels.path("benign").path("user_agents").forEach(n -> benignAgents.add(n.asText()));
      for (JsonNode sc : labels.path("scenarios")) {
        JsonNode a = sc.path("attacker");
        a.path("ips").forEach(n -> attackerIps.add(n.asText()));
        a.path("user_agents").forEach(n -> attackerAgents.add(n.asText()));
        a.path("principals").forEach(n -> attackerPrincipals.add(n.asText()));
      }
      for (JsonNode a : labels.path("actors")) {
        String cls = a.path("class").asText();
        if (cls.equals("scraping") || cls.equals("credential-misuse")) {
          labelledActors.computeIfAbsent(a.path("scenario").asText(), k -> new HashSet<>())
              .add(a.path("kind").asText() + ":" + a.path("value").asText());
        }
      }
    }

    /** The benign addresses parsed once (a benchmark-size week has about 180,000). */
    List<byte[]> benignAddresses() {
      if (benignParsed == null) {
        benignParsed = benignIps.stream().map(Evaluator::literal).filter(a -> a != null).toList();
      }
      return benignParsed;
    }

    /** The scenario's attacker addresses and user agents that benign traffic never used. */
    Set<String> attackerIndicators(JsonNode scenario) {
      Set<String> out = new TreeSet<>();
      scenario.path("attacker").path("ips").forEach(n -> {
        if (!benignIps.contains(n.asText())) {
          out.add("ip:" + n.asText());
        }
      });
      scenario.path("attacker").path("user_agents").forEach(n -> {
        if (!benignAgents.contains(n.asText())) {
          out.add("user-agent:" + n.asText());
        }
      });
      return out;
    }

    /** Whether an indicator ({@code type:value}) is false: see the class comment. */
    boolean isFalse(String indicator) {
      int colon = indicator.indexOf(':');
      String type = indicator.substring(0, colon);
      String value = indicator.substring(colon + 1);
      switch (type) {
        case "ipv4":
        case "ipv6":
        case "ip":
          return benignIps.contains(value) || !attackerIps.contains(value);
        case "user-agent":
        case "user_agent":
          return benignAgents.contains(value) || !attackerAgents.contains(value);
        case "subnet":
          return anyInSubnet(benignAddresses(), value) || !anyInSubnet(attackerIps.stream().map(Evaluator::literal)
              .filter(a -> a != null).toList(), value);
        default:
          return benignIps.contains(value) || benignAgents.contains(value)
              || !(attackerIps.contains(value) || attackerAgents.contains(value)
                  || attackerPrincipals.contains(value));
      }
    }
  }

  /** One incident of the findings, as scored. */
  private static final class Incident {
    final String id;
    final Set<String> actors = new HashSet<>();
    /** Distinct {@code type:value}. */
    final Set<String> indicators = new LinkedHashSet<>();
    final List<long[]> windows = new ArrayList<>();
    final long subjectsAffected;
    final long[] evidence;

    Incident(JsonNode i, int position, Map<String, List<String>> clusters) {
      this.id = i.hasNonNull("id") ? i.get("id").asText() : "incident " + position;
      for (JsonNode a : i.path("actors")) {
        String actor = a.isTextual() ? a.asText() : a.path("kind").asText() + ":" + a.path("value").asText();
        actors.add(actor);
        actors.addAll(clusters.getOrDefault(actor, List.of()));
        for (JsonNode m : a.path("members")) {
          actors.add(m.path("kind").asText() + ":" + m.path("value").asText());
        }
      }
      for (JsonNode ind : i.path("indicators")) {
        indicators.add(ind.path("type").asText().toLowerCase(Locale.ROOT) + ":" + ind.path("value").asText());
      }
      for (JsonNode w : i.path("windows")) {
        long start = millis(w.path("start"), "window start of " + id);
        long end = millis(w.path("end"), "window end of " + id);
        windows.add(new long[] {Math.min(start, end), Math.max(start, end)});
      }
      this.subjectsAffected = i.path("subjectsAffected").asLong();
      List<Long> times = new ArrayList<>();
      for (JsonNode e : i.path("evidence")) {
        times.add(millis(e.path("timestamp"), "evidence timestamp of " + id));
      }
      this.evidence = times.stream().mapToLong(Long::longValue).toArray();
    }

    int evidenceInside() {
      int inside = 0;
      for (long t : evidence) {
        if (contains(windows, t)) {
          inside++;
        }
      }
      return inside;
    }
  }

  /** {@code cluster:value} to its members ({@code kind:value}) from the findings' actors. */
  private static Map<String, List<String>> clusterMembers(JsonNode findings) {
    Map<String, List<String>> out = new HashMap<>();
    for (JsonNode a : findings.path("actors")) {
      if (a.path("members").isArray() && a.path("members").size() > 0) {
        List<String> members = new ArrayList<>();
        for (JsonNode m : a.path("members")) {
          members.add(m.path("kind").asText() + ":" + m.path("value").asText());
        }
        out.put(a.path("kind").asText() + ":" + a.path("value").asText(), members);
      }
    }
    return out;
  }

  /** Epoch milliseconds from a number or an ISO-8601 instant (with offset or Z). */
  static long millis(JsonNode n, String what) {
    if (n.isNumber()) {
      return n.asLong();
    }
    try {
      return Instants.parse(n.asText());
    } catch (UserException e) {
      throw new UserException(what + " must be an ISO-8601 time with offset or epoch milliseconds; got: "
          + (n.isMissingNode() ? "nothing" : n.asText()));
    }
  }


  /** Sorted, merged copy of closed intervals {@code [start, end]}. */
  static List<long[]> union(List<long[]> intervals) {
    List<long[]> sorted = new ArrayList<>(intervals);
    sorted.sort(Comparator.comparingLong((long[] x) -> x[0]));
    List<long[]> out = new ArrayList<>();
    for (long[] x : sorted) {
      long[] last = out.isEmpty() ? null : out.get(out.size() - 1);
      if (last != null && x[0] <= last[1]) {
        last[1] = Math.max(last[1], x[1]);
      } else {
        out.add(new long[] {x[0], x[1]});
      }
    }
    return out;
  }

  /** Length of {@code [start, end]} covered by the merged intervals. */
  static long overlap(List<long[]> merged, long start, long end) {
    long sum = 0;
    for (long[] x : merged) {
      sum += Math.max(0, Math.min(end, x[1]) - Math.max(start, x[0]));
    }
    return sum;
  }

  private static boolean contains(List<long[]> intervals, long t) {
    for (long[] x : intervals) {
      if (t >= x[0] && t <= x[1]) {
        return true;
      }
    }
    return false;
  }

  /** Whether address {@code ip} lies in CIDR range {@code subnet}; false when either is not a literal. */
  static boolean inSubnet(String ip, String subnet) {
    byte[] address = literal(ip);
    return address != null && anyInSubnet(List.of(address), subnet);
  }

  /** Whether any of the addresses lies in CIDR range {@code subnet}; false when it is no range. */
  private static boolean anyInSubnet(List<byte[]> addresses, String subnet) {
    int slash = subnet.indexOf('/');
    byte[] net = literal(slash < 0 ? subnet : subnet.substring(0, slash));
    if (net == null) {
      return false;
    }
    int bits;
    try {
      bits = slash < 0 ? net.length * 8 : Integer.parseInt(subnet.substring(slash + 1));
    } catch (NumberFormatException e) {
      return false;
    }
    if (bits < 0 || bits > net.length * 8) {
      return false;
    }
    for (byte[] address : addresses) {
      if (address.length == net.length && samePrefix(net, address, bits)) {
        return true;
      }
    }
    return false;
  }

  private static boolean samePrefix(byte[] a, byte[] b, int bits) {
    for (int i = 0; i < bits; i++) {
      int mask = 0x80 >>> (i % 8);
      if ((a[i / 8] & mask) != (b[i / 8] & mask)) {
        return false;
      }
    }
    return true;
  }

  /** The bytes of an IPv4 or IPv6 literal, or null (never a name lookup: see {@link IpAddresses}). */
  private static byte[] literal(String text) {
    InetAddress address = IpAddresses.parse(text);
    return address == null ? null : address.getAddress();
  }

  /**
   * The verdict of every actor named in findings ({@code kind:value}): its own, or for a member
   * of a cluster judged scraping or misuse, the cluster's unless its own is an incident already.
   */
  public static Map<String, String> predictions(JsonNode f) {
    Map<String, String> predicted = new HashMap<>();
    for (JsonNode a : f.path("actors")) {
      predicted.put(a.path("kind").asText() + ":" + a.path("value").asText(), a.path("verdict").asText());
    }
    for (JsonNode a : f.path("actors")) {
      String v = a.path("verdict").asText();
      Verdict verdict = Verdict.of(v);
      if (verdict == null || !verdict.isIncident()) {
        continue;
      }
      for (JsonNode m : a.path("members")) {
        String key = m.path("kind").asText() + ":" + m.path("value").asText();
        Verdict own = Verdict.of(predicted.getOrDefault(key, "no-sign"));
        if (own == null || !own.isIncident()) {
          predicted.put(key, v);
        }
      }
    }
    return predicted;
  }

  static Map<String, String> readLabels(ObjectMapper json, Path labels) {
    Map<String, String> out = new LinkedHashMap<>();
    try {
      JsonNode root = json.readTree(labels.toFile());
      JsonNode list = root.isArray() ? root : root.path("actors");
      for (JsonNode a : list) {
        String actor = a.hasNonNull("actor") ? a.get("actor").asText()
            : a.path("kind").asText() + ":" + a.path("value").asText();
        String cls = first(a, "class", "verdict", "label").toLowerCase(Locale.ROOT).replace('_', '-');
        if (actor.equals(":") || cls.isEmpty()) {
          continue;
        }
        out.put(actor, NEGATIVE.contains(cls) ? "no-sign" : cls);
      }
    } catch (IOException e) {
      throw new UserException("cannot read labels " + labels + ": " + e.getMessage());
    }
    if (out.isEmpty()) {
      throw new UserException("labels " + labels + " hold no actors (expected {\"actors\":[{\"kind\",\"value\",\"class\"}]})");
    }
    return out;
  }

  private static String first(JsonNode a, String... keys) {
    for (String k : keys) {
      if (a.hasNonNull(k)) {
        return a.get(k).asText();
      }
    }
    return "";
  }
}
