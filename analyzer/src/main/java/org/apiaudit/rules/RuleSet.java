package org.apiaudit.rules;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Loaded rules with their references resolved: every correlation names existing detection
 * rules, ids are unique. Immutable.
 */
public final class RuleSet {
  private final List<Rule> rules;
  private final List<DetectionRule> detections = new ArrayList<>();
  private final List<CorrelationRule> correlations = new ArrayList<>();
  private final Map<String, Rule> byRef = new HashMap<>();
  private final Map<String, List<DetectionRule>> resolved = new HashMap<>();
  private final Set<String> referenced = new HashSet<>();

  /** Checks ids and references; errors name the file:line and rule. */
  public RuleSet(List<Rule> rules) {
    this.rules = List.copyOf(rules);
    for (Rule r : rules) {
      Rule prev = byRef.put(r.id(), r);
      if (prev != null) {
        throw r.meta().location().error("id", "duplicate id, also used by " + prev.meta().location());
      }
      if (r instanceof DetectionRule d) {
        detections.add(d);
      } else {
        correlations.add((CorrelationRule) r);
      }
    }
    for (Rule r : rules) {
      String name = r.meta().name();
      if (name != null && byRef.putIfAbsent(name, r) != null && byRef.get(name) != r) {
        throw r.meta().location().error("name", "duplicate rule name '" + name + "'");
      }
    }
    for (CorrelationRule c : correlations) {
      List<DetectionRule> targets = new ArrayList<>();
      for (String ref : c.ruleRefs()) {
        Rule target = byRef.get(ref);
        if (target == null) {
          throw c.meta().location().error("correlation.rules", "references unknown rule '" + ref + "'");
        }
        if (!(target instanceof DetectionRule d)) {
          throw c.meta().location().error("correlation.rules", "references correlation '" + ref
              + "'; chaining correlations is not supported");
        }
        targets.add(d);
        if (!c.generate()) {
          referenced.add(d.id());
        }
      }
      resolved.put(c.id(), List.copyOf(targets));
    }
  }

  public List<Rule> rules() {
    return rules;
  }

  public List<DetectionRule> detections() {
    return List.copyOf(detections);
  }

  public List<CorrelationRule> correlations() {
    return List.copyOf(correlations);
  }

  /** The detection rules a correlation references, in its order. */
  public List<DetectionRule> targets(CorrelationRule c) {
    return resolved.get(c.id());
  }

  /**
   * Whether a detection rule reports on its own: not when a correlation uses it without
   * {@code generate: true} (Sigma's default hides base rules of correlations).
   */
  public boolean reportsOnItsOwn(DetectionRule d) {
    return !referenced.contains(d.id());
  }

  /** The rule with this id or name, or null. */
  public Rule find(String idOrName) {
    return byRef.get(idOrName);
  }
}
