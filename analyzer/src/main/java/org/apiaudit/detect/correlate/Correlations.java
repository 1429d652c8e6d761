package org.apiaudit.detect.correlate;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;
import org.apiaudit.detect.scan.EventColumns;
import org.apiaudit.rules.CorrelationRule;
import org.apiaudit.rules.CorrelationType;
import org.apiaudit.schema.Field;

/**
 * The one place that knows each correlation type: how its correlator is built from a rule, and how
 * far before the analysed window its measure reaches (the look-back a nightly run must read so
 * that a window begun before midnight, a novelty history or a baseline's earlier periods are whole).
 * Adding a type is its correlator class plus one line here; the engine and the nightly run ask
 * this registry, and {@link #of} refuses a type without a line.
 */
public enum Correlations {
  EVENT_COUNT(CorrelationType.EVENT_COUNT, EventCountCorrelator::new, Correlations::timespanOnly),
  VALUE_COUNT(CorrelationType.VALUE_COUNT, ValueCountCorrelator::new, Correlations::timespanOnly),
  VALUE_SUM(CorrelationType.VALUE_SUM, ValueMetricCorrelator::new, Correlations::timespanOnly),
  VALUE_AVG(CorrelationType.VALUE_AVG, ValueMetricCorrelator::new, Correlations::timespanOnly),
  VALUE_PERCENTILE(CorrelationType.VALUE_PERCENTILE, ValueMetricCorrelator::new, Correlations::timespanOnly),
  TEMPORAL(CorrelationType.TEMPORAL, (c, idx, columns) -> new TemporalCorrelator(c, idx, columns, false),
      Correlations::timespanOnly),
  TEMPORAL_ORDERED(CorrelationType.TEMPORAL_ORDERED, (c, idx, columns) -> new TemporalCorrelator(c, idx, columns, true),
      Correlations::timespanOnly),
  FOLLOWED(CorrelationType.FOLLOWED, (c, idx, columns) -> new FollowedCorrelator(c, idx, columns, joinField(c)),
      Correlations::timespanOnly),
  /** A gap longer than {@code max-gap} ends a run of calls, so a run can start that long before the window. */
  CADENCE(CorrelationType.CADENCE, CadenceCorrelator::new, c -> c.durationParam("max-gap")),
  /** Each day is judged against {@code min-history} earlier periods, so that many and the day itself. */
  BASELINE(CorrelationType.BASELINE, BaselineCorrelator::new,
      c -> c.durationParam("period") * (long) (c.param("min-history") + 1)),
  /** With a timespan the walk is measured per sliding window; without, over the whole window. */
  WALK(CorrelationType.WALK, (c, idx, columns) -> c.timespanMs() > 0 ? new WindowedWalkCorrelator(c, idx, columns)
      : new WalkCorrelator(c, idx, columns), Correlations::timespanOnly),
  NIGHT(CorrelationType.NIGHT, NightCorrelator::new, Correlations::timespanOnly),
  /** Values are new against the group's first {@code history}, which may lie before the window. */
  NOVELTY(CorrelationType.NOVELTY, NoveltyCorrelator::new, c -> c.durationParam("history")),
  /** With a timespan the spread is measured per sliding window; without, over the whole window. */
  SPREAD(CorrelationType.SPREAD, (c, idx, columns) -> c.timespanMs() > 0 ? new WindowedSpreadCorrelator(c, idx, columns)
      : new SpreadCorrelator(c, idx, columns), Correlations::timespanOnly);

  /** Builds the correlator of one rule over the scan's columns. */
  @FunctionalInterface
  interface Factory {
    Correlator create(CorrelationRule rule, int[] ruleIndices, EventColumns columns);
  }

  private static final Map<CorrelationType, Correlations> BY_TYPE = new EnumMap<>(CorrelationType.class);

  static {
    for (Correlations c : values()) {
      BY_TYPE.put(c.type, c);
    }
  }

  private final CorrelationType type;
  private final Factory factory;
  /** How far before the window the type's measure reaches beyond its timespan, in ms. */
  private final ToLongFunction<CorrelationRule> reach;

  Correlations(CorrelationType type, Factory factory, ToLongFunction<CorrelationRule> reach) {
    this.type = type;
    this.factory = factory;
    this.reach = reach;
  }

  /** The registry line of {@code type}; an {@link IllegalStateException} for a type without one. */
  public static Correlations of(CorrelationType type) {
    Correlations c = BY_TYPE.get(type);
    if (c == null) {
      throw new IllegalStateException("correlation type " + type.sigmaName() + " has no line in Correlations");
    }
    return c;
  }

  /** The correlator of {@code rule}, fed the events of the detection rules at {@code ruleIndices}. */
  public static Correlator create(CorrelationRule rule, int[] ruleIndices, EventColumns columns) {
    return of(rule.type()).factory.create(rule, ruleIndices, columns);
  }

  /**
   * How long before the window's first event the events {@code rule} measures may lie: its
   * timespan, or what its type reaches further back (a cadence run, a novelty history, a baseline's
   * earlier periods).
   */
  public static long lookBackMs(CorrelationRule rule) {
    return Math.max(rule.timespanMs(), of(rule.type()).reach.applyAsLong(rule));
  }

  /** The columns the scan must decode for {@code rule}: its group-by fields, measured field and join field. */
  public static List<Field> columns(CorrelationRule rule) {
    List<Field> out = new ArrayList<>(rule.groupBy());
    if (rule.field() != null) {
      out.add(rule.field());
    }
    Field join = joinField(rule);
    if (join != null) {
      out.add(join);
    }
    return out;
  }

  /**
   * The {@code join} field of a followed correlation, or null. The loader has checked that it names
   * a keyword field with doc values; a rule made some other way is refused here, before the scan.
   */
  static Field joinField(CorrelationRule c) {
    Object join = c.params().get("join");
    if (join == null) {
      return null;
    }
    Field f = Field.byName(join.toString());
    if (f == null || !f.hasDocValues() || f.isNumeric()) {
      throw c.meta().location().error("x-apiaudit.join", "must be a keyword field with doc values; got: " + join);
    }
    return f;
  }

  /** The types whose measure reaches back no further than their timespan. */
  private static long timespanOnly(CorrelationRule rule) {
    return 0;
  }
}
