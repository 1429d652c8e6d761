package org.apiaudit.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Times GoAccess parsing the same file, the tool responders would otherwise reach for. Its
 * log format is the gateway format's leading combined part; the gateway's extra fields are
 * skipped with {@code %^}.
 */
final class GoAccessBaseline {
  static final String GATEWAY_LOG_FORMAT = "%h %^[%d:%t %^] \"%r\" %s %b \"%R\" \"%u\" %T %^";

  private GoAccessBaseline() {}

  /** Why GoAccess cannot run here, or null when it can. */
  static String unavailableReason() {
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
      if (Files.isExecutable(Path.of(dir, "goaccess"))) {
        return null;
      }
    }
    return "goaccess not installed (Debian package 'goaccess'; scripts/bench.sh installs it)";
  }

  /** Seconds GoAccess takes to parse {@code input} into a JSON report. */
  static double seconds(Path input, Path work) throws IOException, InterruptedException {
    Path out = work.resolve("goaccess.json");
    List<String> cmd = List.of("goaccess", input.toString(), "--log-format=" + GATEWAY_LOG_FORMAT,
        "--date-format=%d/%b/%Y", "--time-format=%T", "--no-progress", "-o", out.toString());
    long start = System.nanoTime();
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(work.resolve("goaccess.log").toFile())
        .start();
    if (!p.waitFor(30, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new IOException("goaccess did not finish in 30 minutes");
    }
    double secs = (System.nanoTime() - start) / 1e9;
    if (p.exitValue() != 0) {
      throw new IOException("goaccess exited with " + p.exitValue() + ": " + Files.readString(work.resolve("goaccess.log")));
    }
    return secs;
  }
}
