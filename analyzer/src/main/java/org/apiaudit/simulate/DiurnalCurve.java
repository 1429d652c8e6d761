package org.apiaudit.simulate;

/**
 * How busy each IST hour is relative to the daily mean: citizens sleep at night, peak late
 * morning and again after work. Arrival processes draw exponential gaps at the current hour's
 * rate, which gives a non-homogeneous Poisson process cheap enough for the hot loop.
 */
final class DiurnalCurve {
  private static final double[] CITIZEN_WEIGHTS = {
    0.15, 0.08, 0.05, 0.04, 0.05, 0.12, 0.35, 0.70, 1.10, 1.50, 1.80, 1.90,
    1.80, 1.60, 1.50, 1.50, 1.50, 1.60, 1.70, 1.80, 1.60, 1.20, 0.70, 0.35
  };

  private static final double[] NORMALISED = normalise(CITIZEN_WEIGHTS);

  private DiurnalCurve() {}

  /** The relative rate (mean 1.0 over a day) at an instant. */
  static double weightAt(long epochMillis) {
    return NORMALISED[hourOfDay(epochMillis)];
  }

  /** The IST hour (0-23) of an instant. */
  static int hourOfDay(long epochMillis) {
    long local = epochMillis + TimestampWriter.IST_OFFSET_MILLIS;
    return (int) (Math.floorMod(local, TimestampWriter.DAY_MILLIS) / 3_600_000L);
  }

  /** Start of the IST day containing an instant, as epoch millis. */
  static long startOfDay(long epochMillis) {
    long local = epochMillis + TimestampWriter.IST_OFFSET_MILLIS;
    return local - Math.floorMod(local, TimestampWriter.DAY_MILLIS)
        - TimestampWriter.IST_OFFSET_MILLIS;
  }

  private static double[] normalise(double[] w) {
    double sum = 0;
    for (double v : w) {
      sum += v;
    }
    double[] n = new double[w.length];
    for (int i = 0; i < w.length; i++) {
      n[i] = w[i] * w.length / sum;
    }
    return n;
  }
}
