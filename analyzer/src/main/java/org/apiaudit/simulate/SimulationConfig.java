package org.apiaudit.simulate;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.apiaudit.UserException;

/**
 * The validated settings of one simulation run. Build it with {@link #builder()}; {@link
 * Builder#build()} checks every value and names the bad one, so the simulator itself never sees
 * an invalid setting.
 *
 * @param outputDirectory where the day files go (created if missing)
 * @param firstDay the first simulated IST day
 * @param days how many days
 * @param scale population multiplier; 1.0 is about {@link #EVENTS_PER_DAY_AT_SCALE_1} events a day
 * @param seed the seed of every random choice: same config and seed, same bytes
 * @param dayFormats one format per day
 * @param scenarios the injected scenarios, defaults resolved
 * @param labelsFile where the ground truth goes
 * @param leakSampleFile where the investigator's leak sample goes
 * @param leakSampleSize how many mobiles the leak sample holds
 * @param canary the canary bot to plant ({@code --canary}), or null for none
 * @param canaryProbes how many probes the canary test types into the bot
 * @param probesFile where the canary probes go ({@code probes.csv}); used only with a canary
 */
public record SimulationConfig(
    Path outputDirectory,
    LocalDate firstDay,
    int days,
    double scale,
    long seed,
    List<DayFormat> dayFormats,
    List<ScenarioSpec> scenarios,
    Path labelsFile,
    Path leakSampleFile,
    int leakSampleSize,
    CanaryMode canary,
    int canaryProbes,
    Path probesFile) {

  /** The week before the June 2023 leak reports, so the default run looks like the case. */
  public static final LocalDate DEFAULT_START = LocalDate.of(2023, 6, 6);

  public static final int DEFAULT_DAYS = 1;
  public static final double DEFAULT_SCALE = 0.05;
  public static final long DEFAULT_SEED = 20230612L;
  public static final int DEFAULT_LEAK_SAMPLE_SIZE = 100;
  /** Enough probes for a delay distribution, few enough for investigators to type by hand. */
  public static final int DEFAULT_CANARY_PROBES = 10;

  /**
   * Approximate events per simulated day at scale 1.0, measured on the baseline population; used
   * to turn {@code --events N} into a scale.
   */
  public static final double EVENTS_PER_DAY_AT_SCALE_1 = 1_000_000;

  public static Builder builder() {
    return new Builder();
  }

  /** True when the run injects {@code kind}. */
  boolean has(ScenarioKind kind) {
    return scenarios.stream().anyMatch(s -> s.kind() == kind);
  }

  /** Collects options in any order, then validates them together in {@link #build()}. */
  public static final class Builder {
    private Path outputDirectory;
    private LocalDate firstDay = DEFAULT_START;
    private int days = DEFAULT_DAYS;
    private Double scale;
    private Long targetEvents;
    private long seed = DEFAULT_SEED;
    private OutputFormat format = OutputFormat.GATEWAY;
    private boolean gzip;
    private List<DayFormat> formatByDay;
    private List<ScenarioSpec> scenarios = List.of();
    private Path labelsFile;
    private Path leakSampleFile;
    private int leakSampleSize = DEFAULT_LEAK_SAMPLE_SIZE;
    private CanaryMode canary;
    private int canaryProbes = DEFAULT_CANARY_PROBES;

    public Builder outputDirectory(Path dir) {
      this.outputDirectory = dir;
      return this;
    }

    public Builder firstDay(LocalDate day) {
      this.firstDay = day;
      return this;
    }

    public Builder days(int days) {
      this.days = days;
      return this;
    }

    public Builder scale(Double scale) {
      this.scale = scale;
      return this;
    }

    /** Approximate total events; overrides the scale. */
    public Builder targetEvents(Long events) {
      this.targetEvents = events;
      return this;
    }

    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    public Builder format(OutputFormat format) {
      this.format = format;
      return this;
    }

    public Builder gzip(boolean gzip) {
      this.gzip = gzip;
      return this;
    }

    /** One format per day; overrides {@link #format} and {@link #gzip}. */
    public Builder formatByDay(List<DayFormat> formats) {
      this.formatByDay = formats;
      return this;
    }

    public Builder scenarios(List<ScenarioSpec> scenarios) {
      this.scenarios = scenarios == null ? List.of() : List.copyOf(scenarios);
      return this;
    }

    public Builder labelsFile(Path file) {
      this.labelsFile = file;
      return this;
    }

    public Builder leakSampleFile(Path file) {
      this.leakSampleFile = file;
      return this;
    }

    public Builder leakSampleSize(int size) {
      this.leakSampleSize = size;
      return this;
    }

    /** Plants a canary bot (null: none). */
    public Builder canary(CanaryMode mode) {
      this.canary = mode;
      return this;
    }

    public Builder canaryProbes(int probes) {
      this.canaryProbes = probes;
      return this;
    }

    /**
     * Validates and builds.
     *
     * @throws UserException naming the option and the bad value
     */
    public SimulationConfig build() {
      if (outputDirectory == null) {
        throw new UserException("--out is required");
      }
      if (days < 1 || days > 366) {
        throw new UserException("--days must be from 1 to 366; got: " + days);
      }
      if (scale != null && targetEvents != null) {
        throw new UserException("--scale and --events exclude each other; give one");
      }
      double s = scale == null ? DEFAULT_SCALE : scale;
      if (targetEvents != null) {
        if (targetEvents < 1000) {
          throw new UserException("--events must be at least 1000; got: " + targetEvents);
        }
        s = targetEvents / (days * EVENTS_PER_DAY_AT_SCALE_1);
      }
      if (!(s >= 0.001 && s <= 100_000)) {
        throw new UserException("--scale must be from 0.001 to 100000; got: " + s);
      }
      if (leakSampleSize < 1 || leakSampleSize > 100_000) {
        throw new UserException(
            "--leak-sample-size must be from 1 to 100000; got: " + leakSampleSize);
      }
      if (canaryProbes < 1 || canaryProbes > 1000) {
        throw new UserException("--canary-probes must be from 1 to 1000; got: " + canaryProbes);
      }
      List<DayFormat> perDay = perDayFormats();
      List<ScenarioSpec> resolved = new ArrayList<>();
      Set<ScenarioKind> seen = EnumSet.noneOf(ScenarioKind.class);
      for (ScenarioSpec spec : scenarios) {
        if (!seen.add(spec.kind())) {
          throw new UserException(
              "--scenario may name each scenario once; got " + spec.kind().cliName() + " twice");
        }
        try {
          resolved.add(spec.resolve(firstDay, days));
        } catch (IllegalArgumentException e) {
          throw new UserException("--scenario: " + e.getMessage());
        }
      }
      Path labels = labelsFile == null ? outputDirectory.resolve("labels.json") : labelsFile;
      Path leak = leakSampleFile == null ? outputDirectory.resolve("leak-sample.txt")
          : leakSampleFile;
      return new SimulationConfig(outputDirectory, firstDay, days, s, seed, perDay,
          List.copyOf(resolved), labels, leak, leakSampleSize, canary, canaryProbes,
          outputDirectory.resolve("probes.csv"));
    }

    private List<DayFormat> perDayFormats() {
      if (formatByDay == null || formatByDay.isEmpty()) {
        List<DayFormat> same = new ArrayList<>();
        for (int d = 0; d < days; d++) {
          same.add(new DayFormat(format, gzip));
        }
        return List.copyOf(same);
      }
      if (formatByDay.size() > days) {
        throw new UserException(
            "--format-by-day lists " + formatByDay.size() + " formats for " + days
                + " days; give at most one per day");
      }
      List<DayFormat> perDay = new ArrayList<>(formatByDay);
      while (perDay.size() < days) {
        perDay.add(formatByDay.get(formatByDay.size() - 1));
      }
      return List.copyOf(perDay);
    }
  }
}
