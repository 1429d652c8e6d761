package org.apiaudit.nightly;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Expands the configured sources into the files to look at tonight: a folder is walked
 * recursively, anything else is a glob ({@code /var/log/gw/access.log*}) matched against
 * whole paths. Hidden files are ignored (logrotate and editors leave temporary ones).
 */
final class SourceScanner {
  private static final String GLOB_CHARS = "*?[{";

  /**
   * What a scan found.
   *
   * @param files the files, sorted and without duplicates
   * @param problems one message per source that does not exist or could not be listed (a glob
   *     that matches nothing is not a problem: tonight may simply have no rotated file)
   */
  record Scan(List<Path> files, List<String> problems) {}

  Scan scan(List<String> sources) {
    TreeSet<Path> files = new TreeSet<>();
    List<String> problems = new ArrayList<>();
    for (String source : sources) {
      try {
        Path p = Path.of(source);
        if (Files.isDirectory(p)) {
          walk(p, Integer.MAX_VALUE, f -> true, files);
        } else if (!hasGlob(source)) {
          if (Files.isRegularFile(p)) {
            files.add(p);
          } else {
            problems.add("source " + source + " does not exist");
          }
        } else {
          Path base = globBase(source);
          PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + source);
          int depth = source.contains("**") ? Integer.MAX_VALUE : base.relativize(Path.of(source)).getNameCount();
          if (Files.isDirectory(base)) {
            walk(base, depth, matcher::matches, files);
          }
        }
      } catch (IOException | RuntimeException e) {
        problems.add("cannot list source " + source + ": " + e.getMessage());
      }
    }
    return new Scan(List.copyOf(files), problems);
  }

  private static void walk(Path base, int depth, java.util.function.Predicate<Path> accept, TreeSet<Path> out)
      throws IOException {
    try (Stream<Path> walk = Files.walk(base, depth)) {
      walk.filter(Files::isRegularFile)
          .filter(f -> !f.getFileName().toString().startsWith("."))
          .filter(accept)
          .forEach(out::add);
    }
  }

  private static boolean hasGlob(String s) {
    return s.chars().anyMatch(c -> GLOB_CHARS.indexOf(c) >= 0);
  }

  /** The longest leading part of a glob without glob characters. */
  private static Path globBase(String glob) {
    Path p = Path.of(glob);
    Path base = p.getRoot();
    for (Path part : p) {
      if (hasGlob(part.toString())) {
        break;
      }
      base = base == null ? part : base.resolve(part);
    }
    return base == null ? Path.of(".") : base;
  }
}
