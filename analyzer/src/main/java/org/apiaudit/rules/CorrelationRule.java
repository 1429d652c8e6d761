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

  /** A numeric parameter as declared in {@link CorrelationParameters} (default filled in when loaded). */
  public double param(String key) {
    Object v = params.get(key);
    if (!(v instanceof Number n)) {
      throw new IllegalStateException(meta.location() + ": parameter " + key + " is not declared for " + type.sigmaName());
    }
    return n.doubleValue();
  }

  /** A numeric parameter declared without a default (its default depends on the rule's form), or {@code fallback}. */
  public double param(String key, double fallback) {
    Object v = params.get(key);
    return v instanceof Number n ? n.doubleValue() : fallback;
  }

  /** A duration parameter in ms as declared in {@link CorrelationParameters}; 0 when the type declares none. */
  public long durationParam(String key) {
    CorrelationParameters.Param p = CorrelationParameters.of(type).get(key);
    return p != null && p.kind() == CorrelationParameters.Kind.DURATION ? ((Number) params.get(key)).longValue() : 0;
  }
}
