package org.apiaudit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apiaudit.ExitCodes;
import org.apiaudit.Version;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The one CLI contract, walked over every command through picocli's model and run in-process:
 * help with short examples, {@code -V}, the shared option mixins wherever their options appear,
 * README's exit-code table equal to {@link ExitCodes}, machine formats and usage errors.
 */
class CliContractTest {
  private static final Path ROOT = Path.of(System.getProperty("project.root", ".."));
  /** Where each shared option must come from. */
  private static final Map<String, Class<?>> MIXIN_OF = Map.of(
      "--index", IndexOptions.class,
      "--key", KeyOptions.class,
      "--tz", ZoneOptions.class,
      "--from", TimeRangeOptions.class,
      "--to", TimeRangeOptions.class,
      "--output", OutputOptions.class,
      "--out", OutputDirOptions.class,
      "--rules", RulesOptions.class);

  /**
   * The FILE options a command reads. Every other FILE option is written, so it must be an
   * {@link OutputFile}: a new output option typed {@code Path} fails here until '-' works for it.
   */
  private static final java.util.Set<String> INPUT_FILES = java.util.Set.of(
      "bench --input", "bench --public-log", "canary --probes", "canary --findings", "detect --leak-sample",
      "evaluate --labels", "ingest --mapping", "ingest --endpoints", "investigate --leak-sample",
      "investigate --probes", "investigate --endpoints", "nightly --config", "pseudonymize --file",
      "report --findings", "report --probes", "serve --findings", "serve --token-file");

  @TempDir static Path tmp;
  /** The incident sample's SIEM day (10 June, the BOLA walk): the smallest part of the sample that holds it. */
  static String sampleIndex;

  @BeforeAll
  static void ingestTheBolaDay() {
    sampleIndex = tmp.resolve("sample").toString();
    CliRun ingest = CliRun.of("ingest", ROOT.resolve("sample-logs/incident-2023-06/siem-export-2023-06-10.csv.gz")
        .toString(), "-i", sampleIndex, "-q");
    assertEquals(ExitCodes.OK, ingest.exitCode(), ingest.err());
  }

  private static List<CommandLine> commands() {
    List<CommandLine> all = new ArrayList<>();
    walk(AnalyzerCommand.newCommandLine(), all);
    return all;
  }

  private static void walk(CommandLine cl, List<CommandLine> into) {
    into.add(cl);
    cl.getSubcommands().values().stream().distinct().forEach(sub -> walk(sub, into));
  }

  private static String[] path(CommandLine cl) {
    List<String> names = new ArrayList<>();
    for (CommandSpec s = cl.getCommandSpec(); s.parent() != null; s = s.parent()) {
      names.add(0, s.name());
    }
    return names.toArray(String[]::new);
  }

  private static String[] with(String[] path, String... more) {
    List<String> args = new ArrayList<>(List.of(path));
    args.addAll(List.of(more));
    return args.toArray(String[]::new);
  }

  @Test
  void everyCommandHasHelpWithShortExamplesOnePerLine() {
    for (CommandLine cl : commands()) {
      if (cl.getCommandSpec().parent() == null || cl.getCommand() instanceof CommandLine.HelpCommand
          || !cl.getSubcommands().isEmpty()) {
        continue;
      }
      String name = String.join(" ", path(cl));
      // picocli reports a description it cannot format (a bare '%') on System.err, not in the help
      java.io.PrintStream systemErr = System.err;
      java.io.ByteArrayOutputStream warnings = new java.io.ByteArrayOutputStream();
      CliRun help;
      try {
        System.setErr(new java.io.PrintStream(warnings, true, java.nio.charset.StandardCharsets.UTF_8));
        help = CliRun.of(with(path(cl), "--help"));
      } finally {
        System.setErr(systemErr);
      }
      assertFalse(warnings.toString(java.nio.charset.StandardCharsets.UTF_8).contains("Could not format"),
          name + " --help: " + warnings);
      assertEquals(ExitCodes.OK, help.exitCode(), name);
      int at = help.out().indexOf("Examples:");
      assertTrue(at >= 0, name + " --help has no examples:\n" + help.out());
      List<String> examples = help.out().substring(at).lines().skip(1).filter(l -> !l.isBlank()).toList();
      assertFalse(examples.isEmpty(), name);
      for (String line : examples) {
        assertTrue(line.startsWith("  ") && line.contains("analyzer "),
            name + ": an example that is not one command on one line: " + line);
        assertTrue(line.length() <= 80, name + ": example wider than 80 columns (" + line.length() + "): " + line);
        assertFalse(line.endsWith("\\"), name + ": example continued on the next line: " + line);
      }
    }
  }

