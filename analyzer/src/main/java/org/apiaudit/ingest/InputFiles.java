package org.apiaudit.ingest;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/** Expands the user's inputs: files as given, folders walked recursively in name order, {@code -} for stdin. */
final class InputFiles {
  static final String STDIN = "-";

  private InputFiles() {}

  /**
   * Adds the files of {@code input} to {@code files}, or a failure to {@code failures}. A
   * sub-folder or file the walk cannot open (permissions, a name the file system rejects) is one
   * failure and the walk goes on, so the rest of the case folder is still ingested.
   */
  static void expand(String input, List<String> files, java.util.Set<String> walked, List<FileResult> failures) {
    if (input.equals(STDIN)) {
      files.add(STDIN);
      return;
    }
    Path p = Path.of(input);
    if (Files.isDirectory(p)) {
      Walker walker = new Walker(failures);
      try {
        Files.walkFileTree(p, walker);
      } catch (IOException e) {
        failures.add(new FileResult(input, FileResult.Outcome.FAILED, null,
            "cannot list folder " + input + ": " + e.getMessage()));
      }
      walker.found.sort(null);
      for (Path f : walker.found) {
        files.add(f.toString());
        walked.add(f.toString());
      }
    } else if (Files.exists(p)) {
      files.add(input);
    } else {
      failures.add(new FileResult(input, FileResult.Outcome.FAILED, null, "no such file or folder: " + input));
    }
  }

  /**
   * Collects regular files (or links to one) whose name does not start with '.'; records what it
   * cannot open and carries on.
   */
  static final class Walker extends SimpleFileVisitor<Path> {
    final List<Path> found = new ArrayList<>();
    private final List<FileResult> failures;

    Walker(List<FileResult> failures) {
      this.failures = failures;
    }

    @Override
    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
      boolean regular = attrs.isRegularFile() || (attrs.isSymbolicLink() && Files.isRegularFile(file));
      if (regular && !file.getFileName().toString().startsWith(".")) {
        found.add(file);
      }
      return FileVisitResult.CONTINUE;
    }

    @Override
    public FileVisitResult visitFileFailed(Path file, IOException e) {
      String what = e instanceof java.nio.file.AccessDeniedException ? "permission denied" : describe(e);
      failures.add(new FileResult(file.toString(), FileResult.Outcome.FAILED, null,
          "cannot read " + file + " (skipped): " + what));
      return FileVisitResult.CONTINUE;
    }

    @Override
    public FileVisitResult postVisitDirectory(Path dir, IOException e) {
      if (e != null) {
        failures.add(new FileResult(dir.toString(), FileResult.Outcome.FAILED, null,
            "cannot list folder " + dir + " to its end (the rest skipped): " + describe(e)));
      }
      return FileVisitResult.CONTINUE;
    }

    private static String describe(IOException e) {
      return e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + e.getMessage();
    }
  }
}
