package org.apiaudit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Without --rules the pack built into the analyzer is used, whatever the working directory. */
class BuiltInRulesTest {
  @Test
  void theBuiltInPackIsTheRepositorysRulesFolder() throws Exception {
    Path repo = Path.of(System.getProperty("project.root", "..")).resolve("rules");
    CliRun builtIn = CliRun.of("rules", "lint");
    CliRun explicit = CliRun.of("rules", "lint", "--rules", repo.toString());
    assertEquals(0, builtIn.exitCode(), builtIn.err());
    assertTrue(builtIn.out().contains(" 0 problem(s)"), builtIn.out());
    assertEquals(explicit.out(), builtIn.out(), "the same files and rules as rules/");
    assertTrue(Files.isDirectory(RulesOptions.builtIn()));
  }

  @Test
  void exportWritesThePackOnceAndLintsTheSame(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
    Path out = dir.resolve("my-rules");
    CliRun export = CliRun.of("rules", "export", out.toString());
    assertEquals(0, export.exitCode(), export.err());
    assertTrue(Files.isRegularFile(out.resolve("gateway/api_citizen_certificate_fanout.yml")));
    assertEquals(CliRun.of("rules", "lint").out(), CliRun.of("rules", "lint", "--rules", out.toString()).out());
    CliRun again = CliRun.of("rules", "export", out.toString());
    assertEquals(2, again.exitCode(), "never overwrites an edited pack");
    assertTrue(again.err().contains("already exists; nothing written"), again.err());
  }
}
