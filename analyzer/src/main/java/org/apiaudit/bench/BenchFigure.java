package org.apiaudit.bench;

/**
 * One row of the benchmark table: our figure, the baseline's in the same run, and the ratio.
 *
 * @param name what is measured, e.g. "ingest lines/s (plain)"
 * @param unit the unit of {@code ours} and {@code baseline}
 * @param ours our measured value
 * @param baselineName what we compare with (e.g. "GoAccess", "bare Lucene loop"), or null
 * @param baseline its value in the same run, or NaN when it could not run
 * @param target the target from the issues, as text (e.g. ">= 100000"), or null
 * @param note why a baseline is missing, or what bounds the figure
 * @param lowerIsBetter true for times and sizes, false for rates
 */
public record BenchFigure(String name, String unit, double ours, String baselineName, double baseline, String target,
    String note, boolean lowerIsBetter) {
  /** A rate (higher is better). */
  public BenchFigure(String name, String unit, double ours, String baselineName, double baseline, String target,
      String note) {
    this(name, unit, ours, baselineName, baseline, target, note, false);
  }

  /** How many times better ours is than the baseline (above 1: ours wins), or NaN. */
  public double ratio() {
    if (Double.isNaN(baseline) || baseline == 0 || ours == 0) {
      return Double.NaN;
    }
    return lowerIsBetter ? baseline / ours : ours / baseline;
  }
}
