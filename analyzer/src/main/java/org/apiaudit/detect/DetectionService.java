package org.apiaudit.detect;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.search.Query;
import org.apiaudit.UserException;
import org.apiaudit.detect.correlate.GroupHit;
import org.apiaudit.detect.findings.CaseFindings;
import org.apiaudit.detect.judge.ActorKey;
import org.apiaudit.detect.judge.ActorProfile;
import org.apiaudit.detect.judge.ActorProfiler;
import org.apiaudit.detect.judge.Attribution;
import org.apiaudit.detect.judge.CaseConcluder;
import org.apiaudit.detect.judge.IncidentBuilder;
import org.apiaudit.detect.judge.LeakCorrelator;
import org.apiaudit.detect.judge.Verdict;
import org.apiaudit.detect.judge.VerdictJudge;
import org.apiaudit.detect.scan.CoverageCollector;
import org.apiaudit.detect.scan.CoverageFigures;
import org.apiaudit.detect.scan.EventSource;
import org.apiaudit.detect.scan.GlobalOrds;
import org.apiaudit.detect.scan.LocalEvents;
import org.apiaudit.detect.scan.TimeWindow;
import org.apiaudit.index.EventIndex;
import org.apiaudit.index.ColumnViews;
import org.apiaudit.privacy.CaseKey;
import org.apiaudit.privacy.Pseudonymizer;
import org.apiaudit.rules.CorrelationRule;
import org.apiaudit.rules.Rule;
import org.apiaudit.rules.RuleMeta;
import org.apiaudit.rules.RuleSet;
import org.apiaudit.schema.Field;

/**
 * The detection step: runs a rule set over an index, profiles and judges every actor a rule
 * fired for, concludes on the case, measures coverage and, given a leak sample, correlates it.
 * Produces the {@link CaseFindings} contract.
 */
public final class DetectionService {
  /**
   * One detection run.
   *
   * @param index the index folder
   * @param rules the loaded rules
   * @param window the analysed window
   * @param leakSample a file of clear identifiers, one per line, or null
   * @param keyFile the case key (for the leak sample), or null for the index path + {@code .key}
   */
  public record Request(Path index, RuleSet rules, TimeWindow window, Path leakSample, Path keyFile) {}

  public CaseFindings detect(Request request) {
    List<String> leak = null;
    if (request.leakSample() != null) {
      Path key = CaseKey.resolve(request.keyFile(), request.index());
      if (!Files.exists(key)) {
        throw new UserException("case key " + key + " not found; give --key FILE (the key the index was built with)");
      }
      leak = pseudonymise(request.leakSample(), CaseKey.load(key));
    }
    try (DirectoryReader reader = EventIndex.openReader(request.index())) {
      return detect(reader, request.rules(), request.window(), leak);
    } catch (IOException e) {
      throw new UserException("cannot read index " + request.index() + ": " + e.getMessage());
    }
  }

  /** Reads a leak sample and pseudonymises it at once; clear identifiers go no further. */
  public static List<String> pseudonymise(Path sample, CaseKey key) {
    Pseudonymizer p = new Pseudonymizer(key);
    Set<String> out = new LinkedHashSet<>();
    try {
      for (String line : Files.readAllLines(sample, StandardCharsets.UTF_8)) {
        String s = line.trim();
        if (!s.isEmpty() && !s.startsWith("#")) {
          out.add(Pseudonymizer.isPseudonym(s) ? s : p.pseudonym(s));
        }
      }
    } catch (IOException e) {
      throw new UserException("cannot read leak sample " + sample + ": " + e.getMessage());
    }
    return new ArrayList<>(out);
  }

  /** Detection over an open reader; {@code leakPseudonyms} may be null. */
  public CaseFindings detect(IndexReader reader, RuleSet rules, TimeWindow window, List<String> leakPseudonyms) {
    return detect(new LocalEvents(ColumnViews.wrap(reader)), rules, window, leakPseudonyms);
  }

