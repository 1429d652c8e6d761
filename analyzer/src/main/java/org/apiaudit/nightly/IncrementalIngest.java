package org.apiaudit.nightly;

import org.apiaudit.Sha256;
import org.apiaudit.ingest.ContentHead;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apiaudit.engine.EventStore;
import org.apiaudit.index.IndexManifest;
import org.apiaudit.ingest.FileResult;
import org.apiaudit.ingest.IngestPipeline;

/**
 * Tonight's ingest: plans every source file against the logs the store knows, reads only what
 * is new, and commits after each file together with the manifest recording how far it was read
 * and the pending detection range. A run killed at any point leaves the store at its last
 * commit, whose offsets are exactly the line ends its documents end at: the next run reads the
 * rest, once. (On a cluster, documents sent before the kill stay, but the part read again gets
 * the same document ids, so it adds none twice.)
 */
final class IncrementalIngest {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(IncrementalIngest.class);

  /**
   * What tonight's ingest did.
   *
   * @param files one outcome per file looked at
   * @param newLines lines read
   * @param newEvents events indexed
   * @param problems files that could not be read (exit 4)
   * @param warnings files read again from the start, and the like
   */
  record Result(List<FileResult> files, long newLines, long newEvents, List<String> problems, List<String> warnings) {
    int filesRead() {
      return (int) files.stream().filter(f -> f.outcome() == FileResult.Outcome.INGESTED).count();
    }
  }

  private final EventStore store;
  private final IngestPipeline pipeline;
  private final NightlyRun.BeforeFileCommit beforeFileCommit;

  IncrementalIngest(EventStore store, IngestPipeline pipeline, NightlyRun.BeforeFileCommit beforeFileCommit) {
    this.store = store;
    this.pipeline = pipeline;
    this.beforeFileCommit = beforeFileCommit;
  }

  Result run(List<Path> sources) throws IOException {
    IndexManifest recorded = store.manifest();
    IndexManifest manifest = pipeline.adoptKey(recorded);
    List<String> problems = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    List<FileResult> results = new ArrayList<>();
    Map<Path, ContentHead> heads = new LinkedHashMap<>();
    for (Path file : sources) {
      try {
        heads.put(file, ContentHead.read(file));
      } catch (IOException e) {
        problems.add("cannot read " + file + ": " + e.getMessage());
        results.add(new FileResult(file.toString(), FileResult.Outcome.FAILED, null, "cannot read: " + e.getMessage()));
      }
    }
    IncrementalReader reader = new IncrementalReader(store, pipeline);
    long lines = 0;
    long events = 0;
    boolean keyNew = manifest.keyFingerprint() != null && recorded.keyFingerprint() == null;
    int committed = 0;
    for (ReadPlan plan : new LogMatcher().plan(heads, manifest.files())) {
      if (plan.previous() == null && isLegacyDuplicate(plan, manifest)) {
        results.add(new FileResult(plan.file().toString(), FileResult.Outcome.SKIPPED_DUPLICATE, null,
            "already ingested by 'analyzer ingest' (same SHA-256)"));
        continue;
      }
      if (plan.warning() != null) {
        warnings.add(plan.warning());
      }
      IncrementalReader.Outcome o;
      try {
        o = reader.read(plan);
      } catch (IOException e) {
        problems.add("cannot read " + plan.file() + ": " + e.getMessage());
        results.add(new FileResult(plan.file().toString(), FileResult.Outcome.FAILED, null, e.getMessage()));
        continue;
      }
      results.add(o.result());
      LOG.info("{}: {} from content byte {}{}", plan.file(), o.result().outcome().name().toLowerCase(java.util.Locale.ROOT),
          Math.max(0, plan.start()), o.part() == null ? "" : ", " + o.part().lines() + " lines, " + o.part().events()
          + " events");
      if (o.result().outcome() == FileResult.Outcome.FAILED) {
        problems.add(o.result().message());
      }
      if (o.record() == null) {
        continue;
      }
      manifest = manifest.replacing(plan.previous(), o.record());
      if (o.part() != null) {
        lines += o.part().lines();
        events += o.part().events();
        if (o.part().firstEvent() >= 0) {
          NightlyState.Range range = new NightlyState.Range(o.part().firstEvent(), o.part().lastEvent());
          manifest = NightlyState.withPending(manifest, range.union(NightlyState.pending(manifest)));
        }
      }
      beforeFileCommit.reached(plan.file(), committed);
      store.commit(manifest);
      committed++;
      keyNew = false;
    }
    if (keyNew) {
      store.commit(manifest);
    }
    return new Result(results, lines, events, problems, warnings);
  }

  /** A file recorded by {@code analyzer ingest} (no head hash): skipped when its SHA-256 is known. */
  private static boolean isLegacyDuplicate(ReadPlan plan, IndexManifest manifest) throws IOException {
    if (!manifest.hasFileOfSize(plan.head().diskSize())) {
      return false;
    }
    return manifest.findBySha256(Sha256.of(plan.file())) != null;
  }
}
