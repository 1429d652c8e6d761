package org.apiaudit.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fuzz harness's own bookkeeping: a run repeated in the same folder checks only its own lines. */
class FuzzHarnessTest {
  @TempDir Path tmp;

  @Test
  void aRepeatedRunInTheSameFolderStartsFromAnEmptyIndexAndKeepsOtherFiles() throws IOException {
    Path work = tmp.resolve("fuzz-7");
    Files.createDirectories(work);
    Path notes = Files.writeString(work.resolve("notes.txt"), "the investigator's own file\n");
    FuzzHarness.Result first = FuzzHarness.withBuiltInCorpora(List.of(), 7).run(2_000, work, m -> {});
    List<String> log = new ArrayList<>();
    FuzzHarness.Result again = FuzzHarness.withBuiltInCorpora(List.of(), 7).run(2_000, work, log::add);

    assertEquals(List.of(), first.problems(), first.toString());
    assertEquals(List.of(), again.problems(), "the index and rejects hold this run's lines only: " + again);
    assertEquals(first.events(), again.events(), "same seed, same lines");
    assertTrue(log.get(0).startsWith("removed ") && log.get(0).endsWith(" file(s) of an earlier fuzz run from " + work),
        log.toString());
    assertTrue(Files.exists(notes), "a file the harness did not write is left alone");
  }
}