  /**
   * Detection over events read from {@code events} as each step needs them (see
   * {@link EventSource}); {@code leakPseudonyms} may be null.
   */
  public CaseFindings detect(EventSource events, RuleSet rules, TimeWindow window, List<String> leakPseudonyms) {
    DetectionEngine engine = new DetectionEngine(rules);
    IndexReader scanned = events.readerForScan(engine.selections(), window);
    DetectionEngine.Result result = engine.run(scanned, window);
    Map<ActorKey, List<GroupHit>> byActor = new LinkedHashMap<>();
    for (GroupHit h : result.hits()) {
      byActor.computeIfAbsent(new ActorKey(h.groupBy(), h.values()), k -> new ArrayList<>()).add(h);
    }
    IndexReader actorEvents = events.readerWithAny(byActor.keySet().stream().map(ActorKey::query).toList(), window);
    ActorProfiler profiler = profiler(actorEvents, scanned, result, window);
    VerdictJudge judge = new VerdictJudge();
    List<CaseFindings.ActorFinding> actors = new ArrayList<>();
    List<ActorProfile> profiles = profiler.profileAll(new ArrayList<>(byActor.keySet()));
    int next = 0;
    for (Map.Entry<ActorKey, List<GroupHit>> e : byActor.entrySet()) {
      ActorKey key = e.getKey();
      ActorProfile p = profiles.get(next++);
      VerdictJudge.Judgement j = judge.judge(e.getValue(), p);
      List<CaseFindings.RuleHit> ruleHits = e.getValue().stream()
          .sorted(Comparator.comparing((GroupHit h) -> -RuleMeta.rank(h.rule().meta().level())).thenComparing(h -> h.rule().id()))
          .map(h -> new CaseFindings.RuleHit(h.rule().id(), h.rule().meta().title(), h.rule().meta().level(),
              CaseFindings.round(h.measured()), h.threshold(), h.op(), h.first(), h.last()))
          .toList();
      actors.add(new CaseFindings.ActorFinding(key.kind(), key.value(), key.members(), j.verdict().label(),
          CaseFindings.round(j.confidence()), ruleHits, p.first(), p.last(), p.requests(), p.distinctSubjects(), p.endpoints(),
          p.statuses(), p.ips(), p.userAgents(), p.evidence()));
    }
    Attributed attributed = attribute(events, window, byActor, actors, query -> profiler(
        events.readerWithAny(List.of(query), window), scanned, result, window).profile(query));
    actors = attributed.actors();
    actors.sort(Comparator.comparing((CaseFindings.ActorFinding a) -> Verdict.of(a.verdict()).ordinal())
        .thenComparing(a -> -a.distinctSubjects()).thenComparing(a -> -a.requests()).thenComparing(CaseFindings.ActorFinding::value));
    CoverageFigures cc = events.coverage(window)
        .orElseGet(() -> result.coverage().figures(CoverageCollector.fieldsMissing(scanned)));
    CaseFindings.Coverage coverage = new CaseFindings.Coverage(cc.first(), cc.last(), cc.events(), cc.recordEvents(),
        cc.channels(), cc.fieldsMissing(), cc.gaps(), rules.rules().size(), rules.skipped().stream()
            .map(s -> new CaseFindings.SkippedRule(s.file(), s.line(), s.rule(), s.reason())).toList());
    Set<String> flagged = new HashSet<>();
    for (CaseFindings.ActorFinding a : actors) {
      if (Verdict.of(a.verdict()).isIncident()) {
        flagged.add(a.kind() + ":" + a.value());
        for (CaseFindings.ActorRef m : a.members()) {
          flagged.add(m.kind() + ":" + m.value());
        }
      }
    }
    CaseFindings.LeakCorrelation leak = leakPseudonyms == null ? null
        : new LeakCorrelator(events, window).correlate(leakPseudonyms, flagged);
    IncidentBuilder.Result incidents = new IncidentBuilder(events, window)
        .build(incidentParts(byActor, actors, attributed.clusters()));
    CaseFindings.Conclusion conclusion = new CaseConcluder().conclude(actors, incidents, coverage, leak);
    List<CaseFindings.RuleRun> runs = new ArrayList<>();
    for (Rule r : rules.rules()) {
      RuleMeta m = r.meta();
      runs.add(new CaseFindings.RuleRun(m.id(), m.title(), m.file(), r instanceof CorrelationRule c && m.level() == null
          ? "medium" : m.level(), m.modified(), m.sha256()));
    }
    return new CaseFindings(CaseFindings.SCHEMA_VERSION, conclusion, coverage, incidents.incidents(), actors, runs,
        leak);
  }

