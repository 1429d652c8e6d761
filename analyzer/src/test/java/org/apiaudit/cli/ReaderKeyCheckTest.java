package org.apiaudit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apiaudit.ExitCodes;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every command that pseudonymises with the case key (search, detect --leak-sample,
 * pseudonymize, canary) refuses a key other than the index's, naming the key file and the
 * index, instead of answering as if nobody had been accessed.
 */
class ReaderKeyCheckTest {
  private static final String FIRST_REF = "48213098700000";

  @TempDir static Path tmp;
  static Path index;
  static Path otherKey;
  static Path leak;

  @BeforeAll
  static void ingestOneScraper() throws IOException {
    List<String> lines = new ArrayList<>();
    List<String> refs = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      String ref = String.valueOf(48213098700000L + i * 7L);
      refs.add(ref);
      lines.add(String.format("198.51.100.66 - - [10/Jun/2023:10:%02d:%02d +0530] \"GET /api/v2/registration/certificate/"
          + "public/download?beneficiary_reference_id=%s HTTP/1.1\" 200 48213 \"-\" \"python-requests/2.31\" 0.087 \"-\""
          + " %012x citizen tk-scraper %s", i / 2, (i * 29) % 60, ref, 0xabc000 + i, ref));
    }
    Path log = Files.write(tmp.resolve("gateway-2023-06-10.log"), lines);
    leak = Files.write(tmp.resolve("leak.txt"), refs);
    index = tmp.resolve("idx");
    CliRun run = CliRun.of("ingest", "--index", index.toString(), log.toString());
    assertEquals(ExitCodes.OK, run.exitCode(), run.err());
    otherKey = Files.writeString(tmp.resolve("other.key"), "00".repeat(32) + "\n");
  }

  private static void assertWrongKey(CliRun run) {
    assertEquals(ExitCodes.USAGE, run.exitCode(), run.out() + run.err());
    assertTrue(run.err().startsWith("analyzer: case key " + otherKey + " is not the key index " + index
        + " was built with"), run.err());
    assertEquals(1, run.err().lines().count(), "one line: " + run.err());
  }

  private static String rules() {
    return Path.of(System.getProperty("project.root", "..")).resolve("rules").toString();
  }

  @Test
  void detectWithLeakSampleRefusesAnotherKey() {
    CliRun right = CliRun.of("detect", "-i", index.toString(), "--rules", rules(), "--leak-sample", leak.toString());
    assertTrue(right.out().contains("Leak sample: 60 identifiers, 60 accessed"), right.out() + right.err());
    assertWrongKey(CliRun.of("detect", "-i", index.toString(), "--rules", rules(), "--leak-sample", leak.toString(),
        "--key", otherKey.toString()));
  }

  @Test
  void searchPseudonymisesAClearSubjectWithTheIndexKeyOnly() {
    CliRun right = CliRun.of("search", "-i", index.toString(), "subject:" + FIRST_REF, "-o", "csv");
    assertEquals(ExitCodes.OK, right.exitCode(), right.err());
    assertEquals(2, right.out().lines().count(), "header and the one event about that person:\n" + right.out());
    assertWrongKey(CliRun.of("search", "-i", index.toString(), "--key", otherKey.toString(), "subject:" + FIRST_REF));
    CliRun pseudonymOnly = CliRun.of("search", "-i", index.toString(), "--key", otherKey.toString(),
        "principal:tk-scraper", "-o", "csv");
    assertEquals(ExitCodes.OK, pseudonymOnly.exitCode(), "a search that pseudonymises nothing needs no key: "
        + pseudonymOnly.err());
    assertEquals(61, pseudonymOnly.out().lines().count());
  }

  @Test
  void pseudonymizeRefusesAnotherKey() {
    CliRun right = CliRun.of("pseudonymize", "-i", index.toString(), FIRST_REF);
    assertEquals(ExitCodes.OK, right.exitCode(), right.err());
    CliRun hit = CliRun.of("search", "-i", index.toString(), "subject:" + right.out().strip(), "-o", "csv");
    assertEquals(2, hit.out().lines().count(), hit.out());
    assertWrongKey(CliRun.of("pseudonymize", "-i", index.toString(), "--key", otherKey.toString(), FIRST_REF));
  }

  @Test
  void canaryRefusesAnotherKey() throws IOException {
    Path probes = Files.writeString(tmp.resolve("probes.csv"),
        "identifier,queried_at\n" + FIRST_REF + ",2023-06-10T09:59:00+05:30\n");
    CliRun right = CliRun.of("canary", "-i", index.toString(), "--probes", probes.toString());
    assertEquals(ExitCodes.OK, right.exitCode(), right.err());
    assertWrongKey(CliRun.of("canary", "-i", index.toString(), "--key", otherKey.toString(), "--probes",
        probes.toString()));
  }
}
