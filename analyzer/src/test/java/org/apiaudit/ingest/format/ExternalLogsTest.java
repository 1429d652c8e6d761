package org.apiaudit.ingest.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apiaudit.ingest.LogFormat;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Reads the real-world logs of {@code ../shared/external-logs} beside the project (skipped, with
 * a message, where that folder is absent) and checks each file's exact outcome against
 * {@code external-logs.tsv}: the format used, and how many lines became events, rejects and
 * directives. A parser change that gains or loses a line shows up here by file.
 */
class ExternalLogsTest {
  private static final String EXPECTED = "external-logs.tsv";

  /** One row of the expected table. */
  private record Expected(String file, String given, String format, int lines, int events, int rejects,
      int directives) {
    static Expected parse(String row) {
      String[] c = row.split("\t");
      return new Expected(c[0], c[1], c[2], Integer.parseInt(c[3]), Integer.parseInt(c[4]), Integer.parseInt(c[5]),
          Integer.parseInt(c[6]));
    }
  }

  @TestFactory
  Stream<DynamicTest> everyFileParsesAsRecorded() throws IOException {
    Path root = externalLogs();
    return expected().stream().map(e -> DynamicTest.dynamicTest(e.file(), () -> {
      Path file = root.resolve(e.file());
      assertTrue(Files.isRegularFile(file), "listed in " + EXPECTED + " but absent: " + file);
      List<String> lines = ParseRun.readLines(file);
      LogFormat format = e.given().equals("detect")
          ? FormatRegistry.detect(lines.subList(0, Math.min(50, lines.size())), ZoneOffset.UTC)
          : FormatRegistry.byName(e.given(), ZoneOffset.UTC);
      assertNotNull(format, "no format detected for " + e.file());
      ParseRun run = ParseRun.of(format, lines);
      assertEquals(e.format(), format.name(), e.file() + ": format");
      assertEquals(List.of(e.lines(), e.events(), e.rejects(), e.directives()),
          List.of(run.lines, run.events.size(), run.rejects.size(), run.directives),
          e.file() + ": lines, events, rejects, directives (first rejects: "
              + run.rejects.subList(0, Math.min(3, run.rejects.size())) + ")");
    }));
  }

  @Test
  void everyLogInTheFolderIsListed() throws IOException {
    Path root = externalLogs();
    Set<String> present = new TreeSet<>();
    try (Stream<Path> walk = Files.walk(root)) {
      walk.filter(Files::isRegularFile).map(p -> root.relativize(p).toString().replace('\\', '/'))
          .filter(f -> !f.endsWith(".md") && !f.toLowerCase(Locale.ROOT).contains("readme"))
          .forEach(present::add);
    }
    Set<String> listed = new TreeSet<>();
    expected().forEach(e -> listed.add(e.file()));
    present.removeAll(listed);
    assertEquals(Set.of(), present, "logs under " + root + " without a row in " + EXPECTED);
  }

  /**
   * {@code ../shared/external-logs} relative to the project root, found by walking up from the
   * working directory (the module folder under Maven) to the folder that holds {@code analyzer/}.
   */
  private static Path externalLogs() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.isRegularFile(dir.resolve("analyzer/pom.xml"))) {
      dir = dir.getParent();
    }
    Assumptions.assumeTrue(dir != null, "no project root above " + Path.of("").toAbsolutePath());
    Path logs = dir.resolve("../shared/external-logs").normalize();
    Assumptions.assumeTrue(Files.isDirectory(logs), "skipped: no external logs at " + logs);
    return logs;
  }

  private static List<Expected> expected() throws IOException {
    try (InputStream in = ExternalLogsTest.class.getResourceAsStream(EXPECTED)) {
      assertNotNull(in, EXPECTED + " missing from the test resources");
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
          .filter(l -> !l.isBlank() && !l.startsWith("#")).map(Expected::parse).toList();
    }
  }
}