  /**
   * A profiler of {@code reader}'s events, counting subjects by the scan's ordinals when it is the
   * scanned reader (the embedded index: always) and by its own when a source added events since.
   */
  private static ActorProfiler profiler(IndexReader reader, IndexReader scanned, DetectionEngine.Result result,
      TimeWindow window) {
    return new ActorProfiler(reader, window, reader == scanned ? result.columns().ords(Field.SUBJECT_ID)
        : GlobalOrds.build(reader, Field.SUBJECT_ID));
  }

  /** The actors after attribution, and the clusters it formed with the actor label each got. */
  private record Attributed(List<CaseFindings.ActorFinding> actors, Map<String, Attribution.Cluster> clusters) {}

  /**
   * The pieces incidents are made of: each cluster, with its attack-only events; each actor judged
   * scraping or misuse whose every event is attack traffic; and, for an actor that is neither
   * (a misused credential's own key, a user agent) and belongs to no cluster, its events in the
   * periods its rules fired in. A user agent in a cluster is named by the cluster alone.
   */
  private static List<IncidentBuilder.Part> incidentParts(Map<ActorKey, List<GroupHit>> byActor,
      List<CaseFindings.ActorFinding> actors, Map<String, Attribution.Cluster> clusters) {
    List<IncidentBuilder.Part> parts = new ArrayList<>();
    Set<String> clustered = new HashSet<>();
    for (Map.Entry<String, Attribution.Cluster> e : clusters.entrySet()) {
      Attribution.Cluster c = e.getValue();
      List<String> members = c.members().stream().map(m -> m.kind() + ":" + m.value()).toList();
      clustered.addAll(members);
      CaseFindings.ActorFinding a = actors.stream().filter(x -> ("cluster:" + x.value()).equals(e.getKey()))
          .findFirst().orElseThrow();
      parts.add(new IncidentBuilder.Part(e.getKey(), members, joins(members), c.verdict(), a.confidence(), c.query(),
          ruleTitles(a)));
    }
    Map<String, ActorKey> keys = new HashMap<>();
    byActor.keySet().forEach(k -> keys.put(k.label(), k));
    for (CaseFindings.ActorFinding a : actors) {
      Verdict v = Verdict.of(a.verdict());
      ActorKey key = keys.get(a.kind() + ":" + a.value());
      if (key == null || !v.isIncident()) {
        continue;
      }
      List<String> members = key.isCluster() ? key.members().stream().map(m -> m.kind() + ":" + m.value()).toList()
          : List.of(key.label());
      Set<String> joins = joins(members);
      boolean inCluster = clustered.containsAll(members) || joins.stream().anyMatch(clustered::contains);
      Query events;
      if (Attribution.isSeed(key, v)) {
        events = key.query();
      } else if (inCluster) {
        if (joins.isEmpty()) {
          continue;
        }
        events = null;
      } else {
        events = key.query(byActor.get(key));
      }
      parts.add(new IncidentBuilder.Part(key.label(), members, joins, v, a.confidence(), events, ruleTitles(a)));
    }
    return parts;
  }

  /** The address, /24 and principal labels among {@code members}: what ties parts of one attack. */
  private static Set<String> joins(List<String> members) {
    Set<String> out = new LinkedHashSet<>();
    for (String m : members) {
      if (m.startsWith("ip:") || m.startsWith("principal:") || m.startsWith("subnet:")) {
        out.add(m);
      }
    }
    return out;
  }

  private static List<String> ruleTitles(CaseFindings.ActorFinding a) {
    return a.rules().stream().map(CaseFindings.RuleHit::title).toList();
  }

