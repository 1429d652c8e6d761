package org.apiaudit.simulate;

import java.nio.file.Path;
import java.util.List;

/**
 * What a run wrote, for the command's summary line.
 *
 * @param events events written
 * @param bytes uncompressed bytes written
 * @param nanos wall time of the generation loop
 * @param files the day files, in day order
 * @param labelsFile the ground truth
 * @param leakSampleFile the leak sample
 */
public record SimulationResult(long events, long bytes, long nanos, List<Path> files,
    Path labelsFile, Path leakSampleFile) {

  public double seconds() {
    return nanos / 1e9;
  }

  public double eventsPerSecond() {
    return events / Math.max(1e-9, seconds());
  }

  public double megabytes() {
    return bytes / 1e6;
  }

  public double megabytesPerSecond() {
    return megabytes() / Math.max(1e-9, seconds());
  }
}
