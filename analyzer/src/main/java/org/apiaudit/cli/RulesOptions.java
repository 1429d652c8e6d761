package org.apiaudit.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --rules DIR} option shared by detect and the rules commands. */
public final class RulesOptions {
  /** Default rules folder, relative to the working directory. */
  public static final String DEFAULT_RULES = "rules";

  @Option(names = "--rules", paramLabel = "DIR", defaultValue = DEFAULT_RULES,
      description = "Folder of Sigma rule files (*.yml, searched recursively). Default: ${DEFAULT-VALUE}"
          + " relative to the working directory.")
  Path rules;

  public Path rules() {
    return rules;
  }
}
