package org.apiaudit.engine.opensearch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import org.apiaudit.detect.findings.CaseFindings;
import org.apiaudit.detect.DetectionService;
import org.apiaudit.detect.scan.TimeWindow;
import org.apiaudit.rules.RuleSet;

/**
 * Detection over a cluster's events, as {@code detect --engine opensearch} and {@code nightly}
 * with {@code engine: opensearch} run it: the unchanged engine reads {@link ClusterEvents}, whose
 * scratch index lives in a temporary folder for the run and is deleted after it, whatever the
 * outcome (it holds pseudonymised events only, but nothing of a case should outlive its use).
 */
public final class ClusterDetection {
  private ClusterDetection() {}

  /**
   * The findings of {@code rules} over {@code window} on {@code cluster}.
   *
   * @param leakPseudonyms the leak sample, pseudonymised with the case key, or null
   */
  public static CaseFindings detect(OpenSearchSearcher cluster, RuleSet rules, TimeWindow window,
      List<String> leakPseudonyms) throws IOException {
    return detect(cluster, rules, window, leakPseudonyms, read -> { });
  }

  /**
   * As {@link #detect(OpenSearchSearcher, RuleSet, TimeWindow, List)}, telling {@code reads} how
   * many of the window's events were read from the cluster ("read N of the window's M events from
   * the cluster (S for the rules' scan)").
   */
  public static CaseFindings detect(OpenSearchSearcher cluster, RuleSet rules, TimeWindow window,
      List<String> leakPseudonyms, Consumer<String> reads) throws IOException {
    Path scratch = Files.createTempDirectory("apiaudit-detect");
    try (ClusterEvents events = new ClusterEvents(cluster, window, scratch.resolve("index"), rules)) {
      CaseFindings findings = new DetectionService().detect(events, rules, window, leakPseudonyms);
      reads.accept(String.format(java.util.Locale.ROOT, "read %,d of the window's %,d events from the cluster (%,d"
          + " for the rules' scan)", events.copied(), cluster.count(window.query()), events.scanned()));
      return findings;
    } finally {
      try (var walk = Files.walk(scratch)) {
        walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}
