package org.apiaudit.nightly;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.apiaudit.ExitCodes;
import org.apiaudit.detect.findings.CaseFindings;
import org.apiaudit.detect.findings.FindingsSummary;
import org.apiaudit.detect.scan.TimeWindow;
import org.apiaudit.engine.EngineKind;
import org.apiaudit.engine.EventStore;
import org.apiaudit.index.IndexManifest;
import org.apiaudit.ingest.EndpointTable;
import org.apiaudit.ingest.EventNormalizer;
import org.apiaudit.ingest.IngestConfig;
import org.apiaudit.ingest.IngestPipeline;
import org.apiaudit.ingest.LineReader;
import org.apiaudit.ingest.format.FormatChoice;
import org.apiaudit.privacy.CaseKey;
import org.apiaudit.rules.RuleLoader;
import org.apiaudit.rules.RuleSet;

/**
 * One nightly run: ingest what is new, detect over it with the look-back the rules need, report
 * only new and escalated findings, apply retention, on the embedded index or a cluster ({@link
 * NightlyEngine}). On the embedded index its write lock is held for the whole run, so a second
 * run fails fast (exit 5) instead of interleaving.
 *
 * <p>Each step ends in a commit of the store that carries the state the next step needs
 * (offsets, the pending detection range, the reported findings), so a run killed at any moment
 * resumes correctly: ingest continues from the last committed line end, detection and the
 * report are redone for a pending range that was never marked reported.
 */
public final class NightlyRun {
  /**
   * Called after a file's new documents were handed to the store and before the commit that
   * records them: the moment a crash costs the most. Lets a test stop the run exactly there
   * (see {@code NightlyKillTest}) instead of racing a timer.
   */
  @FunctionalInterface
  public interface BeforeFileCommit {
    BeforeFileCommit NONE = (file, filesCommitted) -> { };

    /**
     * @param file the source file whose documents are about to be committed
     * @param filesCommitted files this run has committed before this one
     */
    void reached(Path file, int filesCommitted) throws IOException;
  }

  private final NightlyConfig config;
  private final Clock clock;
  private final Consumer<String> notice;
  private final BeforeFileCommit beforeFileCommit;

  /**
   * @param notice receives one-line messages for the user (warnings, a new key)
   */
  public NightlyRun(NightlyConfig config, Clock clock, Consumer<String> notice) {
    this(config, clock, notice, BeforeFileCommit.NONE);
  }

  /** As {@link #NightlyRun(NightlyConfig, Clock, Consumer)}, with {@code beforeFileCommit} called at each file's commit. */
  public NightlyRun(NightlyConfig config, Clock clock, Consumer<String> notice, BeforeFileCommit beforeFileCommit) {
    this.config = config;
    this.clock = clock;
    this.notice = notice;
    this.beforeFileCommit = beforeFileCommit;
  }

  public NightlySummary run(String commandLine) throws IOException {
    long started = clock.millis();
    LocalDate date = LocalDate.ofInstant(Instant.ofEpochMilli(started), config.reportZone());
    RuleSet rules = new RuleLoader().load(config.rules());
    IngestConfig ingestConfig = new IngestConfig(FormatChoice.of(config.format(), null, null, config.timestampZone()),
        EndpointTable.defaults(), EventNormalizer.DEFAULT_IDENTIFIER_PARAMS, IngestConfig.defaultThreads(),
        LineReader.DEFAULT_MAX_LINE_BYTES, config.rejectsFile());
    SourceScanner.Scan scan = new SourceScanner().scan(config.sources());
    CaseKey key = CaseKey.loadOrCreate(config.keyFile(), notice);
    try (NightlyEngine engine = config.engine() == EngineKind.OPENSEARCH ? new ClusterNightly(config.cluster(), notice)
        : new EmbeddedNightly(config.index())) {
      EventStore store = engine.store();
      IngestPipeline pipeline = new IngestPipeline(store, ingestConfig, key, (f, d, t, l, b) -> { });
      IncrementalIngest.Result ingest = new IncrementalIngest(store, pipeline, beforeFileCommit).run(scan.files());
      List<String> problems = new java.util.ArrayList<>(scan.problems());
      problems.addAll(ingest.problems());
      ingest.warnings().forEach(w -> notice.accept("warning: " + w));
      problems.forEach(p -> notice.accept("error: " + p));

      IndexManifest manifest = store.manifest();
      NightlyState.Range pending = NightlyState.pending(manifest);
      TimeWindow window = pending == null ? new TimeWindow(0, 0)
          : new TimeWindow(pending.from() - LookBack.of(rules, config.historyMs()), pending.to());
      CaseFindings all = engine.detect(rules, window);
      NoveltyFilter.Selection sel = new NoveltyFilter(config.escalationFactor())
          .select(all.actors(), pending == null ? Long.MAX_VALUE : pending.from(), NightlyState.reported(manifest));
      CaseFindings reported = new CaseFindings(all.schemaVersion(), all.conclusion(), all.coverage(),
          NoveltyFilter.incidentsOf(all.incidents(), sel.actors()), sel.actors(), all.rules(), null);
      Path folder = new NightlyReporter().write(reported, engine.activity(reported), manifest, config, store.location(),
          date, commandLine, started);
      manifest = NightlyState.withReported(manifest, sel.reported());
      manifest = NightlyState.withPending(manifest, null).withExtra(NightlyState.LAST_RUN,
          Instant.ofEpochMilli(clock.millis()).toString());
      store.commit(manifest);

      long purged = config.retentionMs() > 0 ? engine.purge(config.retentionMs(), clock.millis()) : 0;
      Map<String, Long> byVerdict = new TreeMap<>();
      for (CaseFindings.ActorFinding a : reported.actors()) {
        byVerdict.merge(a.verdict(), 1L, Long::sum);
      }
      int exit = FindingsSummary.reachesLevel(reported, config.failOn()) ? ExitCodes.FINDINGS
          : problems.isEmpty() ? ExitCodes.OK : ExitCodes.INPUT_ERROR;
      return new NightlySummary(date.toString(), ingest.filesRead(), ingest.newLines(), ingest.newEvents(), byVerdict,
          purged, folder.toString(), problems, ingest.warnings(), exit);
    }
  }
}
