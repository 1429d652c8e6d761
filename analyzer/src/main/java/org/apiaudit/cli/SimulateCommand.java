package org.apiaudit.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apiaudit.ExitCodes;
import org.apiaudit.UserException;
import org.apiaudit.simulate.CanaryMode;
import org.apiaudit.simulate.DayFormat;
import org.apiaudit.simulate.OutputFormat;
import org.apiaudit.simulate.ScenarioSpec;
import org.apiaudit.simulate.SimulationConfig;
import org.apiaudit.simulate.SimulationResult;
import org.apiaudit.simulate.TrafficSimulator;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code analyzer simulate}: parses options and runs the {@link TrafficSimulator}. */
@Command(
    name = "simulate",
    mixinStandardHelpOptions = true,
    header = "Generate deterministic gateway traffic with labelled attack scenarios.",
    description = {
      "Writes the vaccination gateway's access logs for a synthetic population",
      "(citizens and their families behind carrier NAT, vaccinators at facilities,",
      "partners, slot-finder bots), one file per IST day, plus the ground truth",
      "(labels.json) and an investigator's leak sample (leak-sample.txt). The same",
      "options and seed always write the same bytes.",
      "",
      "Scenarios (--scenario NAME[:key=value,...], repeatable):",
      "  bola               one citizen login enumerating certificates (scraping)",
      "  vaccinator-misuse  a vaccinator id used at night from a new IP and client",
      "                     (credential-misuse)",
      "  partner-abuse      a partner's lookup API far above baseline from outside",
      "                     its range (credential-misuse)",
      "  otp-flood          generateOTP for many mobiles from one /24 (scraping)",
      "  distributed        SIM farm behind rotating IPs, each under every limit",
      "                     (scraping)",
      "  clean              busy benign look-alikes only (no-sign /",
      "                     benign-automation)",
      "Keys: intensity=low|medium|high (default medium), start=YYYY-MM-DDTHH:MM",
      "  (IST), duration=90m|5h|2d|PT5H, stealth=true|false (spoofed browser UA,",
      "  jittered cadence, more addresses), subjects=N (distinct subjects touched;",
      "  overrides intensity).",
      "Distinct subjects by intensity low/medium/high: bola 300/1500/5000,",
      "  vaccinator-misuse 1000/3000/8000, partner-abuse 1500/5000/15000, otp-flood",
      "  500/2000/8000, distributed 2000/8000/25000. Default windows fit the run;",
      "  vaccinator-misuse starts at 22:00.",
      "",
      "labels.json (schema apiaudit.simulate.labels/v1): run{seed,first_day,days,",
      "  scale,timezone,formats,files}, scenarios[{name,class,intensity,stealth,",
      "  start,end,subjects_parameter,distinct_subjects,requests,records_returned,",
      "  not_found,rate_limited,first_seen,last_seen,activity[{start,end,requests}],",
      "  attacker{ips,user_agents,principals},subjects_returned,",
      "  subjects_returned_by_kind{kind:count},victim_infrastructure{ips,",
      "  user_agents}}], actors[{kind (ip|subnet|principal|user_agent),value,",
      "  class (scraping|credential-misuse|benign-automation|no-sign),scenario,",
      "  role}], benign{ips,user_agents}, leak_sample{file,size,",
      "  accessed_by_attacker[],accessed_count,untraceable_scraped}",
      "  (activity: periods split at pauses over 30 min; subjects_returned:",
      "  distinct logged subjects a 2xx record-returning answer gave the attacker;",
      "  victim_infrastructure: the misused credential's own addresses and clients;",
      "  benign: every address and user agent of non-attack traffic;",
      "  untraceable_scraped: victims the logs do not tie to their mobile, a",
      "  certificate read by reference id only; the sample leaves them out).",
      "",
      "Canary test (--canary live|offline): investigators type --canary-probes",
      "  registered mobiles into a bot at noted times; DIR/probes.csv gets",
      "  identifier,queried_at,note. A live bot's backend calls the vaccinator",
      "  search about each 2-8 s later, through the vaccinator-misuse credential",
      "  when that scenario runs, else a vaccinator id of its own from a hosting",
      "  address; an offline bot never calls. labels.json then also holds",
      "  canary{mode,probes_file,probes,scenario,actor{principal,ip,user_agent,",
      "  endpoint},planted[{line,queried_at,called_at,delay_ms}]}. Without --canary",
      "  the files are exactly those of earlier versions.",
      ""
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:Logs written.", "1:Internal error (a bug).",
        "2:Bad option value or unwritable output."},
    footer = {
      "",
      "Examples:",
      "  analyzer simulate --out /tmp/sim --days 2 --scenario bola",
      "  analyzer simulate --out /tmp/s --days 3 --seed 7 --scenario vaccinator-misuse",
      "  analyzer simulate --out /tmp/s --days 7 --scenario clean --format json --gzip",
      "  analyzer simulate --out /tmp/case --days 4 --scenario otp-flood:stealth=true",
      "  analyzer simulate --out /tmp/case --days 4 --format-by-day gateway.gz,json,csv",
      "  analyzer simulate --out /tmp/bench --events 50000000",
      "  analyzer simulate --out /tmp/c --scenario vaccinator-misuse --canary live"
    })
