package org.apiaudit.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What responders would do without us, timed on the same file: {@code grep -c} for a selective
 * query, and an {@code awk | sort | uniq -c} pipeline for the per-IP distinct-subject count that
 * the main scraping rules compute.
 */
final class ShellBaselines {
  /**
   * Per client IP, the number of distinct subjects (the gateway format's first and last
   * fields), largest first: the count behind the fan-out rules.
   */
  static final String DISTINCT_SUBJECTS_PER_IP =
      "awk '$NF != \"-\" {print $1, $NF}' \"$1\" | sort -u | awk '{print $1}' | uniq -c | sort -rn > \"$2\"";

  private ShellBaselines() {}

  /**
   * Seconds {@code grep -c -F needle file} takes. Its output goes to a file: GNU grep stops at
   * the first match when its output is /dev/null, which would time nothing.
   */
  static double grepSeconds(Path file, String needle, Path work) throws IOException, InterruptedException {
    return time(List.of("grep", "-c", "-F", "--", needle, file.toString()), work.resolve("grep-count.txt"));
  }

  /** Seconds lnav takes to load {@code file} headless and count its access-log lines. */
  static double lnavSeconds(Path file, Path work) throws IOException, InterruptedException {
    return time(List.of("lnav", "-n", "-c", ";SELECT count(*) FROM access_log", file.toString()),
        work.resolve("lnav-count.txt"));
  }

  /** Seconds the awk pipeline takes over {@code file}. */
  static double awkDistinctSubjectsSeconds(Path file, Path work) throws IOException, InterruptedException {
    return time(List.of("bash", "-c", DISTINCT_SUBJECTS_PER_IP, "awk-baseline", file.toString(),
        work.resolve("awk-distinct-subjects.txt").toString()), null);
  }

  /** Whether the awk pipeline's first line (its top IP) is {@code ip} with {@code count} subjects. */
  static boolean awkTopMatches(Path work, String ip, long count) throws IOException {
    try (var lines = Files.lines(work.resolve("awk-distinct-subjects.txt"))) {
      String[] first = lines.findFirst().orElse("").strip().split("\\s+");
      return first.length == 2 && first[1].equals(ip) && first[0].equals(Long.toString(count));
    }
  }

  private static double time(List<String> cmd, Path out) throws IOException, InterruptedException {
    long start = System.nanoTime();
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.redirectOutput(out == null ? ProcessBuilder.Redirect.DISCARD : ProcessBuilder.Redirect.to(out.toFile()));
    // Tools that notice /dev/null may take shortcuts; every timed command here writes a file.
    pb.environment().put("LC_ALL", "C");
    Process p = pb.start();
    if (!p.waitFor(60, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new IOException(String.join(" ", cmd) + " did not finish in 60 minutes");
    }
    double secs = (System.nanoTime() - start) / 1e9;
    if (p.exitValue() > 1) {
      throw new IOException(String.join(" ", cmd) + " exited with " + p.exitValue());
    }
    return secs;
  }

  /** Whether {@code tool} is on the PATH. */
  static boolean onPath(String tool) {
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
      if (Files.isExecutable(Path.of(dir, tool))) {
        return true;
      }
    }
    return false;
  }
}
