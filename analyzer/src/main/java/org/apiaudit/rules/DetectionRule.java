package org.apiaudit.rules;

import java.util.List;

/**
 * A Sigma detection rule: named selections and the condition that combines them.
 *
 * @param meta title, id, level and the rest
 * @param selections the named search identifiers, in file order
 * @param condition the parsed condition
 * @param conditionText the condition as written
 */
public record DetectionRule(RuleMeta meta, List<Selection> selections, Condition condition, String conditionText)
    implements Rule {
  public DetectionRule {
    selections = List.copyOf(selections);
  }
}
