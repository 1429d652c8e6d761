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

  private final List<RuleSkip> skipped;

  /** Checks ids and references; errors name the file:line and rule. */
  public RuleSet(List<Rule> rules) {
    this(rules, List.of());
  }

  /** As {@link #RuleSet(List)}, remembering the documents the loader skipped. */
  public RuleSet(List<Rule> rules, List<RuleSkip> skipped) {
    this.skipped = List.copyOf(skipped);
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
          throw c.meta().location().error("correlation.rules", "references " + unloaded(ref));
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

  /** Why {@code ref} is not among the rules: skipped (with the skip's reason and place), or unknown. */
  private String unloaded(String ref) {
    for (RuleSkip s : skipped) {
      if (ref.equals(s.rule())) {
        return "rule '" + ref + "', which was skipped: " + s;
      }
    }
    return "unknown rule '" + ref + "'";
  }

  public List<Rule> rules() {
    return rules;
  }

  /** "loaded N rules, skipped M" and one line per skipped document with its reason. */
  public List<String> loadNotice() {
    return loadNotice(rules.size(), skipped);
  }

  /** "loaded N rules, skipped M" and one line per skipped document, for {@code loaded} rules and these skips. */
  public static List<String> loadNotice(int loaded, List<RuleSkip> skipped) {
    List<String> out = new ArrayList<>();
    out.add("loaded " + loaded + " rules, skipped " + skipped.size());
    for (RuleSkip s : skipped) {
      out.add("  skipped " + s);
    }
    return out;
  }

  /** The rule documents the loader skipped, with their reasons. */
  public List<RuleSkip> skipped() {
    return skipped;
  }

  /**
   * {@code rules} without the correlations that reference a rule not among them (it was skipped)
   * and without later duplicates of an id, each added to {@code skipped} with its reason.
   */
  static List<Rule> withoutDanglingCorrelations(List<Rule> rules, List<RuleSkip> skipped) {
    Map<String, Rule> known = new HashMap<>();
    List<Rule> kept = new ArrayList<>();
    for (Rule r : rules) {
      if (known.containsKey(r.id())) {
        skipped.add(new RuleSkip(r.meta().file(), r.meta().location().line(), r.id(), "duplicate id, also used by "
            + known.get(r.id()).meta().location()));
        continue;
      }
      known.put(r.id(), r);
      if (r.meta().name() != null) {
        known.putIfAbsent(r.meta().name(), r);
      }
      kept.add(r);
    }
    List<Rule> out = new ArrayList<>();
    for (Rule r : kept) {
      String missing = r instanceof CorrelationRule c
          ? c.ruleRefs().stream().filter(ref -> !(known.get(ref) instanceof DetectionRule)).findFirst().orElse(null) : null;
      if (missing != null) {
        skipped.add(new RuleSkip(r.meta().file(), r.meta().location().line(), r.id(),
            "references rule '" + missing + "', which was not loaded"));
      } else {
        out.add(r);
      }
    }
    return out;
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
