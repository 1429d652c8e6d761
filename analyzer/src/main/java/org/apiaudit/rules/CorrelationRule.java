package org.apiaudit.rules;

import java.util.List;
import java.util.Map;
import org.apiaudit.schema.Field;

/**
 * A correlation rule: groups the events of referenced detection rules and compares a measure
 * with a threshold, over sliding windows in log time (Sigma) or over the whole analysed window
 * (most {@code x-apiaudit/...} types).
 *
 * @param meta title, id, level...
 * @param type the correlation type
 * @param ruleRefs referenced rules (id or name), resolved by {@link RuleSet}
 * @param groupBy fields events are grouped by (the actor); at most two
 * @param timespanMs the window length, or 0 when the type has none
 * @param field the counted field ({@code value_count}, {@code baseline}, {@code novelty}), or null
 * @param threshold the condition
 * @param generate whether referenced rules also report on their own
 * @param params extension parameters (the correlation's {@code x-apiaudit} block)
 */
public record CorrelationRule(
    RuleMeta meta,
    CorrelationType type,
    List<String> ruleRefs,
    List<Field> groupBy,
    long timespanMs,
    Field field,
    Threshold threshold,
    boolean generate,
    Map<String, Object> params) implements Rule {
  public CorrelationRule {
    ruleRefs = List.copyOf(ruleRefs);
    groupBy = List.copyOf(groupBy);
    params = Map.copyOf(params);
  }

  /** A numeric extension parameter, or {@code fallback}. */
  public double param(String key, double fallback) {
    Object v = params.get(key);
    if (v == null) {
      return fallback;
    }
    return v instanceof Number n ? n.doubleValue() : Double.parseDouble(v.toString());
  }

  /** A duration extension parameter ({@code 15m}) in ms, or {@code fallback}. */
  public long durationParam(String key, long fallback) {
    Object v = params.get(key);
    return v == null ? fallback : Durations.parseMillis(v.toString());
  }
}
