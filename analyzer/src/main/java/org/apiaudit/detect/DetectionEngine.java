package org.apiaudit.detect;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.Query;
import org.apiaudit.detect.correlate.Correlations;
import org.apiaudit.detect.correlate.Correlator;
import org.apiaudit.detect.correlate.GroupHit;
import org.apiaudit.detect.correlate.MatchCounter;
import org.apiaudit.detect.correlate.WholeWindowCorrelator;
import org.apiaudit.detect.scan.CoverageCollector;
import org.apiaudit.detect.scan.EventColumns;
import org.apiaudit.detect.scan.EventConsumer;
import org.apiaudit.detect.scan.EventLanes;
import org.apiaudit.detect.scan.EventScanner;
import org.apiaudit.detect.scan.ScanEvent;
import org.apiaudit.detect.scan.TimeWindow;
import org.apiaudit.index.ColumnViews;
import org.apiaudit.rules.CompiledQueries;
import org.apiaudit.rules.CorrelationRule;
import org.apiaudit.rules.DetectionRule;
import org.apiaudit.rules.RuleSet;
import org.apiaudit.schema.Field;

/**
 * Runs a rule set over an index in one time-ordered pass: detection rules are Lucene queries
 * evaluated per segment, correlations consume the merged stream, and coverage is measured on
 * the way. Returns every group a rule fired for.
 */
public final class DetectionEngine {
  /** Columns the verdict and coverage steps always need. */
  static final List<Field> CORE = List.of(Field.SOURCE_IP, Field.SOURCE_SUBNET, Field.USER_AGENT, Field.AUTH_TYPE,
      Field.PRINCIPAL, Field.ENDPOINT_CLASS, Field.SUBJECT_ID, Field.SUBJECT_BLOCK, Field.SUBJECT_OFFSET);

  /**
   * Threads correlating beside the scanning one. Two keep both cores of a small machine busy
   * with the scanner's decoding overlapping; more would mostly contend for the same cores.
   */
  static final int LANES = 2;

  /** What one pass found, and how many idle groups were kept on disk instead of in memory. */
  public record Result(List<GroupHit> hits, CoverageCollector coverage, EventColumns columns, long groupsOnDisk) {}

  private final RuleSet rules;
  private final long idleAfterMs;
  private final List<Query> queries = new ArrayList<>();
  private final Map<String, Integer> indexOf = new HashMap<>();

  public DetectionEngine(RuleSet rules) {
    this(rules, WholeWindowCorrelator.IDLE_AFTER_MS);
  }

  /** An engine keeping whole-window groups untouched for {@code idleAfterMs} of log time on disk. */
  DetectionEngine(RuleSet rules, long idleAfterMs) {
    this.rules = rules;
    this.idleAfterMs = idleAfterMs;
    for (DetectionRule d : rules.detections()) {
      indexOf.put(d.id(), queries.size());
      queries.add(CompiledQueries.of(d));
    }
  }

  /** Each detection rule's selection: the events the scan's consumers other than coverage read. */
  List<Query> selections() {
    return queries;
  }

  public Result run(IndexReader given, TimeWindow window) {
    IndexReader reader = ColumnViews.wrap(given);
    Set<Field> needed = new LinkedHashSet<>(CORE);
    for (CorrelationRule c : rules.correlations()) {
      needed.addAll(Correlations.columns(c));
    }
    for (DetectionRule d : rules.detections()) {
      needed.add(actorField(d));
    }
    EventColumns columns = new EventColumns(reader, needed);
    List<Correlator> correlators = new ArrayList<>();
    for (DetectionRule d : rules.detections()) {
      if (rules.reportsOnItsOwn(d)) {
        correlators.add(new MatchCounter(d, indexOf.get(d.id()), actorField(d), columns));
      }
    }
    for (CorrelationRule c : rules.correlations()) {
      int[] idx = rules.targets(c).stream().mapToInt(d -> indexOf.get(d.id())).toArray();
      Correlator correlator = Correlations.create(c, idx, columns);
      if (correlator instanceof WholeWindowCorrelator<?> w) {
        w.idleAfter(idleAfterMs);
      }
      correlators.add(correlator);
    }
    List<Query> windowed = new ArrayList<>();
    Query w = window.query();
    for (Query q : queries) {
      windowed.add(new BooleanQuery.Builder().add(q, Occur.FILTER).add(w, Occur.FILTER).build());
    }
    CoverageCollector coverage = new CoverageCollector(columns);
    List<EventConsumer> consumers = new ArrayList<>();
    consumers.add(coverage);
    consumers.addAll(correlators);
    ScanEvent shape = new ScanEvent(windowed.size(), columns.keywordFields().size(), columns.numericFields().size());
    try (EventLanes lanes = new EventLanes(EventLanes.deal(consumers, LANES), shape)) {
      new EventScanner(reader, w, windowed, columns, CoverageCollector.COLUMNS).scan(lanes::accept);
      lanes.finish();
    }
    List<GroupHit> hits = new ArrayList<>();
    long onDisk = 0;
    for (Correlator c : correlators) {
      hits.addAll(c.hits());
      if (c instanceof WholeWindowCorrelator<?> whole) {
        onDisk += whole.stored();
      }
    }
    return new Result(hits, coverage, columns, onDisk);
  }

  /** The actor a standalone detection rule reports: {@code x-apiaudit.actor}, default source IP. */
  static Field actorField(DetectionRule d) {
    String name = d.meta().ext("actor", Field.SOURCE_IP.fieldName());
    Field f = Field.byName(name);
    if (f == null || !f.hasDocValues() || f.isNumeric()) {
      throw d.meta().location().error("x-apiaudit.actor", "must be a keyword or IP field with doc values; got: " + name);
    }
    return f;
  }
}
