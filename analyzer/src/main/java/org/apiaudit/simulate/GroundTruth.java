package org.apiaudit.simulate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Collects the labels and the per-scenario counts while the traffic is generated, so that the
 * ground truth describes exactly what was written.
 *
 * <p>When one identifier gets two labels (a partner client id is benign automation in the
 * baseline but abused in {@code partner-abuse}), the attack label wins: an investigation must
 * report it.
 */
final class GroundTruth {
  static final String BASELINE = "baseline";

  private final Map<String, Label> labels = new LinkedHashMap<>();
  private final List<ScenarioStats> scenarios = new ArrayList<>();
  /** Citizens whose mobile or reference id an attacker named in any request. */
  final Set<Long> touchedCitizens = new HashSet<>();
  /** Citizens whose record (search result, lookup, certificate) an attacker received. */
  final Set<Long> scrapedCitizens = new HashSet<>();

  ScenarioStats register(ScenarioSpec spec) {
    ScenarioStats stats = new ScenarioStats(spec);
    scenarios.add(stats);
    return stats;
  }

  void label(String kind, String value, TruthClass truthClass, String scenario, String role) {
    String key = kind + '\u0000' + value;
    Label existing = labels.get(key);
    if (existing == null
        || (truthClass.isAttack() && !existing.truthClass().isAttack())) {
      labels.put(key, new Label(kind, value, truthClass, scenario, role));
    }
  }

  /** Labels sorted by scenario, kind and value: a stable order for the file. */
  List<Label> labels() {
    List<Label> sorted = new ArrayList<>(labels.values());
    sorted.sort(Comparator.comparing(Label::scenario).thenComparing(Label::kind)
        .thenComparing(Label::value));
    return sorted;
  }

  List<ScenarioStats> scenarios() {
    return List.copyOf(scenarios);
  }
}
