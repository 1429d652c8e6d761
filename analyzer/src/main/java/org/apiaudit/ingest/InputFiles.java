package org.apiaudit.ingest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Expands the user's inputs: files as given, folders walked recursively in name order, {@code -} for stdin. */
final class InputFiles {
  static final String STDIN = "-";

  private InputFiles() {}

  /** Adds the files of {@code input} to {@code files}, or a failure to {@code failures}. */
  static void expand(String input, List<String> files, java.util.Set<String> walked, List<FileResult> failures) {
    if (input.equals(STDIN)) {
      files.add(STDIN);
      return;
    }
    Path p = Path.of(input);
    if (Files.isDirectory(p)) {
      try (Stream<Path> walk = Files.walk(p)) {
        walk.filter(Files::isRegularFile)
            .filter(f -> !f.getFileName().toString().startsWith("."))
            .sorted()
            .forEach(f -> {
              files.add(f.toString());
              walked.add(f.toString());
            });
      } catch (IOException e) {
        failures.add(new FileResult(input, FileResult.Outcome.FAILED, null,
            "cannot list folder " + input + ": " + e.getMessage()));
      }
    } else if (Files.exists(p)) {
      files.add(input);
    } else {
      failures.add(new FileResult(input, FileResult.Outcome.FAILED, null, "no such file or folder: " + input));
    }
  }
}
