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
}