  @Test
  void everyCommandPrintsTheVersion() {
    String version = "analyzer " + Version.current();
    for (CommandLine cl : commands()) {
      if (cl.getCommand() instanceof CommandLine.HelpCommand) {
        continue;
      }
      CliRun v = CliRun.of(with(path(cl), "-V"));
      assertEquals(ExitCodes.OK, v.exitCode(), String.join(" ", path(cl)));
      assertTrue(v.out().startsWith(version), String.join(" ", path(cl)) + " -V printed: " + v.out());
    }
  }

  @Test
  void sharedOptionsComeFromTheirMixinWithOneDefault() {
    for (CommandLine cl : commands()) {
      CommandSpec spec = cl.getCommandSpec();
      for (Map.Entry<String, Class<?>> e : MIXIN_OF.entrySet()) {
        OptionSpec option = spec.findOption(e.getKey());
        if (option == null || option.hidden()) {
          continue;
        }
        Object owner = option.userObject() instanceof java.lang.reflect.Field f ? f.getDeclaringClass() : null;
        assertEquals(e.getValue(), owner, spec.qualifiedName() + " " + e.getKey() + " is not the shared option");
      }
      OptionSpec index = spec.findOption("--index");
      if (index != null) {
        assertEquals(IndexOptions.DEFAULT_INDEX, index.defaultValue(), spec.qualifiedName());
        assertFalse(index.required(), spec.qualifiedName() + ": --index is required here but defaulted elsewhere");
      }
    }
  }

  @Test
  void everyWrittenFileOptionTakesDashForStandardOutput() {
    List<String> outputs = new ArrayList<>();
    for (CommandLine cl : commands()) {
      CommandSpec spec = cl.getCommandSpec();
      String command = String.join(" ", path(cl));
      for (OptionSpec o : spec.options()) {
        String name = command + " " + o.longestName();
        if (o.type() == OutputFile.class) {
          outputs.add(name);
          assertTrue(o.description().length > 0 && String.join(" ", o.description()).contains("'-'"),
              name + ": an output file option's help must say what '-' does (standard output, or why not)");
          assertFalse(INPUT_FILES.contains(name), name + " is listed as an input but typed OutputFile");
        } else if ("FILE".equals(o.paramLabel()) && !o.longestName().equals("--key")
            && !o.longestName().equals("--credentials")) {
          assertTrue(INPUT_FILES.contains(name), name + " takes a FILE typed " + o.type().getSimpleName()
              + ": if the command writes it, type it OutputFile ('-' is standard output); if it reads it, list it"
              + " in INPUT_FILES");
        }
      }
    }
    assertEquals(List.of("detect --json", "ingest --rejects", "nightly --log-file", "simulate --labels",
        "simulate --leak-sample"), outputs.stream().sorted().toList());
  }

  @Test
  void dashIsStandardOutputOrAUsageErrorThatSaysWhy() throws IOException {
    CliRun rejects = CliRun.of("ingest", ROOT.resolve("sample-logs/incident-2023-06/leak-sample.txt").toString(),
        "-i", tmp.resolve("dash").toString(), "--rejects", "-");
    assertEquals(ExitCodes.USAGE, rejects.exitCode(), rejects.err());
    assertEquals("analyzer: --rejects - is not accepted: standard output carries the ingest summary, and rejected"
        + " lines are kept in an owner-only file; give a file\n", rejects.err());
    Path config = Files.writeString(tmp.resolve("nightly.yml"), "inputs: [x]\n");
    CliRun log = CliRun.of("nightly", "--config", config.toString(), "--log-file", "-");
    assertEquals(ExitCodes.USAGE, log.exitCode(), log.err());
    assertTrue(log.err().startsWith("analyzer: --log-file - is not accepted: diagnostics are on standard error"),
        log.err());
    for (String[] args : List.of(new String[] {"simulate", "--out", "-"},
        new String[] {"report", "-i", sampleIndex, "--findings", "f.json", "--out", "-"})) {
      CliRun dir = CliRun.of(args);
      assertEquals(ExitCodes.USAGE, dir.exitCode(), dir.err());
      assertTrue(dir.err().startsWith("analyzer: --out - is not accepted"), dir.err());
    }
    assertFalse(Files.exists(Path.of("-")), "a file or folder named '-' was written");
  }

