package org.apiaudit.nightly;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourceScannerTest {
  @TempDir Path tmp;

  @Test
  void foldersAreWalkedAndGlobsMatchedSkippingHiddenFiles() throws IOException {
    Path logs = Files.createDirectories(tmp.resolve("gw/old"));
    Files.writeString(tmp.resolve("gw/access.log"), "x");
    Files.writeString(tmp.resolve("gw/access.log.1"), "x");
    Files.writeString(tmp.resolve("gw/.access.log.swp"), "x");
    Files.writeString(logs.resolve("access.log.2"), "x");
    Files.createSymbolicLink(tmp.resolve("gw/current.log"), tmp.resolve("gw/access.log"));
    SourceScanner.Scan folder = new SourceScanner().scan(List.of(tmp.resolve("gw").toString()));
    assertEquals(List.of(tmp.resolve("gw/access.log"), tmp.resolve("gw/access.log.1"), tmp.resolve("gw/current.log"),
        logs.resolve("access.log.2")), folder.files());
    assertEquals(List.of(), folder.problems());
    SourceScanner.Scan glob = new SourceScanner().scan(List.of(tmp.resolve("gw") + "/access.log*"));
    assertEquals(List.of(tmp.resolve("gw/access.log"), tmp.resolve("gw/access.log.1")), glob.files());
  }

  @Test
  void anEntryTheWalkCannotOpenIsOneProblemAndTheWalkGoesOn() {
    // Files.walk threw on the first unreadable sub-folder and the whole source was lost.
    // (Tests run as root cannot make a folder unreadable, so the visitor is called directly.)
    List<String> problems = new ArrayList<>();
    SourceScanner.Collector collector = new SourceScanner.Collector(p -> true, new TreeSet<>(), problems);
    Path locked = tmp.resolve("gw/locked");
    assertEquals(FileVisitResult.CONTINUE, collector.visitFileFailed(locked, new AccessDeniedException(locked.toString())));
    assertEquals(List.of("cannot read " + locked + " (skipped): permission denied"), problems);
  }
}
