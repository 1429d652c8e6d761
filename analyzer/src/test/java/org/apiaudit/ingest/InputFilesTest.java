package org.apiaudit.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InputFilesTest {
  @TempDir Path tmp;

  @Test
  void folderIsWalkedInNameOrderSkippingDotFiles() throws IOException {
    Files.createDirectories(tmp.resolve("case/sub"));
    Files.writeString(tmp.resolve("case/b.log"), "x");
    Files.writeString(tmp.resolve("case/sub/a.log"), "x");
    Files.writeString(tmp.resolve("case/.hidden"), "x");
    Files.createSymbolicLink(tmp.resolve("case/c.log"), tmp.resolve("case/b.log"));
    List<String> files = new ArrayList<>();
    Set<String> walked = new HashSet<>();
    List<FileResult> failures = new ArrayList<>();
    InputFiles.expand(tmp.resolve("case").toString(), files, walked, failures);
    assertEquals(List.of(tmp.resolve("case/b.log").toString(), tmp.resolve("case/c.log").toString(),
        tmp.resolve("case/sub/a.log").toString()), files);
    assertEquals(Set.copyOf(files), walked);
    assertEquals(List.of(), failures);
  }

  @Test
  void anEntryTheWalkCannotOpenIsOneFailureAndTheWalkGoesOn() {
    // Files.walk threw UncheckedIOException here and the ingest ended as an internal error.
    // (Tests run as root cannot make a folder unreadable, so the walker is called directly.)
    List<FileResult> failures = new ArrayList<>();
    InputFiles.Walker walker = new InputFiles.Walker(failures);
    Path locked = tmp.resolve("case/locked");
    assertEquals(FileVisitResult.CONTINUE, walker.visitFileFailed(locked, new AccessDeniedException(locked.toString())));
    assertEquals(FileVisitResult.CONTINUE, walker.postVisitDirectory(tmp, new IOException("I/O error")));
    assertEquals(2, failures.size());
    assertEquals("cannot read " + locked + " (skipped): permission denied", failures.get(0).message());
    assertEquals(FileResult.Outcome.FAILED, failures.get(0).outcome());
    assertEquals("cannot list folder " + tmp + " to its end (the rest skipped): IOException: I/O error",
        failures.get(1).message());
  }
}
