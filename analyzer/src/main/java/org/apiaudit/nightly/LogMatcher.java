package org.apiaudit.nightly;

import org.apiaudit.ingest.ContentHead;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apiaudit.index.SourceFile;

/**
 * Matches tonight's files with the logs the index already knows, by content rather than by
 * name, so that rotation never causes a second read:
 *
 * <ul>
 *   <li>a file whose head is a recorded head is that log, whatever its name now
 *       ({@code access.log} grown, renamed to {@code access.log.1}, compressed to
 *       {@code access.log.2.gz}); it is read from the recorded offset, and a copy no longer
 *       than that offset adds nothing;
 *   <li>a file at a recorded path whose head is not that log's head was replaced or truncated
 *       ({@code copytruncate}): it is read from the start, with a warning;
 *   <li>anything else is new and read from the start.
 * </ul>
 *
 * <p>One record is claimed by at most one file per run, preferring the file at the recorded
 * path, then the one with the same file system identity; a second file with the same head (a
 * copy) is left unplanned and reported as already ingested.
 */
final class LogMatcher {
  /**
   * The plans, in the order of {@code heads}; a file whose log was claimed by another file
   * gets a plan with {@code start == -1} (a duplicate copy).
   */
  List<ReadPlan> plan(Map<Path, ContentHead> heads, List<SourceFile> recorded) {
    Map<SourceFile, Path> claimed = new IdentityHashMap<>();
    Map<Path, SourceFile> match = new LinkedHashMap<>();
    // Pass 1: same path; pass 2: same identity; pass 3: any head match.
    for (int pass = 1; pass <= 3; pass++) {
      for (Map.Entry<Path, ContentHead> e : heads.entrySet()) {
        if (match.containsKey(e.getKey())) {
          continue;
        }
        for (SourceFile r : recorded) {
          if (claimed.containsKey(r) || !e.getValue().matches(r)) {
            continue;
          }
          boolean fits = switch (pass) {
            case 1 -> r.path().equals(e.getKey().toString());
            case 2 -> r.identity() != null && r.identity().equals(e.getValue().identity());
            default -> true;
          };
          if (fits) {
            claimed.put(r, e.getKey());
            match.put(e.getKey(), r);
            break;
          }
        }
      }
    }
    List<ReadPlan> plans = new ArrayList<>();
    for (Map.Entry<Path, ContentHead> e : heads.entrySet()) {
      Path file = e.getKey();
      ContentHead head = e.getValue();
      SourceFile r = match.get(file);
      if (r != null) {
        plans.add(new ReadPlan(file, head, r, r.offset(), null));
        continue;
      }
      SourceFile copyOf = recorded.stream().filter(head::matches).findFirst().orElse(null);
      if (copyOf != null) {
        plans.add(new ReadPlan(file, head, copyOf, -1, null));
        continue;
      }
      SourceFile samePath = recorded.stream()
          .filter(x -> x.path().equals(file.toString()) && x.headSha256() != null && !claimed.containsKey(x))
          .findFirst().orElse(null);
      String warning = samePath == null ? null : file + " was replaced or truncated since it was last read"
          + " (its first bytes changed); reading it again from the start";
      plans.add(new ReadPlan(file, head, null, 0, warning));
    }
    return plans;
  }
}