  @Test
  void simulateWritesTheGroundTruthOrTheLeakSampleToStandardOutput() throws IOException {
    Path out = tmp.resolve("sim");
    CliRun labels = CliRun.of("simulate", "--out", out.toString(), "--events", "2000", "--labels", "-");
    assertEquals(ExitCodes.OK, labels.exitCode(), labels.err());
    assertEquals("apiaudit.simulate.labels/v1", new ObjectMapper().readTree(labels.out()).path("schema").asText());
    assertFalse(Files.exists(out.resolve("labels.json")));
    assertTrue(labels.err().contains("labels -"), labels.err());
    CliRun leak = CliRun.of("simulate", "--out", tmp.resolve("sim2").toString(), "--events", "2000",
        "--leak-sample", "-", "--leak-sample-size", "7");
    assertEquals(ExitCodes.OK, leak.exitCode(), leak.err());
    assertEquals(7, leak.out().lines().count(), leak.out());
    assertFalse(Files.exists(tmp.resolve("sim2").resolve("leak-sample.txt")));
    assertEquals(ExitCodes.USAGE, CliRun.of("simulate", "--out", out.toString(), "--labels", "-", "--leak-sample",
        "-").exitCode());
  }

  @Test
  void readmeExitCodeTableIsExitCodes() throws Exception {
    Map<Integer, String> code = new TreeMap<>();
    for (java.lang.reflect.Field f : ExitCodes.class.getFields()) {
      if (Modifier.isStatic(f.getModifiers()) && f.getType() == int.class) {
        code.put(f.getInt(null), f.getName());
      }
    }
    String readme = Files.readString(ROOT.resolve("README.md"));
    String section = readme.substring(readme.indexOf("## Exit codes"));
    section = section.substring(0, section.indexOf("\n## ", 5));
    Map<Integer, String> documented = new TreeMap<>();
    Matcher row = Pattern.compile("(?m)^\\| (\\d+) \\| (.+) \\|$").matcher(section);
    while (row.find()) {
      documented.put(Integer.parseInt(row.group(1)), row.group(2));
    }
    assertEquals(code.keySet(), documented.keySet(), "README's exit codes against ExitCodes " + code);
  }

  @Test
  void searchInIndiaTimeFindsTheBolaWalksFirstEvents() throws IOException {
    CliRun ist = CliRun.of("search", "-i", sampleIndex, "--from", "2023-06-10T11:00", "--to", "2023-06-10T11:01",
        "--tz", "Asia/Kolkata", "-o", "jsonl");
    assertEquals(ExitCodes.OK, ist.exitCode(), ist.err());
    List<JsonNode> hits = new ArrayList<>();
    for (String line : ist.out().lines().toList()) {
      hits.add(new ObjectMapper().readTree(line));
    }
    assertFalse(hits.isEmpty(), ist.err());
    assertEquals("2023-06-10T11:00:00.000+05:30", hits.get(0).path("@timestamp").asText());
    assertEquals("194.26.76.210", hits.get(0).path("source.ip").asText());
    assertTrue(hits.stream().filter(h -> h.path("source.ip").asText().equals("194.26.76.210")).count() >= 3,
        "the walk's login and first reads: " + ist.out());
    // the same wall-clock window read as UTC is five and a half hours later, and holds no walk
    CliRun utc = CliRun.of("search", "-i", sampleIndex, "ip:194.26.76.210", "--from", "2023-06-10T11:00", "--to",
        "2023-06-10T11:01", "-o", "jsonl");
    assertFalse(utc.out().contains("2023-06-10T11:00:00.000"), utc.out());
  }

  /** A copy of the sample index folder (without its key) under {@code name}. */
  private static Path copyOfTheSampleIndex(String name) throws IOException {
    Path copy = tmp.resolve(name);
    try (var walk = Files.walk(Path.of(sampleIndex))) {
      for (Path p : walk.toList()) {
        Files.copy(p, copy.resolve(Path.of(sampleIndex).relativize(p).toString()));
      }
    }
    return copy;
  }

