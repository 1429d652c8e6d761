package org.apiaudit.nightly;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

/**
 * The nightly run of {@link NightlyKillTest}, in its own JVM so that it can be killed: it stops
 * for good at a chosen file's commit (documents added, commit not yet written), says so in a
 * marker file, and waits there for its SIGKILL.
 *
 * <p>Arguments: the nightly config, how many files to commit before stopping, the marker file.
 */
public final class NightlyKillChild {
  private NightlyKillChild() {}

  public static void main(String[] args) throws Exception {
    Path config = Path.of(args[0]);
    int stopAfterCommits = Integer.parseInt(args[1]);
    Path marker = Path.of(args[2]);
    NightlyConfig c = new NightlyConfigLoader().load(config);
    new NightlyRun(c, Clock.systemUTC(), System.err::println, (file, committed) -> {
      if (committed == stopAfterCommits) {
        Files.writeString(marker, file.toString());
        while (true) {
          try {
            Thread.sleep(60_000);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }
      }
    }).run("analyzer nightly --config " + config);
    System.exit(99); // never reached in the test: the run must have stopped at the marker
  }
}
