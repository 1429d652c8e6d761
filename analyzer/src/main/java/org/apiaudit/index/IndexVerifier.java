package org.apiaudit.index;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.lucene.index.CheckIndex;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.LockObtainFailedException;
import org.apache.lucene.util.Bits;
import org.apiaudit.ExitCodes;
import org.apiaudit.UserException;
import org.apiaudit.schema.Field;

/**
 * Checks an index end to end ({@code analyzer verify}): Lucene's {@link CheckIndex} over every
 * segment (checksums, postings, doc values, points, stored fields, the time sort), then the
 * manifest in the commit data against the events the index holds, file by file.
 *
 * <p>A source file's record must agree with its events: as many as it records (fewer only when
 * retention removed its oldest ones: then its newest event is still there), none once it is
 * marked purged, times within its recorded range, no more events and rejects than lines; and
 * every event must belong to a recorded file. Logs read by {@code analyzer nightly} follow
 * rotation under new names while their events keep the old ones, so their records are checked
 * against their events in total.
 */
public final class IndexVerifier {
  /**
   * What the check found.
   *
   * @param segments segments in the latest commit (-1 when it could not be read)
   * @param events live events
   * @param files source files the manifest records
   * @param problems one line each; empty when the index is healthy
   */
  public record Result(int segments, long events, int files, List<String> problems) {
    public boolean healthy() {
      return problems.isEmpty();
    }
  }