  @Test
  void purgeOnACopyOfTheSampleIndexChangesNothingWithoutYesAndKeepsTheLast180Days() throws IOException {
    Path copy = copyOfTheSampleIndex("sample-copy");
    Files.copy(Path.of(sampleIndex + ".key"), Path.of(copy + ".key"));
    long all = count("*:*");
    CliRun asked = CliRun.of("purge", "-i", copy.toString(), "--before", "2100-01-01");
    assertEquals(ExitCodes.USAGE, asked.exitCode(), asked.err());
    assertTrue(asked.err().contains("would delete EVERY event of the index (" + all + ")"), asked.err());
    CliRun untouched = CliRun.of("stats", "-i", copy.toString(), "-o", "json");
    assertEquals(all, new ObjectMapper().readTree(untouched.out()).path("events").asLong(), "nothing deleted unasked");
    CliRun kept = CliRun.of("purge", "-i", copy.toString(), "--older-than", "180d", "--yes");
    assertEquals(ExitCodes.OK, kept.exitCode(), kept.err());
    CliRun stats = CliRun.of("stats", "-i", copy.toString(), "-o", "json");
    assertEquals(all, new ObjectMapper().readTree(stats.out()).path("events").asLong(),
        "a 2023 case is within 180 days of its own newest event: nothing purged");
  }

  @Test
  void histogramBucketsStartAtMidnightInTheZone() {
    CliRun days = CliRun.of("search", "-i", sampleIndex, "--histogram", "--interval", "1d", "--tz", "Asia/Kolkata",
        "-o", "csv");
    assertEquals(ExitCodes.OK, days.exitCode(), days.err());
    assertEquals(List.of("time,events", "2023-06-10T00:00:00.000+05:30," + count("*:*")), days.out().lines().toList());
  }

  private static long count(String query) {
    return CliRun.of("search", "-i", sampleIndex, query, "-o", "jsonl", "-n", "0").out().lines().count();
  }

  @Test
  void topAndMachineFormatsCarryEveryFieldWithFixedMillisecondTimes() throws IOException {
    CliRun top = CliRun.of("search", "-i", sampleIndex, "ip:194.26.76.210", "--top", "status", "-o", "csv");
    assertTrue(top.out().startsWith("http.response.status_code,events,share\n"), top.out());
    CliRun json = CliRun.of("search", "-i", sampleIndex, "ip:194.26.76.210", "--top", "status", "-o", "json");
    assertTrue(new ObjectMapper().readTree(json.out()).isArray(), json.out());

    CliRun csv = CliRun.of("search", "-i", sampleIndex, "path:\"/api/v2/appointment/sessions/public/calendarByDistrict\"",
        "-n", "1", "-o", "csv");
    List<String> rows = csv.out().lines().toList();
    assertTrue(rows.get(0).contains("http.request.id") || rows.get(0).contains("url.query"), rows.get(0));
    assertTrue(rows.get(0).contains("url.query"), rows.get(0));
    assertTrue(rows.get(1).matches("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}(Z|[+-]\\d\\d:\\d\\d),.*"),
        rows.get(1));
    List<String> header = List.of(rows.get(0).split(","));
    List<String> cells = List.of(rows.get(1).split(",", -1));
    assertTrue(cells.get(header.indexOf("url.query")).startsWith("district_id="), "the query column: " + rows.get(1));
  }

  @Test
  void anEmptyResultPrintsAHeaderAndSaysZeroEvents() {
    CliRun none = CliRun.of("search", "-i", sampleIndex, "ip:192.0.2.99", "-o", "csv");
    assertEquals(ExitCodes.OK, none.exitCode(), none.err());
    assertEquals(1, none.out().lines().count(), none.out());
    assertTrue(none.out().startsWith("@timestamp,"), none.out());
    assertEquals(List.of("0 events", "analyzer: times in UTC (default; ingest --tz ZONE records a case zone)"),
        none.err().lines().toList());
    CliRun table = CliRun.of("search", "-i", sampleIndex, "ip:192.0.2.99", "-o", "table");
    assertTrue(table.out().startsWith("time"), table.out());
  }

