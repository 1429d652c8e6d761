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
      CliRun help = CliRun.of(with(path(cl), "--help"));
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
    String version = "analyzer " + VersionProvider.version();
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
    assertEquals(List.of("analyzer: times in UTC (default; ingest --tz ZONE records a case zone)", "0 events"),
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
