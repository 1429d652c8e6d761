package org.apiaudit.simulate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs a small simulation into a directory and reads it back, for the tests. */
final class SimRun {
  /** Small enough that a simulated day takes a fraction of a second. */
  static final double TEST_SCALE = 0.005;

  final Path dir;
  final long seed;
  final SimulationResult result;

  private SimRun(Path dir, long seed, SimulationResult result) {
    this.dir = dir;
    this.seed = seed;
    this.result = result;
  }

  static SimRun run(Path dir, long seed, int days, String... scenarios) {
    List<ScenarioSpec> specs = new ArrayList<>();
    for (String s : scenarios) {
      specs.add(ScenarioSpec.parse(s));
    }
    SimulationConfig config = SimulationConfig.builder().outputDirectory(dir).days(days)
        .scale(TEST_SCALE).seed(seed).scenarios(specs).build();
    return new SimRun(dir, seed, new TrafficSimulator(config).run());
  }

  List<GatewayLine> gatewayLines() throws IOException {
    List<GatewayLine> lines = new ArrayList<>();
    for (Path file : result.files()) {
      for (String line : Files.readAllLines(file, StandardCharsets.US_ASCII)) {
        lines.add(GatewayLine.parse(line));
      }
    }
    return lines;
  }

  LabelsFile labels() throws IOException {
    return LabelsFile.read(result.labelsFile());
  }

  List<String> leakSample() throws IOException {
    return Files.readAllLines(result.leakSampleFile());
  }

  /** For failure messages: how to reproduce. */
  String seedInfo() {
    return " (seed " + seed + ")";
  }
}
