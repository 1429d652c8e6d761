package org.apiaudit.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs one timed ingest step in a JVM of its own ({@link IngestProbe}), as a responder's
 * {@code analyzer ingest} runs.
 *
 * <p>Why: a fresh JVM spends much of a million-line ingest compiling hot code (JFR on two cores:
 * C2 compile threads took about a third of the process's CPU), and a step timed after another
 * in the same JVM inherits that work. Timed in one JVM, the bare loop ran warm after a cold
 * ingest, and gzip ingest warm after plain, so each looked faster than a user would see it and
 * their ratios compared unlike runs. Each step here starts cold, with the heap size and
 * collector this JVM was given ({@code java -XX:+UseSerialGC -jar analyzer.jar bench} measures
 * ingest as {@code java -XX:+UseSerialGC -jar analyzer.jar ingest} runs), and reports its
 * compile time beside its rate.
 */
final class FreshJvm {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * What one step measured.
   *
   * @param seconds wall time of the timed part
   * @param count lines read (ingest) or documents added (loops)
   * @param bytes input bytes read (ingest), else 0
   * @param peakHeap sum of heap pool peaks during the step (ingest only)
   * @param liveHeap most heap in use after a collection during the step (ingest only)
   * @param indexBytes size of the index written
   * @param index where the index is (ingest keeps it for the steps that read it)
   * @param jitSeconds time the JVM's compilers spent during the timed part
   * @param cpuSeconds CPU time of the whole process during the timed part
   */
  record Step(double seconds, long count, long bytes, long peakHeap, long liveHeap, long indexBytes, String index, double jitSeconds,
      double cpuSeconds) {
    double perSecond() {
      return count / seconds;
    }
  }

  private FreshJvm() {}

  /**
   * Runs {@code IngestProbe} with {@code args} in a new JVM with this JVM's heap size and
   * collector, and reads the step it prints.
   */
  static Step run(Path work, String... args) throws IOException {
    return run(work, List.of(), args);
  }

  /**
   * Runs {@code IngestProbe} with {@code args} in a new JVM with this JVM's collector and the
   * given heap options, or this JVM's heap size when there are none.
   */
  static Step run(Path work, List<String> heap, String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      boolean heapSize = a.startsWith("-Xmx") || a.startsWith("-Xms");
      boolean collector = a.startsWith("-XX:+Use") && a.endsWith("GC");
      if (heapSize && heap.isEmpty() || collector) {
        command.add(a);
      }
    }
    command.addAll(heap);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(IngestProbe.class.getName());
    command.addAll(List.of(args));
    Path out = work.resolve("probe-" + System.nanoTime() + ".out");
    Path err = out.resolveSibling(out.getFileName() + ".err");
    Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    try {
      int code = p.waitFor();
      List<String> lines = Files.readAllLines(out);
      if (code != 0 || lines.isEmpty()) {
        throw new IOException("benchmark step " + String.join(" ", args) + " failed (exit " + code + "): "
            + tail(err));
      }
      return JSON.readValue(lines.get(lines.size() - 1), Step.class);
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while timing " + String.join(" ", args), e);
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  private static String tail(Path err) throws IOException {
    List<String> lines = Files.readAllLines(err);
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
  }
}
