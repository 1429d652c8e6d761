package org.apiaudit.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fuzz harness's own bookkeeping: a run repeated in the same folder checks only its own lines. */
class FuzzHarnessTest {
  @TempDir Path tmp;

  @Test
  void theSameSeedMutatesTheSameWayWhateverTheOrderOfThePlantedIdentifiers() {
    List<FuzzHarness.Corpus> corpus = List.of(new FuzzHarness.Corpus("gateway", List.of(), List.of("a line")));
    Map<String, String> forward = new LinkedHashMap<>();
    Map<String, String> backward = new LinkedHashMap<>();
    for (int i = 0; i < 50; i++) {
      forward.put("9123400" + (100 + i), "9123400" + (100 + i));
      backward.put("9123400" + (149 - i), "9123400" + (149 - i));
    }
    FuzzHarness a = new FuzzHarness(corpus, forward, 1);
    FuzzHarness b = new FuzzHarness(corpus, backward, 1);
    Random ra = new Random(5);
    Random rb = new Random(5);
    for (int i = 0; i < 500; i++) {
      assertEquals(a.mutate("GET /api/v2/x 200", ra), b.mutate("GET /api/v2/x 200", rb), "mutation " + i);
    }
  }

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