  /**
   * Adds a {@code cluster} actor per group of identifiers tied to the same attack (see
   * {@link Attribution}) and gives members listed on their own without an incident verdict the
   * cluster's verdict, so that an address or user agent used only by an attacker is named with it.
   */
  private static Attributed attribute(EventSource events, TimeWindow window, Map<ActorKey, List<GroupHit>> byActor,
      List<CaseFindings.ActorFinding> actors, Function<Query, ActorProfile> clusterProfile) {
    Map<ActorKey, Verdict> seeds = new LinkedHashMap<>();
    Map<String, CaseFindings.ActorFinding> byLabel = new LinkedHashMap<>();
    for (CaseFindings.ActorFinding a : actors) {
      byLabel.put(a.kind() + ":" + a.value(), a);
    }
    for (ActorKey k : byActor.keySet()) {
      CaseFindings.ActorFinding a = byLabel.get(k.label());
      if (a != null && Attribution.isSeed(k, Verdict.of(a.verdict()))) {
        seeds.put(k, Verdict.of(a.verdict()));
      }
    }
    List<Attribution.Cluster> clusters = new ArrayList<>();
    for (Verdict v : List.of(Verdict.SCRAPING, Verdict.CREDENTIAL_MISUSE)) {
      Map<ActorKey, Verdict> some = new LinkedHashMap<>();
      seeds.forEach((k, kv) -> {
        if (kv == v) {
          some.put(k, kv);
        }
      });
      clusters.addAll(new Attribution(events, window).clusters(some, v == Verdict.SCRAPING));
    }
    Map<String, Attribution.Cluster> named = new LinkedHashMap<>();
    if (clusters.isEmpty()) {
      return new Attributed(actors, named);
    }
    List<CaseFindings.ActorFinding> out = new ArrayList<>();
    Map<String, CaseFindings.ActorFinding> upgraded = new LinkedHashMap<>(byLabel);
    for (Attribution.Cluster c : clusters) {
      Map<String, CaseFindings.RuleHit> rules = new LinkedHashMap<>();
      double confidence = 0;
      for (String seed : c.seeds()) {
        for (Map.Entry<String, CaseFindings.ActorFinding> e : byLabel.entrySet()) {
          CaseFindings.ActorFinding a = e.getValue();
          boolean involves = e.getKey().equals(seed)
              || a.members().stream().anyMatch(m -> (m.kind() + ":" + m.value()).equals(seed));
          if (!involves || Verdict.of(a.verdict()) != c.verdict()) {
            continue;
          }
          confidence = Math.max(confidence, a.confidence());
          for (CaseFindings.RuleHit h : a.rules()) {
            rules.merge(h.ruleId(), h, (x, y) -> Math.abs(y.measured()) > Math.abs(x.measured()) ? y : x);
          }
        }
      }
      ActorProfile p = clusterProfile.apply(c.query());
      long ips = c.members().stream().filter(m -> m.kind().equals("ip")).count();
      long principals = c.members().stream().filter(m -> m.kind().equals("principal")).count();
      String ua = c.members().stream().filter(m -> m.kind().equals("user_agent")).map(CaseFindings.ActorRef::value)
          .findFirst().orElse(null);
      // named after its first principal (else address) too: two attacks of one kind and size must
      // not share a label, which is how incidents, hypotheses and evaluation refer to actors
      String anchor = c.members().stream().filter(m -> m.kind().equals("principal")).findFirst()
          .or(() -> c.members().stream().findFirst()).map(CaseFindings.ActorRef::value).orElse("");
      String value = c.verdict().label() + " cluster: " + ips + " ip, " + principals + " principal"
          + (ua == null ? "" : ", user agent " + ua) + ", around " + anchor;
      double conf = Math.min(0.95, Math.max(confidence, 0.6) + 0.05);
      if (named.putIfAbsent("cluster:" + value, c) != null) {
        throw new IllegalStateException("two clusters named " + value);
      }
      out.add(new CaseFindings.ActorFinding("cluster", value, c.members(), c.verdict().label(), CaseFindings.round(conf),
          new ArrayList<>(rules.values()), p.first(), p.last(), p.requests(), p.distinctSubjects(), p.endpoints(),
          p.statuses(), p.ips(), p.userAgents(), p.evidence()));
      for (CaseFindings.ActorRef m : c.members()) {
        CaseFindings.ActorFinding a = upgraded.get(m.kind() + ":" + m.value());
        if (a != null && !Verdict.of(a.verdict()).isIncident()) {
          upgraded.put(m.kind() + ":" + m.value(), new CaseFindings.ActorFinding(a.kind(), a.value(), a.members(),
              c.verdict().label(), CaseFindings.round(conf), a.rules(), a.firstSeen(), a.lastSeen(), a.requests(),
              a.distinctSubjects(), a.endpoints(), a.statuses(), a.ips(), a.userAgents(), a.evidence()));
        }
      }
    }
    out.addAll(upgraded.values());
    return new Attributed(out, named);
  }
}