  @Test
  void badNumbersReversedRangesAndStrayOptionsAreUsageErrors() {
    assertEquals(ExitCodes.USAGE, CliRun.of("search", "-i", sampleIndex, "-n", "-5").exitCode());
    CliRun reversed = CliRun.of("search", "-i", sampleIndex, "--from", "2023-06-11", "--to", "2023-06-10");
    assertEquals(ExitCodes.USAGE, reversed.exitCode());
    assertTrue(reversed.err().contains("--from 2023-06-11 is after --to 2023-06-10"), reversed.err());
    CliRun interval = CliRun.of("search", "-i", sampleIndex, "--interval", "1h");
    assertEquals(ExitCodes.USAGE, interval.exitCode());
    assertTrue(interval.err().contains("add --histogram"), interval.err());
    assertEquals(ExitCodes.USAGE, CliRun.of("detect", "-i", sampleIndex, "--from", "2023-06-11", "--to",
        "2023-06-10").exitCode());
    CliRun none = CliRun.of();
    assertEquals(ExitCodes.USAGE, none.exitCode());
    assertTrue(none.err().contains("Usage: analyzer"), none.err());
    assertEquals("", none.out());
  }

  @Test
  void detectWritesFindingsToStandardOutputForDash() throws IOException {
    CliRun detect = CliRun.of("detect", "-i", sampleIndex, "--json", "-");
    assertEquals(ExitCodes.OK, detect.exitCode(), detect.err());
    assertEquals("2", new ObjectMapper().readTree(detect.out()).path("schemaVersion").asText());
    assertTrue(detect.err().startsWith("analyzer: times in UTC (default; ingest --tz ZONE records a case zone)\n"
        + "Conclusion: "), detect.err());
    assertFalse(Files.exists(Path.of("-")), "a file named '-' was written");
  }

  @Test
  void statsAndRulesLintHonourMachineFormats() throws IOException {
    CliRun stats = CliRun.of("stats", "-i", sampleIndex, "-o", "json");
    JsonNode s = new ObjectMapper().readTree(stats.out());
    assertEquals(count("*:*"), s.path("events").asLong());
    assertEquals(1, s.path("files").size());
    CliRun lint = CliRun.of("rules", "lint", "-o", "csv");
    assertEquals(ExitCodes.OK, lint.exitCode(), lint.err());
    assertEquals("file,line,rule,message\n", lint.out());
    assertTrue(lint.err().contains("0 problem(s)"), lint.err());
  }

  @Test
  void pseudonymizeWarnsAboutAValueThatIsNoIdentifierWithoutEchoingIt() {
    CliRun p = CliRun.of("pseudonymize", "-i", sampleIndex, "--key", sampleIndex + ".key", "abc-secret");
    assertEquals(ExitCodes.OK, p.exitCode(), p.err());
    assertTrue(p.err().contains("identifier 1 of 1 is not a mobile"), p.err());
    assertFalse(p.err().contains("abc-secret"), p.err());
    assertEquals("", CliRun.of("pseudonymize", "-i", sampleIndex, "9876543210").err());
  }

  @Test
  void aRuleThatContradictsItsExampleEventsIsExitTwoNotABug() throws IOException {
    Path shipped = ROOT.resolve("rules/sigmahq/web/webserver_generic");
    String name = "web_source_code_enumeration";
    Path agreeing = Files.createDirectories(tmp.resolve("agreeing-rules"));
    Files.copy(shipped.resolve(name + ".yml"), agreeing.resolve(name + ".yml"));
    Files.copy(shipped.resolve(name + ".tests.yml"), agreeing.resolve(name + ".tests.yml"));
    Path rules = Files.createDirectories(tmp.resolve("contradicting-rules"));
    Files.copy(shipped.resolve(name + ".yml"), rules.resolve(name + ".yml"));
    Files.writeString(rules.resolve(name + ".tests.yml"), Files.readString(shipped.resolve(name + ".tests.yml"))
        .replace("expect: no-match", "expect: match"));
    CliRun passing = CliRun.of("rules", "test", "--rules", agreeing.toString());
    assertEquals(ExitCodes.OK, passing.exitCode(), passing.out() + passing.err());
    CliRun failing = CliRun.of("rules", "test", "--rules", rules.toString());
    assertEquals(ExitCodes.USAGE, failing.exitCode(), failing.out() + failing.err());
    assertTrue(failing.out().contains("FAIL 953d460b-f810-420a-97a2-cfca4c98e602"), failing.out());
    assertTrue(failing.out().endsWith("2 case(s), 1 failed\n"), failing.out());
  }

