package org.apiaudit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.apiaudit.ExitCodes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The benchmark's options are checked before anything is generated or measured. */
class BenchCommandTest {
  @TempDir Path dir;

  private CliRun bench(String... more) {
    String[] args = new String[more.length + 5];
    args[0] = "bench";
    args[1] = "--work";
    args[2] = dir.resolve("work").toString();
    args[3] = "--json-dir";
    args[4] = dir.resolve("json").toString();
    System.arraycopy(more, 0, args, 5, more.length);
    return CliRun.of(args);
  }

  @Test
  void refusesAnUnknownShapeNamingTheKnownOnes() {
    CliRun r = bench("--shape", "sim,national");
    assertEquals(ExitCodes.USAGE, r.exitCode());
    assertTrue(r.err().contains("shape must be one of [sim, high-cardinality, public]; got: national"), r.err());
  }

  @Test
  void refusesAUniqueRateAboveOne() {
    CliRun r = bench("--shape", "high-cardinality", "--unique-ip-rate", "1.5");
    assertEquals(ExitCodes.USAGE, r.exitCode());
    assertTrue(r.err().contains("unique ip rate must be between 0 and 1; got: 1.5"), r.err());
  }

  @Test
  void refusesAPublicLogItCannotRead() {
    CliRun r = bench("--shape", "public", "--public-log", dir.resolve("missing.log").toString());
    assertEquals(ExitCodes.USAGE, r.exitCode());
    assertTrue(r.err().contains("--public-log: cannot read " + dir.resolve("missing.log")), r.err());
  }

  @Test
  void refusesZeroEvents() {
    CliRun r = bench("--events", "0");
    assertEquals(ExitCodes.USAGE, r.exitCode());
    assertTrue(r.err().contains("--events must be at least 1; got: 0"), r.err());
  }
}
