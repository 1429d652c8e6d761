package org.apiaudit.nightly;

import java.net.URI;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import org.apiaudit.engine.EngineKind;
import org.apiaudit.engine.opensearch.OpenSearchLayout;
import org.apiaudit.ingest.Ingestor;
import org.apiaudit.rules.RuleMeta;

/**
 * Validated settings of a nightly run, read from a YAML file by {@link NightlyConfigLoader}.
 *
 * @param engine where events and the run's state are kept
 * @param index the embedded index folder, whose commit data holds the run's state (null on a cluster)
 * @param cluster the cluster and its layout (null on the embedded index)
 * @param key the case key file, or null for the index path + {@code .key} (required on a cluster)
 * @param sources folders (walked recursively) and globs ({@code /var/log/gw/access.log*})
 * @param rules the rules folder
 * @param out the report folder; each run writes {@code out/<date>/}
 * @param retentionMs events older than this are purged at the end of a run; 0 keeps everything
 * @param failOn exit 3 when a new finding has a rule at or above this Sigma level
 * @param historyMs how far before the new events detection looks, at least (baselines learn
 *     from earlier nights); the rules' own windows are added automatically
 * @param escalationFactor a finding already reported is reported again when its measured value
 *     grew by at least this factor
 * @param format the log format of every source, or null to detect it per file
 * @param timestampZone zone of timestamps that carry none
 * @param reportZone zone of the calendar date that names the report folder
 * @param caseName the name printed in each report
 */
public record NightlyConfig(
    EngineKind engine,
    Path index,
    Cluster cluster,
    Path key,
    List<String> sources,
    Path rules,
    Path out,
    long retentionMs,
    String failOn,
    long historyMs,
    double escalationFactor,
    String format,
    ZoneId timestampZone,
    ZoneId reportZone,
    String caseName) {

  /** Default {@code fail-on}: only what a human must look at tonight wakes the scheduler up. */
  public static final String DEFAULT_FAIL_ON = "high";
  /** Default look-back: two weeks, the history the baseline rules need to learn a normal night. */
  public static final long DEFAULT_HISTORY_MS = 14 * 86_400_000L;
  /** Default escalation factor: a doubled measure is news, a 10% drift is not. */
  public static final double DEFAULT_ESCALATION_FACTOR = 2.0;
  /** Default case name in reports. */
  public static final String DEFAULT_CASE_NAME = "nightly API access audit";

  /** Default replicas of new daily indices, as {@code ingest --replicas}: one copy survives a lost node. */
  public static final int DEFAULT_REPLICAS = 1;

  /**
   * How to reach the cluster with {@code engine: opensearch}.
   *
   * @param url the cluster's HTTP address ({@code https://} when it requires TLS)
   * @param credentials a file holding one {@code user:password} line, or null for the
   *     environment's (or none)
   * @param layout the indices' names (prefix)
   * @param replicas replica shards of new daily indices
   */
  public record Cluster(URI url, Path credentials, OpenSearchLayout layout, int replicas) {
    public Cluster {
      if (replicas < 0) {
        throw new IllegalArgumentException("replicas must be 0 or more; got: " + replicas);
      }
    }
  }

  public NightlyConfig {
    if ((engine == EngineKind.OPENSEARCH) != (cluster != null)) {
      throw new IllegalArgumentException("a cluster is configured exactly with engine opensearch");
    }
    if (engine == EngineKind.LUCENE && index == null) {
      throw new IllegalArgumentException("index is required with the embedded engine");
    }
    if (engine == EngineKind.OPENSEARCH && key == null) {
      throw new IllegalArgumentException("key is required with engine opensearch");
    }
    sources = List.copyOf(sources);
    if (sources.isEmpty()) {
      throw new IllegalArgumentException("sources must list at least one folder or glob");
    }
    if (RuleMeta.rank(failOn) < 0) {
      throw new IllegalArgumentException("fail-on must be one of " + RuleMeta.LEVELS + "; got: " + failOn);
    }
    if (retentionMs < 0) {
      throw new IllegalArgumentException("retention must not be negative; got: " + retentionMs);
    }
    if (historyMs < 0) {
      throw new IllegalArgumentException("history must not be negative; got: " + historyMs);
    }
    if (!(escalationFactor > 1.0)) {
      throw new IllegalArgumentException("escalation-factor must be > 1; got: " + escalationFactor);
    }
  }

  /** A copy failing on {@code level} instead (the command line's {@code --fail-on}). */
  public NightlyConfig withFailOn(String level) {
    return new NightlyConfig(engine, index, cluster, key, sources, rules, out, retentionMs, level, historyMs,
        escalationFactor, format, timestampZone, reportZone, caseName);
  }

  /** Where rejected lines go: beside the index, or in the report folder for a cluster. */
  public Path rejectsFile() {
    return Ingestor.defaultRejectsFile(index != null ? index : out.resolve(cluster.layout().prefix()));
  }

  /** The key file: as configured, else {@code <index>.key} beside the index folder. */
  public Path keyFile() {
    if (key != null) {
      return key;
    }
    return org.apiaudit.privacy.CaseKey.defaultFileFor(index);
  }
}
