package org.apiaudit.nightly;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.apiaudit.cli.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A nightly run killed with SIGKILL in the middle of ingesting leaves an index that the next
 * run completes to exactly what an uninterrupted run gives: same documents, no duplicates.
 *
 * <p>The kill point is injected, not timed: the child stops at the third file's commit through
 * {@link NightlyRun.BeforeFileCommit} and is killed there, so every run tests the same moment.
 */
class NightlyKillTest {
  private static final int LINES_PER_FILE = 1500;
  private static final int COMMITTED_AT_KILL = 2;

  @TempDir Path dir;

  @Test
  void killedMidIngestThenRerunEqualsAnUninterruptedRun() throws Exception {
    List<String> all = NightlyFixture.simulatedLines(dir);
    Path killed = dir.resolve("killed");
    Path clean = dir.resolve("clean");
    for (Path root : List.of(killed, clean)) {
      for (int f = 0; f < 6; f++) {
        NightlyFixture.append(root.resolve("logs/gw-" + f + ".log"),
            all.subList(f * LINES_PER_FILE, (f + 1) * LINES_PER_FILE));
      }
      NightlyFixture.appendRaw(root.resolve("logs/gw-5.log"), "45.146.214.72 - - [06/Jun/2023:23:5");
      Files.createDirectories(root);
    }
    // One case key for both runs: a request id with an identifier-shaped run of digits in it is
    // stored pseudonymised, and pseudonyms compare only under the same key.
    String sharedKey = "key: " + dir.resolve("case.key") + "\n";
    Path cfgKilled = NightlyFixture.config(killed, "fail-on: critical\n" + sharedKey);
    Path cfgClean = NightlyFixture.config(clean, "fail-on: critical\n" + sharedKey);
    Path index = killed.resolve("state/index");

    // Stopped where a crash costs most: the third file's documents are in the writer, not committed.
    NightlyFixture.killAtCommit(dir, cfgKilled, COMMITTED_AT_KILL);
    assertEquals(COMMITTED_AT_KILL * LINES_PER_FILE, NightlyFixture.docCount(index),
        "the index holds exactly the files committed before the kill");

    CliRun rerun = CliRun.of("nightly", "--config", cfgKilled.toString());
    assertEquals(0, rerun.exitCode(), rerun.err());
    CliRun uninterrupted = CliRun.of("nightly", "--config", cfgClean.toString());
    assertEquals(0, uninterrupted.exitCode(), uninterrupted.err());

    Path cleanIndex = clean.resolve("state/index");
    assertEquals(9_000, NightlyFixture.docCount(cleanIndex));
    assertEquals(NightlyFixture.docCount(cleanIndex), NightlyFixture.docCount(index));
    Set<String> ids = NightlyFixture.requestIds(index);
    assertEquals(9_000, ids.size(), "no duplicate documents");
    assertEquals(NightlyFixture.requestIds(cleanIndex), ids);
  }
}
