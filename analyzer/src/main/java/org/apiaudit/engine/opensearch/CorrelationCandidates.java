package org.apiaudit.engine.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.FieldExistsQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.util.BytesRef;
import org.apiaudit.detect.scan.EventSource;
import org.apiaudit.detect.scan.TimeWindow;
import org.apiaudit.rules.CorrelationRule;
import org.apiaudit.rules.CorrelationType;
import org.apiaudit.rules.DetectionRule;
import org.apiaudit.rules.RuleSet;
import org.apiaudit.schema.Field;

/**
 * The scan's requests on a cluster, narrowed by aggregations to the groups that can fire.
 *
 * <p>The API rules' selections are broad by design (every citizen call, every public call) and
 * their correlations discriminate by counting per group. For a sliding-window {@code event_count}
 * or {@code value_count} with a {@code gt}/{@code gte} threshold, the cluster counts the rule's
 * events per group and per fixed bucket as wide as the window (a {@code composite} aggregation
 * over the group-by fields and a {@code date_histogram}, paged by {@code after_key}), and
 * {@link BucketPairBound} keeps the groups some pair of adjacent buckets could make fire. A
 * detection rule whose every consumer is such a correlation is then read only for those groups,
 * all their events of the window (so the engine decides them exactly as over the whole window;
 * a group that fires is read whole afterwards anyway, for its profile), and not at all when no
 * group can fire. Events of a group left out may still arrive through another request; they are
 * too few to fire, so the engine reports nothing more. Any other rule is read as before. The
 * cluster counts only when a {@code _count} shows that reading the counted rules' candidates
 * alone could leave some event unread, and gives up on a correlation with too many buckets.
 *
 * <p>Missing values: the engine groups no event without a group-by value, but a value the
 * cluster does not index (a malformed address, kept as text in the embedded index) has none on
 * the cluster. The aggregation counts such events in a "missing" bucket, and a candidate missing
 * bucket reads every event without the field, so no group the engine forms is overlooked.
 * With two group-by fields, a candidate is read as "first value among the candidates' first
 * values and second among their second values", a superset of the candidate pairs.
 */
final class CorrelationCandidates {
  /** Buckets per page of the composite aggregation (the cluster allows 65,535 per response). */
  static final int PAGE = 30_000;
  /**
   * Candidate values of one field beyond which the rule is read whole: a {@code terms} query
   * takes at most 65,536 values by default ({@code index.max_terms_count}), and beyond a few
   * thousand groups reading the selection costs little more than asking for them.
   */
  static final int MAX_VALUES = 10_000;
  /**
   * Buckets one correlation may walk before its rules are read whole instead: each page runs the
   * selection again over the window, so a fine window over many groups (the web rules' 10 s per
   * address) would cost more passes than reading the events once.
   */
  static final int MAX_BUCKETS = 3 * PAGE;

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(CorrelationCandidates.class);

  private final OpenSearchSearcher cluster;
  private final TimeWindow window;
  private final List<String> notes = new ArrayList<>();

  CorrelationCandidates(OpenSearchSearcher cluster, TimeWindow window) {
    this.cluster = cluster;
    this.window = window;
  }

