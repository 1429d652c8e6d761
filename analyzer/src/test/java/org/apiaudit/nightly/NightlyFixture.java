package org.apiaudit.nightly;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.MultiTerms;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.util.BytesRef;
import org.apiaudit.cli.CliRun;
import org.apiaudit.cli.AnalyzerCommand;
import org.apiaudit.index.EventIndex;
import org.apiaudit.schema.Field;
import picocli.CommandLine;

/** Shared helpers for the nightly tests: simulated logs, a config, the CLI in-process, index facts. */
final class NightlyFixture {
  private static List<String> lines;

  private NightlyFixture() {}

  /** Gateway lines of one simulated day (seeded; generated once per JVM), in time order. */
  static synchronized List<String> simulatedLines(Path tmp) throws IOException {
    if (lines == null) {
      Path out = tmp.resolve("sim");
      int code = AnalyzerCommand.newCommandLine().execute("simulate", "--out", out.toString(), "--days", "1",
          "--scale", "0.02", "--seed", "11", "--scenario", "bola:intensity=low");
      if (code != 0) {
        throw new IllegalStateException("simulate failed with exit " + code);
      }
      try (var files = Files.list(out)) {
        Path log = files.filter(p -> p.getFileName().toString().endsWith(".log")).findFirst().orElseThrow();
        lines = List.copyOf(Files.readAllLines(log, StandardCharsets.UTF_8));
      }
    }
    return lines;
  }

  static void append(Path file, List<String> add) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, String.join("\n", add) + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
  }

  static void appendRaw(Path file, String text) throws IOException {
    Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  /** gzip {@code from} into {@code to} and delete {@code from}, as logrotate's compress does. */
  static void gzip(Path from, Path to) throws IOException {
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(to))) {
      Files.copy(from, out);
    }
    Files.delete(from);
  }

  static Path config(Path dir, String extra) throws IOException {
    return config(dir, "index: state/index\n", extra);
  }

  /**
   * A config for the cluster at {@code url}, under its own index prefix, with one replica-less
   * daily index per day (the test node is one node).
   */
  static Path clusterConfig(Path dir, java.net.URI url, String prefix, Path key, String extra) throws IOException {
    return config(dir, "engine: opensearch\nurl: " + url + "\nindex-prefix: " + prefix + "\nreplicas: 0\nkey: " + key
        + "\n", extra);
  }

  /** {@code nightly.yml} in {@code dir}: {@code where} (the engine's lines), then sources, rules, out, extra. */
  private static Path config(Path dir, String where, String extra) throws IOException {
    Path cfg = dir.resolve("nightly.yml");
    // The gateway rules only: the generic web rules compile large regex automata on every run,
    // which costs seconds per night and tests nothing nightly-specific.
    Path rules = dir.resolve("rules");
    if (!Files.isDirectory(rules)) {
      Files.createDirectories(rules);
      Path pack = Path.of(System.getProperty("project.root", "..")).resolve("rules/gateway");
      try (var files = Files.list(pack)) {
        for (Path f : files.toList()) {
          Files.copy(f, rules.resolve(f.getFileName()));
        }
      }
    }
    Files.writeString(cfg, where
        + "sources:\n  - logs\n"
        + "rules: " + rules + "\n"
        + "out: reports\n"
        + "report-timezone: Asia/Kolkata\n"
        + extra);
    return cfg;
  }

  /**
   * Runs {@code nightly} on {@code cfg} in a child JVM ({@link NightlyKillChild}) until it stops
   * at the commit after {@code commitsBefore} files, then kills it with SIGKILL: a crash at the
   * moment it costs the most, the same moment on every run.
   */
  static void killAtCommit(Path dir, Path cfg, int commitsBefore) throws Exception {
    Path marker = dir.resolve("stopped-at");
    Path out = dir.resolve("child.out");
    List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), NightlyKillChild.class.getName(), cfg.toString(),
        String.valueOf(commitsBefore), marker.toString());
    Process child = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      while (!Files.exists(marker) && child.isAlive() && System.nanoTime() < deadline) {
        child.waitFor(50, TimeUnit.MILLISECONDS);
      }
      if (!Files.exists(marker) || !child.isAlive()) {
        throw new AssertionError("the child must be waiting at the commit after " + commitsBefore + " files: "
            + Files.readString(out));
      }
    } finally {
      child.destroyForcibly(); // SIGKILL on Unix
      child.waitFor(10, TimeUnit.SECONDS);
    }
  }

  static CliRun cli(String... args) {
    return CliRun.of(args);
  }

  static long docCount(Path index) throws IOException {
    try (DirectoryReader r = EventIndex.openReader(index)) {
      return r.numDocs();
    }
  }

  /** Every {@code http.request.id} in the index (live documents' terms). */
  static Set<String> requestIds(Path index) throws IOException {
    Set<String> ids = new HashSet<>();
    try (DirectoryReader r = EventIndex.openReader(index)) {
      Terms terms = MultiTerms.getTerms(r, Field.REQUEST_ID.fieldName());
      if (terms != null) {
        TermsEnum te = terms.iterator();
        BytesRef t;
        while ((t = te.next()) != null) {
          ids.add(t.utf8ToString());
        }
      }
    }
    return ids;
  }
}