  /**
   * Checks the index at {@code dir}.
   *
   * @throws UserException when there is no index there, or another process holds its write lock
   */
  public Result verify(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      throw new UserException("no index at " + dir + " (run 'analyzer ingest' first)");
    }
    List<String> problems = new ArrayList<>();
    int segments;
    try (Directory directory = FSDirectory.open(dir)) {
      if (!DirectoryReader.indexExists(directory)) {
        throw new UserException("no index at " + dir + " (run 'analyzer ingest' first)");
      }
      segments = checkIndex(dir, directory, problems);
      if (!problems.isEmpty()) {
        // The manifest check reads every event: on damaged segments it would only repeat the damage.
        return new Result(segments, -1, -1, problems);
      }
      try (DirectoryReader reader = DirectoryReader.open(directory)) {
        IndexManifest manifest = IndexManifest.fromCommitData(reader.getIndexCommit().getUserData());
        checkManifest(reader, manifest, problems);
        return new Result(segments, reader.numDocs(), manifest.files().size(), problems);
      } catch (IllegalStateException e) {
        problems.add("the commit's manifest cannot be read: " + e.getMessage());
        return new Result(segments, -1, -1, problems);
      }
    }
  }

  /** Runs Lucene's CheckIndex, adding one line per problem; returns the number of segments. */
  private static int checkIndex(Path dir, Directory directory, List<String> problems) throws IOException {
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    CheckIndex.Status status;
    try (CheckIndex check = new CheckIndex(directory)) {
      check.setInfoStream(new PrintStream(log, true, StandardCharsets.UTF_8), false);
      status = check.checkIndex();
    } catch (LockObtainFailedException e) {
      throw new UserException("index " + dir + " is in use by another analyzer process (ingest, nightly or purge);"
          + " verify it when that has finished", ExitCodes.INDEX_LOCKED, e);
    }
    if (status.missingSegments) {
      problems.add("the commit point (" + (status.segmentsFileName == null ? "segments_N" : status.segmentsFileName)
          + ") cannot be read: " + firstError(log.toString(StandardCharsets.UTF_8)));
      return -1;
    }
    if (status.toolOutOfDate) {
      problems.add("the index was written by a newer Lucene than this analyzer's");
    }
    for (CheckIndex.Status.SegmentInfoStatus s : status.segmentInfos) {
      if (s.error != null) {
        problems.add(String.format(Locale.ROOT, "segment %s (%d events, %d files): %s", s.name, s.maxDoc, s.numFiles,
            describe(s.error)));
      }
    }
    if (!status.clean && problems.isEmpty()) {
      problems.add("Lucene's CheckIndex reports the index is not clean: " + firstError(log.toString(StandardCharsets.UTF_8)));
    }
    return status.numSegments;
  }

  /** Per recorded path: live events, earliest and latest time. */
  private static final class Seen {
    long events;
    long first = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;
  }

  private static void checkManifest(DirectoryReader reader, IndexManifest manifest, List<String> problems)
      throws IOException {
    Map<String, Seen> seen = new HashMap<>();
    long withoutFile = 0;
    for (LeafReaderContext leaf : reader.leaves()) {
      SortedDocValues files = leaf.reader().getSortedDocValues(Field.LOG_FILE.fieldName());
      NumericDocValues times = leaf.reader().getNumericDocValues(Field.TIMESTAMP.fieldName());
      Bits live = leaf.reader().getLiveDocs();
      Seen[] byOrd = files == null ? new Seen[0] : new Seen[files.getValueCount()];
      for (int doc = 0; doc < leaf.reader().maxDoc(); doc++) {
        if (live != null && !live.get(doc)) {
          continue;
        }
        if (files == null || !files.advanceExact(doc)) {
          withoutFile++;
          continue;
        }
        int ord = files.ordValue();
        Seen s = byOrd[ord];
        if (s == null) {
          s = byOrd[ord] = seen.computeIfAbsent(files.lookupOrd(ord).utf8ToString(), k -> new Seen());
        }
        s.events++;
        if (times != null && times.advanceExact(doc)) {
          s.first = Math.min(s.first, times.longValue());
          s.last = Math.max(s.last, times.longValue());
        }
      }
    }
    if (withoutFile > 0) {
      problems.add(withoutFile + " event(s) name no source file");
    }
    Map<String, List<SourceFile>> recorded = new LinkedHashMap<>();
    List<SourceFile> incremental = new ArrayList<>();
    for (SourceFile f : manifest.files()) {
      if (isIncremental(f)) {
        incremental.add(f);
      } else {
        recorded.computeIfAbsent(f.path(), k -> new ArrayList<>()).add(f);
      }
    }
    long rest = 0;
    for (Map.Entry<String, List<SourceFile>> e : recorded.entrySet()) {
      rest += checkFile(e.getKey(), e.getValue(), seen.getOrDefault(e.getKey(), new Seen()), !incremental.isEmpty(),
          problems);
    }
    for (Map.Entry<String, Seen> e : seen.entrySet()) {
      if (recorded.containsKey(e.getKey())) {
        continue;
      }
      if (incremental.isEmpty()) {
        problems.add(e.getValue().events + " event(s) from " + e.getKey() + ", which the manifest does not record");
      }
      rest += e.getValue().events;
    }
    if (!incremental.isEmpty()) {
      checkIncremental(incremental, rest, problems);
    }
  }

  /**
   * Whether {@code f} was recorded by {@code analyzer nightly} (or grew under another name): its events keep the path the
   * log had when each part was read, while the record follows the log through rotation
   * ({@code access.log} → {@code access.log.1.gz}), so they are checked together, not by path.
   */
  private static boolean isIncremental(SourceFile f) {
    // nightly records carry the file system identity; older ones a head but no content digest.
    // 'analyzer ingest' records one only when a grown log was ingested under a new name.
    return f.identity() != null || (f.headSha256() != null && f.contentSha256() == null);
  }

  /** Incrementally read logs against the events no plain ingest record claims, in total. */
  private static void checkIncremental(List<SourceFile> records, long seen, List<String> problems) {
    long events = 0;
    boolean purged = true;
    for (SourceFile f : records) {
      if (f.events() + f.rejected() > f.lines()) {
        problems.add(String.format(Locale.ROOT, "%s: its record does not add up: %d events and %d rejected of %d lines",
            f.path(), f.events(), f.rejected(), f.lines()));
      }
      events += f.events();
      purged &= f.purgedAt() != 0 || f.events() == 0;
    }
    if (seen > events) {
      problems.add("the index holds " + seen + " events from logs read by nightly runs, their " + records.size()
          + " record(s) add up to " + events);
    } else if (seen == 0 && events > 0 && !purged) {
      problems.add("the records of " + records.size() + " log(s) read by nightly runs add up to " + events
          + " events, the index holds none of them");
    }
  }

  /**
   * The records of one path (a file read in parts by nightly runs may have several) against its events.
   * Returns the events beyond its records that may belong to a log read incrementally, checked in
   * total: when logrotate gives a new log the path of one that grew and was read under its new
   * name, the old log's first events keep this path while its record followed it.
   */
  private static long checkFile(String path, List<SourceFile> records, Seen seen, boolean incrementalLogs,
      List<String> problems) {
    long events = 0;
    long first = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;
    boolean purged = true;
    for (SourceFile f : records) {
      if (f.events() < 0 || f.rejected() < 0 || f.lines() < 0 || f.events() + f.rejected() > f.lines()) {
        problems.add(String.format(Locale.ROOT, "%s: its record does not add up: %d events and %d rejected of %d lines",
            path, f.events(), f.rejected(), f.lines()));
      }
      if (f.events() > 0 && (f.firstEvent() < 0 || f.firstEvent() > f.lastEvent())) {
        problems.add(path + ": its record's time range is inverted or missing (" + f.firstEvent() + " .. "
            + f.lastEvent() + ")");
      }
      events += f.events();
      if (f.events() > 0) {
        first = Math.min(first, f.firstEvent());
        last = Math.max(last, f.lastEvent());
      }
      purged &= f.purgedAt() != 0 || f.events() == 0;
    }
    String where = path + ": ";
    if (seen.events > events && incrementalLogs) {
      return seen.events - events;
    } else if (seen.events > events) {
      problems.add(where + "the index holds " + seen.events + " events, the manifest records " + events);
    } else if (purged) {
      if (seen.events > 0 && events > 0) {
        problems.add(where + "marked purged, yet the index holds " + seen.events + " of its events");
      }
    } else if (seen.events == 0) {
      problems.add(where + "the manifest records " + events + " events, the index holds none");
    } else if (seen.events < events && seen.last != last) {
      problems.add(where + "the index holds " + seen.events + " of its " + events + " recorded events, and not the"
          + " newest (retention removes only the oldest)");
    } else if (seen.first < first || seen.last > last) {
      problems.add(where + "events lie outside its recorded time range");
    }
    return 0;
  }

  private static String describe(Throwable t) {
    Throwable root = t;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String m = t == root ? String.valueOf(t.getMessage())
        : t.getMessage() + ": " + root.getClass().getSimpleName() + ": " + root.getMessage();
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }

  /** The first line of CheckIndex's log that reports an error, or a pointer to the log. */
  private static String firstError(String log) {
    for (String line : log.split("\n")) {
      if (line.contains("ERROR") || line.contains("FAILED")) {
        return line.strip();
      }
    }
    return "see Lucene's CheckIndex";
  }
}
