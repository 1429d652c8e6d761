package org.apiaudit.nightly;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Predicate;

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
          walk(p, Integer.MAX_VALUE, f -> true, files, problems);
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
            walk(base, depth, matcher::matches, files, problems);
          }
        }
      } catch (IOException | RuntimeException e) {
        problems.add("cannot list source " + source + ": " + e.getMessage());
      }
    }
    return new Scan(List.copyOf(files), problems);
  }

  /**
   * Adds the regular files (or links to one) under {@code base} that {@code accept} takes. A
   * folder or file the walk cannot open is one problem and the walk goes on: one unreadable
   * sub-folder must not hide the rest of a source.
   */
  private static void walk(Path base, int depth, Predicate<Path> accept, TreeSet<Path> out, List<String> problems)
      throws IOException {
    Files.walkFileTree(base, EnumSet.noneOf(FileVisitOption.class), depth, new Collector(accept, out, problems));
  }

  /** The visitor of {@link #walk}. */
  static final class Collector extends SimpleFileVisitor<Path> {
    private final Predicate<Path> accept;
    private final TreeSet<Path> out;
    private final List<String> problems;

    Collector(Predicate<Path> accept, TreeSet<Path> out, List<String> problems) {
      this.accept = accept;
      this.out = out;
      this.problems = problems;
    }

    @Override
    public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) {
      boolean regular = attrs.isRegularFile() || (attrs.isSymbolicLink() && Files.isRegularFile(f));
      if (regular && !f.getFileName().toString().startsWith(".") && accept.test(f)) {
        out.add(f);
      }
      return FileVisitResult.CONTINUE;
    }

    @Override
    public FileVisitResult visitFileFailed(Path f, IOException e) {
      problems.add("cannot read " + f + " (skipped): "
          + (e instanceof AccessDeniedException ? "permission denied" : e.toString()));
      return FileVisitResult.CONTINUE;
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