public final class SimulateCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Mixin OutputDirOptions out;

  @Option(names = "--scenario", paramLabel = "SPEC", converter = ScenarioConverter.class,
      description = "A scenario to inject: " + ScenarioSpec.SYNTAX + ". Repeatable.")
  List<ScenarioSpec> scenarios = new ArrayList<>();

  @Option(names = "--days", paramLabel = "N", defaultValue = "1",
      description = "Days to simulate (default: ${DEFAULT-VALUE}).")
  int days;

  @Option(names = "--start", paramLabel = "DATE", defaultValue = "2023-06-06",
      description = "First IST day, YYYY-MM-DD (default: ${DEFAULT-VALUE}).")
  LocalDate start;

  @Option(names = "--scale", paramLabel = "X",
      description = "Population size; 1.0 is about a million events a day (default: 0.05).")
  Double scale;

  @Option(names = "--events", paramLabel = "N",
      description = "Approximate total events, for benchmarks; sets the scale.")
  Long events;

  @Option(names = "--seed", paramLabel = "S", defaultValue = "20230612",
      description = "Seed of every random choice (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "gateway",
      converter = FormatConverter.class,
      description = "gateway, json, csv, combined or w3c (default: ${DEFAULT-VALUE}).")
  OutputFormat format;

  @Option(names = "--gzip", description = "Gzip the day files (.gz).")
  boolean gzip;

  @Option(names = "--format-by-day", paramLabel = "LIST", split = ",",
      converter = DayFormatConverter.class,
      description = {"One FORMAT[.gz] per day, e.g. gateway.gz,gateway.gz,json,csv; the last",
          "applies to the remaining days. Overrides --format and --gzip: one population and",
          "timeline, several export formats, as a real case folder mixes them."})
  List<DayFormat> formatByDay;

  @Option(names = "--labels", paramLabel = "FILE",
      description = "Where to write the ground truth (default: DIR/labels.json); '-' for standard output.")
  OutputFile labels;

  @Option(names = "--leak-sample", paramLabel = "FILE",
      description = "Where to write the leak sample (default: DIR/leak-sample.txt); '-' for standard output.")
  OutputFile leakSample;

  @Option(names = "--leak-sample-size", paramLabel = "N", defaultValue = "100",
      description = "Mobiles in the leak sample (default: ${DEFAULT-VALUE}).")
  int leakSampleSize;

  @Option(names = "--canary", paramLabel = "MODE", converter = CanaryConverter.class,
      description = "Plant a canary test: a 'live' bot that looks each probe up through the API"
          + " seconds later, or an 'offline' one that never calls; writes DIR/probes.csv.")
  CanaryMode canary;

  @Option(names = "--canary-probes", paramLabel = "N", defaultValue = "10",
      description = "Probes typed into the canary bot (default: ${DEFAULT-VALUE}).")
  int canaryProbes;

  @Override
  public Integer call() throws IOException {
    if (labels != null && labels.isStdout() && leakSample != null && leakSample.isStdout()) {
      throw new UserException("--labels - and --leak-sample - would mix two documents on standard output; choose one");
    }
    // A document for standard output is written under its usual name in a scratch folder (the
    // labels name the leak sample's file), then copied out.
    Path scratch = stdout(labels) || stdout(leakSample) ? Files.createTempDirectory("apiaudit-simulate") : null;
    try {
      SimulationConfig config = SimulationConfig.builder()
          .outputDirectory(out.required()).firstDay(start).days(days).scale(scale).targetEvents(events)
          .seed(seed).format(format).gzip(gzip).formatByDay(formatByDay).scenarios(scenarios)
          .labelsFile(target(labels, scratch, "labels.json")).leakSampleFile(target(leakSample, scratch, "leak-sample.txt"))
          .leakSampleSize(leakSampleSize).canary(canary).canaryProbes(canaryProbes)
          .build();
      SimulationResult result = new TrafficSimulator(config).run();
      PrintWriter stdout = spec.commandLine().getOut();
      if (stdout(labels)) {
        stdout.print(Files.readString(result.labelsFile()));
      } else if (stdout(leakSample)) {
        stdout.print(Files.readString(result.leakSampleFile()));
      }
      stdout.flush();
      spec.commandLine().getErr().println(String.format(Locale.ROOT,
          "simulate: %d events, %.1f MB in %.2f s (%.0f events/s, %.1f MB/s); %d files, labels %s",
          result.events(), result.megabytes(), result.seconds(), result.eventsPerSecond(),
          result.megabytesPerSecond(), result.files().size(), stdout(labels) ? OutputFile.STDOUT : result.labelsFile()));
      spec.commandLine().getErr().flush();
      return ExitCodes.OK;
    } finally {
      if (scratch != null) {
        try (var walk = Files.walk(scratch)) {
          walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
      }
    }
  }

  private static boolean stdout(OutputFile file) {
    return file != null && file.isStdout();
  }

  /** Where the simulator writes an output file: the user's path, the scratch copy for '-', or null (the default). */
  private static Path target(OutputFile file, Path scratch, String name) {
    return file == null ? null : file.isStdout() ? scratch.resolve(name) : file.path();
  }

  /** Turns a --scenario value into a spec, with the parser's message on error. */
  static final class ScenarioConverter implements CommandLine.ITypeConverter<ScenarioSpec> {
    @Override
    public ScenarioSpec convert(String value) {
      try {
        return ScenarioSpec.parse(value);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException(e.getMessage());
      }
    }
  }

  /** Accepts live or offline. */
  static final class CanaryConverter implements CommandLine.ITypeConverter<CanaryMode> {
    @Override
    public CanaryMode convert(String value) {
      try {
        return CanaryMode.fromCliName(value);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException(e.getMessage());
      }
    }
  }

  /** Accepts the lower-case format names. */
  static final class FormatConverter implements CommandLine.ITypeConverter<OutputFormat> {
    @Override
    public OutputFormat convert(String value) {
      try {
        return OutputFormat.fromCliName(value);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException(e.getMessage());
      }
    }
  }

  /** Accepts FORMAT or FORMAT.gz. */
  static final class DayFormatConverter implements CommandLine.ITypeConverter<DayFormat> {
    @Override
    public DayFormat convert(String value) {
      try {
        return DayFormat.parse(value);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException(e.getMessage());
      }
    }
  }
}
