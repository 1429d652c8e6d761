package org.apiaudit.ingest.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.apiaudit.ingest.LogFormat;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Reads the real-world logs of {@code /work/shared/external-logs} (skipped where absent): every
 * line must be parsed or rejected with a reason, and the counts are printed per file.
 */
class ExternalLogsTest {
  private static final Path ROOT = Paths.get("/work/shared/external-logs");

  private static ParseRun run(String relative, String formatName) throws IOException {
    Path file = ROOT.resolve(relative);
    Assumptions.assumeTrue(Files.isRegularFile(file), "absent: " + file);
    List<String> lines = ParseRun.readLines(file);
    LogFormat format = formatName == null
        ? FormatRegistry.detect(lines.subList(0, Math.min(50, lines.size())), ZoneOffset.UTC)
        : FormatRegistry.byName(formatName, ZoneOffset.UTC);
    assertNotNull(format, "no format detected for " + relative);
    ParseRun run = ParseRun.of(format, lines);
    System.out.println("external " + relative + " [" + format.name() + "]: " + run
        + (run.rejects.isEmpty() ? "" : "; first rejects " + run.rejects.subList(0, Math.min(3, run.rejects.size()))));
    assertEquals(run.lines, run.events.size() + run.rejects.size() + run.directives);
    return run;
  }

  @Test
  void readsElasticApacheLogsWithoutRejects() throws IOException {
    assertEquals(0, run("elastic-apache-logs/apache_logs", null).rejects.size());
  }

  @Test
  void readsLnavLogs() throws IOException {
    assertEquals(0, run("lnav-test-logs/logfile_shop_access_log.0", null).rejects.size());
    assertEquals(0, run("lnav-test-logs/logfile_w3c_big.0", null).rejects.size());
    run("lnav-test-logs/logfile_caddy_log.0", null);
    run("lnav-test-logs/logfile_haproxy.0", "combined");
  }

  @Test
  void readsHoneynetApacheLogs() throws IOException {
    Path dir = ROOT.resolve("honeynet-redhat-httpd");
    Assumptions.assumeTrue(Files.isDirectory(dir));
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.filter(p -> p.getFileName().toString().startsWith("access_log")).sorted().toList()) {
        run("honeynet-redhat-httpd/" + f.getFileName(), "combined");
      }
    }
  }

  @Test
  void readsVanityServerCsv() throws IOException {
    Path dir = ROOT.resolve("vanity-server-csv");
    Assumptions.assumeTrue(Files.isDirectory(dir));
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.sorted().toList()) {
        run("vanity-server-csv/" + f.getFileName(), null);
      }
    }
  }

  @Test
  void readsElasticIntegrationFixtures() throws IOException {
    run("elastic-integrations-fixtures/test-format-json.log", null);
    run("elastic-integrations-fixtures/test-access-json-logs.log", null);
    run("elastic-integrations-fixtures/test-alb.log", "combined");
  }
}