  @Test
  void theKeyFileComesFromTheEnvironmentWhereTheIndexHasNoneBeside() throws Exception {
    Path moved = copyOfTheSampleIndex("moved-index");
    CliRun withoutKey = CliRun.of("pseudonymize", "-i", moved.toString(), "9876543210");
    assertEquals(ExitCodes.USAGE, withoutKey.exitCode(), withoutKey.err());
    String expected = CliRun.of("pseudonymize", "-i", sampleIndex, "9876543210").out();

    ProcessBuilder pb = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-cp",
        System.getProperty("java.class.path"), Main.class.getName(), "pseudonymize", "-i", moved.toString(),
        "9876543210").redirectError(ProcessBuilder.Redirect.DISCARD);
    pb.environment().put(org.apiaudit.privacy.CaseKey.ENV_VAR, sampleIndex + ".key");
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS));
    assertEquals(ExitCodes.OK, p.exitValue());
    assertEquals(expected, out, "$" + org.apiaudit.privacy.CaseKey.ENV_VAR + " names the key");
  }

  @Test
  void findingsDoNotChangeTheExitCodeWithoutFailOn() {
    for (String command : List.of("detect", "investigate")) {
      OptionSpec failOn = AnalyzerCommand.newCommandLine().getSubcommands().get(command).getCommandSpec()
          .findOption("--fail-on");
      assertEquals(null, failOn.defaultValue(), command + " --fail-on has a default");
    }
    CliRun detect = CliRun.of("detect", "-i", sampleIndex);
    assertEquals(ExitCodes.OK, detect.exitCode(), detect.err());
    assertTrue(detect.out().startsWith("Conclusion: direct-api-scraping-evidenced"), "the BOLA day has findings: "
        + detect.out());
    assertEquals(ExitCodes.FINDINGS, CliRun.of("detect", "-i", sampleIndex, "--fail-on", "low").exitCode());
  }

  @Test
  void completionScriptsComeFromTheCommandModel() {
    CliRun bash = CliRun.of("completion", "bash");
    assertEquals(ExitCodes.OK, bash.exitCode(), bash.err());
    assertTrue(bash.out().contains("investigate") && bash.out().contains("--histogram"), "bash script");
    CliRun zsh = CliRun.of("completion", "zsh");
    assertTrue(zsh.out().startsWith("#compdef analyzer\nautoload -U +X bashcompinit"), zsh.out());
    assertEquals(ExitCodes.USAGE, CliRun.of("completion", "fish").exitCode());
  }

  @Test
  void progressLineShowsPercentAndTimeLeft() {
    assertEquals(" 25% of 4.0 MB, about 0:30 left, 2 logs, 1,000 lines/s: a.log   ",
        Progress.line(1_000_000, 4_000_000, 10, 2, 10_000, "a.log"));
  }

  @Test
  void noProgressLineWhenStderrIsNotATerminal() {
    // surefire's forked JVM writes stderr to a pipe: the old System.console() check cannot tell
    assertFalse(Terminals.stderr(), "stderr of a forked test JVM is a pipe");
    CliRun ingest = CliRun.of("ingest", ROOT.resolve("sample-logs/incident-2023-06/leak-sample.txt").toString(), "-i",
        tmp.resolve("progress").toString());
    assertFalse(ingest.err().contains("% of"), ingest.err());
  }

  @Test
  void investigateKeepsDashOAsADeprecatedSpellingOfOut() throws IOException {
    Path log = Files.write(tmp.resolve("one.log"), List.of("203.0.113.7 - - [10/Jun/2023:14:22:01 +0530] \"GET"
        + " /api/v2/admin/location/states HTTP/1.1\" 200 48 \"-\" \"okhttp/4.9.2\" 0.087 \"-\" 7f3c9a1e2b4d none - -"));
    Path out = tmp.resolve("inv-out");
    CliRun old = CliRun.of("investigate", log.toString(), "-o", out.toString(), "-q");
    assertEquals(ExitCodes.OK, old.exitCode(), old.err());
    assertTrue(old.err().contains("-o DIR is deprecated for investigate"), old.err());
    assertTrue(Files.exists(out.resolve("report.html")));
    CliRun both = CliRun.of("investigate", log.toString(), "-o", out.toString(), "--out", out.toString());
    assertEquals(ExitCodes.USAGE, both.exitCode(), both.err());
  }
}
