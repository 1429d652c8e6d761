package org.apiaudit.nightly;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * What earlier nights reported, per actor ({@code kind:value}): the verdict and, per rule, the
 * level and measured value at the time. Only as much as deciding "new or worse?" needs.
 *
 * @param actors reported actors by {@code kind:value}
 */
public record ReportedFindings(Map<String, Actor> actors) {
  static final ReportedFindings EMPTY = new ReportedFindings(Map.of());

  public ReportedFindings {
    actors = actors == null ? Map.of() : Map.copyOf(actors);
  }

  /**
   * One reported actor.
   *
   * @param verdict the worst verdict reported
   * @param rules per rule id, what was last reported
   */
  public record Actor(String verdict, Map<String, Hit> rules) {
    public Actor {
      rules = rules == null ? Map.of() : Map.copyOf(rules);
    }
  }

  /** A reported rule hit: its Sigma level and measured value. */
  public record Hit(String level, double measured) {}

  /** A copy with {@code actor} recorded under {@code key}. */
  ReportedFindings with(String key, Actor actor) {
    Map<String, Actor> copy = new TreeMap<>(actors);
    copy.put(key, actor);
    return new ReportedFindings(copy);
  }

  /** Merges a newly reported actor into what was known about it. */
  static Actor merge(Actor old, String verdict, Map<String, Hit> hits) {
    Map<String, Hit> rules = new HashMap<>(old == null ? Map.of() : old.rules());
    rules.putAll(hits);
    String worst = old == null || NoveltyFilter.worse(verdict, old.verdict()) ? verdict : old.verdict();
    return new Actor(worst, rules);
  }
}
