package org.apiaudit.detect.correlate;

import java.util.List;
import org.apiaudit.rules.Rule;
import org.apiaudit.schema.Field;

/**
 * A rule that fired for one group (an actor): the strongest measurement and its window.
 *
 * @param rule the rule
 * @param groupBy the fields the group is keyed by
 * @param values the group's values, one per {@code groupBy} field
 * @param measured the measured value
 * @param threshold the rule's threshold
 * @param op the comparison
 * @param first start of the window in which it fired
 * @param last end of that window
 */
public record GroupHit(Rule rule, List<Field> groupBy, List<String> values, double measured, double threshold, String op,
    long first, long last) {}
