package org.apiaudit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The rules and detect commands end to end, in process. */
class RulesAndDetectCommandTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cl = AnalyzerCommand.newCommandLine();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    return cl.execute(args);
  }

  @Test
  void lintRejectsMalformedRuleWithFileAndLine(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("bad.yml"), "title: Bad\nid: 11111111-2222-3333-4444-555555555555\nlevel: high\n"
        + "status: test\ndescription: d\nreferences: [r]\nfalsepositives: [f]\ntags: [t]\n"
        + "logsource:\n    category: webserver\ndetection:\n    selection:\n        cs-method|bogus: GET\n"
        + "    condition: selection\n");
    assertEquals(ExitCodes.USAGE, run("rules", "lint", "--rules", dir.toString()));
    assertEquals("bad.yml:13: rule 11111111-2222-3333-4444-555555555555: detection.selection.cs-method|bogus:"
        + " unknown modifier 'bogus'\n", err.toString());
    assertEquals("1 file(s), 0 rule(s), 1 problem(s)\n", out.toString());
  }

  @Test
  void lintAcceptsTheShippedPack() {
    assertEquals(ExitCodes.OK, run("rules", "lint", "--rules", rulesDir()), err.toString());
    assertEquals("", err.toString());
  }

  @Test
  void detectOnAMissingIndexIsAUsageError(@TempDir Path dir) {
    assertEquals(ExitCodes.USAGE, run("detect", "--index", dir.resolve("none").toString(), "--rules", rulesDir()));
    assertTrue(err.toString().startsWith("analyzer: no index at "), err.toString());
  }

  static String rulesDir() {
    return Path.of(System.getProperty("project.root", "..")).resolve("rules").toString();
  }
}
