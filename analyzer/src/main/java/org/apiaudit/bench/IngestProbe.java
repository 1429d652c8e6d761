package org.apiaudit.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import org.apiaudit.index.IndexCodec;

/**
 * The child side of {@link FreshJvm}: times one step and prints it as one JSON line.
 *
 * <p>Usage: {@code ingest INPUT WORK THREADS [CODEC]}, {@code bare INPUT WORK THREADS DOCS} or
 * {@code plain INPUT WORK THREADS DOCS}.
 */
final class IngestProbe {
  private IngestProbe() {}

  public static void main(String[] args) throws Exception {
    Path input = Path.of(args[1]);
    Path work = Path.of(args[2]);
    int threads = Integer.parseInt(args[3]);
    CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    FreshJvm.Step step;
    switch (args[0]) {
      case "ingest" -> {
        long jit0 = jit.getTotalCompilationTime();
        long cpu0 = os.getProcessCpuTime();
        IngestBenchmark.Result r;
        long live;
        try (Measurements.LiveHeapPeak liveHeap = new Measurements.LiveHeapPeak()) {
          r = IngestBenchmark.endToEnd(input, work, threads, args.length > 4 ? IndexCodec.parse(args[4]) : null);
          live = liveHeap.bytes();
        }
        step = new FreshJvm.Step(r.seconds(), r.lines(), r.bytes(), r.peakHeap(), live, r.indexBytes(),
            r.index().toString(), (jit.getTotalCompilationTime() - jit0) / 1e3, (os.getProcessCpuTime() - cpu0) / 1e9);
      }
      case "bare", "plain" -> {
        IngestBenchmark.Loop loop = args[0].equals("bare")
            ? IngestBenchmark.bareLoop(input, Integer.parseInt(args[4]))
            : IngestBenchmark.plainLoop(input, Integer.parseInt(args[4]));
        long jit0 = jit.getTotalCompilationTime();
        long cpu0 = os.getProcessCpuTime();
        IngestBenchmark.LoopResult r = loop.run(work, threads);
        step = new FreshJvm.Step(r.seconds(), r.documents(), 0, 0, 0, r.indexBytes(), r.index().toString(),
            (jit.getTotalCompilationTime() - jit0) / 1e3, (os.getProcessCpuTime() - cpu0) / 1e9);
      }
      default -> throw new IllegalArgumentException("unknown step " + args[0]);
    }
    System.out.println(new ObjectMapper().writeValueAsString(step));
  }
}