  /**
   * What to ask the cluster for each detection rule of {@code rules}: its selection from
   * {@code selections} (same order), narrowed to the candidate groups of its correlations when
   * every consumer of the rule can be narrowed, else as it is.
   */
  List<Query> requests(RuleSet rules, List<Query> selections) {
    List<DetectionRule> detections = rules.detections();
    Map<String, Integer> indexOf = new HashMap<>();
    for (int i = 0; i < detections.size(); i++) {
      indexOf.put(detections.get(i).id(), i);
    }
    Map<String, List<CorrelationRule>> consumers = new HashMap<>();
    for (CorrelationRule c : rules.correlations()) {
      for (DetectionRule d : rules.targets(c)) {
        consumers.computeIfAbsent(d.id(), k -> new ArrayList<>()).add(c);
      }
    }
    List<Boolean> countedOnly = new ArrayList<>();
    for (DetectionRule d : detections) {
      List<CorrelationRule> cs = consumers.getOrDefault(d.id(), List.of());
      countedOnly.add(!rules.reportsOnItsOwn(d) && !cs.isEmpty()
          && cs.stream().allMatch(CorrelationCandidates::countable));
    }
    if (!canSpare(selections, countedOnly)) {
      return selections;
    }
    Map<CorrelationRule, Query> filters = new HashMap<>();
    List<Query> out = new ArrayList<>();
    for (int i = 0; i < detections.size(); i++) {
      DetectionRule d = detections.get(i);
      List<CorrelationRule> cs = consumers.getOrDefault(d.id(), List.of());
      if (!countedOnly.get(i)) {
        out.add(selections.get(i));
        continue;
      }
      BooleanQuery.Builder any = new BooleanQuery.Builder();
      boolean whole = false;
      boolean some = false;
      for (CorrelationRule c : cs) {
        Query f = filters.computeIfAbsent(c, x -> groupsThatMayFire(x, rules.targets(x).stream()
            .map(t -> selections.get(indexOf.get(t.id()))).toList()));
        if (f instanceof MatchAllDocsQuery) {
          whole = true;
        } else if (!(f instanceof MatchNoDocsQuery)) {
          any.add(f, Occur.SHOULD);
          some = true;
        }
      }
      if (whole) {
        out.add(selections.get(i));
      } else if (!some) {
        out.add(new MatchNoDocsQuery("no group of " + d.id() + "'s correlations can fire"));
      } else {
        out.add(new BooleanQuery.Builder().add(selections.get(i), Occur.FILTER).add(any.build(), Occur.FILTER).build());
      }
    }
    return out;
  }

  /**
   * Whether narrowing could leave any event unread: some window event selected by a rule read
   * only for counted correlations ({@code countedOnly}) and by no other rule, as the cluster
   * selects them (widened). One {@code _count}; when it is 0 (a broad rule read whole covers
   * them, as the built-in web rules' widened keyword lists do), the aggregations would cost
   * passes over the window and spare nothing.
   */
  private boolean canSpare(List<Query> selections, List<Boolean> countedOnly) {
    List<Query> counted = new ArrayList<>();
    List<Query> others = new ArrayList<>();
    for (int i = 0; i < selections.size(); i++) {
      (countedOnly.get(i) ? counted : others).add(ClusterPrefilter.widen(selections.get(i)));
    }
    if (counted.isEmpty()) {
      return false;
    }
    BooleanQuery.Builder spared = new BooleanQuery.Builder().add(window.query(), Occur.FILTER)
        .add(anyOf(counted), Occur.FILTER);
    if (!others.isEmpty()) {
      spared.add(anyOf(others), Occur.MUST_NOT);
    }
    long n = cluster.count(spared.build());
    if (n == 0) {
      String note = "not counted: the other rules read every event the " + counted.size() + " counted rules select";
      LOG.info("{}", note);
      notes.add(note);
    }
    return n > 0;
  }

  /** Any of {@code queries}, nested in chunks so that no Boolean query exceeds Lucene's clause limit. */
  private static Query anyOf(List<Query> queries) {
    if (queries.size() <= EventSource.CHUNK) {
      BooleanQuery.Builder any = new BooleanQuery.Builder();
      queries.forEach(q -> any.add(q, Occur.SHOULD));
      return any.build();
    }
    List<Query> chunks = new ArrayList<>();
    for (int from = 0; from < queries.size(); from += EventSource.CHUNK) {
      chunks.add(anyOf(queries.subList(from, Math.min(queries.size(), from + EventSource.CHUNK))));
    }
    return anyOf(chunks);
  }

  /** One line per correlation narrowed: its candidate groups among all it has. */
  List<String> notes() {
    return notes;
  }

  /**
   * Whether the cluster's counts can bound a correlation: {@code event_count} or
   * {@code value_count} over a window with a threshold larger counts pass (the loader accepts
   * no other for them, and group-by fields only with doc values: keywords and addresses).
   * {@code temporal} counts rules, and one event can match several, so its events do not bound it.
   */
  static boolean countable(CorrelationRule c) {
    return (c.type() == CorrelationType.EVENT_COUNT || c.type() == CorrelationType.VALUE_COUNT)
        && BucketPairBound.applies(c.threshold(), c.timespanMs());
  }

