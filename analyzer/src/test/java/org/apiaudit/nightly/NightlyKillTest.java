package org.apiaudit.nightly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apiaudit.cli.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A nightly run killed with SIGKILL in the middle of ingesting leaves an index that the next
 * run completes to exactly what an uninterrupted run gives: same documents, no duplicates.
 */
class NightlyKillTest {
  @TempDir Path dir;

  @Test
  void killedMidIngestThenRerunEqualsAnUninterruptedRun() throws Exception {
    List<String> all = NightlyFixture.simulatedLines(dir);
    Path killed = dir.resolve("killed");
    Path clean = dir.resolve("clean");
    for (Path root : List.of(killed, clean)) {
      for (int f = 0; f < 6; f++) {
        NightlyFixture.append(root.resolve("logs/gw-" + f + ".log"), all.subList(f * 1500, f * 1500 + 1500));
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

    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), "org.apiaudit.cli.Main", "nightly", "--config",
        cfgKilled.toString()));
    Process child = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(dir.resolve("child.out").toFile()).start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!hasCommit(index) && child.isAlive() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertTrue(child.isAlive(), "the child must still be ingesting when killed: " + Files.readString(dir.resolve("child.out")));
    child.destroyForcibly(); // SIGKILL on Unix
    child.waitFor(10, TimeUnit.SECONDS);
    long atKill = NightlyFixture.docCount(index);
    assertTrue(atKill > 0 && atKill < 9_000, "killed mid-ingest, after a commit: " + atKill + " documents");

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

  private static boolean hasCommit(Path index) throws Exception {
    if (!Files.isDirectory(index)) {
      return false;
    }
    try (Stream<Path> files = Files.list(index)) {
      return files.anyMatch(p -> p.getFileName().toString().startsWith("segments_"));
    }
  }
}