  /**
   * The events of the groups of {@code c} that may fire: a filter on the group-by fields,
   * MatchNoDocs when none may, MatchAll when there are too many to name.
   */
  private Query groupsThatMayFire(CorrelationRule c, List<Query> targets) {
    BooleanQuery.Builder union = new BooleanQuery.Builder();
    targets.forEach(t -> union.add(ClusterPrefilter.widen(t), Occur.SHOULD));
    Query events = new BooleanQuery.Builder().add(union.build(), Occur.FILTER).add(window.query(), Occur.FILTER).build();
    List<Map<String, Object>> sources = new ArrayList<>();
    for (int g = 0; g < c.groupBy().size(); g++) {
      sources.add(Map.of("g" + g, Map.of("terms", Map.of("field", c.groupBy().get(g).fieldName(),
          "missing_bucket", true))));
    }
    sources.add(Map.of("t", Map.of("date_histogram", Map.of("field", Field.TIMESTAMP.fieldName(),
        "fixed_interval", c.timespanMs() + "ms"))));
    BucketPairBound bound = new BucketPairBound(c.threshold(), c.timespanMs());
    List<Set<String>> values = new ArrayList<>();
    boolean[] missing = new boolean[c.groupBy().size()];
    c.groupBy().forEach(f -> values.add(new LinkedHashSet<>()));
    List<String> group = null;
    long groups = 0;
    long candidates = 0;
    long buckets = 0;
    JsonNode after = null;
    do {
      Map<String, Object> composite = new LinkedHashMap<>();
      composite.put("size", PAGE);
      composite.put("sources", sources);
      if (after != null) {
        composite.put("after", after);
      }
      JsonNode agg = cluster.aggregate(events, Map.of("cells", Map.of("composite", composite))).path("cells");
      buckets += agg.path("buckets").size();
      if (buckets > MAX_BUCKETS) {
        String note = c.id() + ": not counted, over " + MAX_BUCKETS + " buckets (read whole)";
        LOG.info("{}", note);
        notes.add(note);
        return new MatchAllDocsQuery();
      }
      for (JsonNode b : agg.path("buckets")) {
        List<String> key = new ArrayList<>();
        for (int g = 0; g < missing.length; g++) {
          JsonNode v = b.path("key").path("g" + g);
          key.add(v.isNull() || v.isMissingNode() ? null : v.asText());
        }
        if (!key.equals(group)) {
          candidates += keep(group, bound, values, missing);
          groups++;
          group = key;
          bound.newGroup();
        }
        bound.bucket(b.path("key").path("t").asLong(), b.path("doc_count").asLong());
      }
      after = agg.path("buckets").isEmpty() ? null : agg.get("after_key");
    } while (after != null);
    candidates += keep(group, bound, values, missing);
    String note = c.id() + ": " + candidates + " of " + groups + " groups may reach " + c.threshold();
    LOG.info("counted on the cluster: {}", note);
    notes.add(note);
    return candidates == 0 ? new MatchNoDocsQuery("no group of " + c.id() + " may fire")
        : filter(c.groupBy(), values, missing);
  }

  /** Adds the finished group's values to the candidates when it may fire; 1 if so. */
  private static int keep(List<String> group, BucketPairBound bound, List<Set<String>> values, boolean[] missing) {
    if (group == null || !bound.reached()) {
      return 0;
    }
    for (int g = 0; g < missing.length; g++) {
      if (group.get(g) == null) {
        missing[g] = true;
      } else {
        values.get(g).add(group.get(g));
      }
    }
    return 1;
  }

  /**
   * Events whose every group-by field holds one of the candidates' values, or none when a
   * candidate lacked it (at least one candidate); MatchAll when there is no group-by field or a
   * field has too many values to name.
   */
  static Query filter(List<Field> groupBy, List<Set<String>> values, boolean[] missing) {
    if (groupBy.isEmpty()) {
      return new MatchAllDocsQuery();
    }
    BooleanQuery.Builder all = new BooleanQuery.Builder();
    for (int g = 0; g < groupBy.size(); g++) {
      String name = groupBy.get(g).fieldName();
      if (values.get(g).size() > MAX_VALUES) {
        return new MatchAllDocsQuery();
      }
      BooleanQuery.Builder field = new BooleanQuery.Builder();
      if (!values.get(g).isEmpty()) {
        field.add(new TermInSetQuery(name, values.get(g).stream().map(BytesRef::new).toList()), Occur.SHOULD);
      }
      if (missing[g]) {
        field.add(new BooleanQuery.Builder().add(new MatchAllDocsQuery(), Occur.FILTER)
            .add(new FieldExistsQuery(name), Occur.MUST_NOT).build(), Occur.SHOULD);
      }
      all.add(field.build(), Occur.FILTER);
    }
    return all.build();
  }

}
