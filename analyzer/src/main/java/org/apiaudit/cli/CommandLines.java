package org.apiaudit.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;

/** The command line as the user typed it, quoted so that it can be pasted back into a shell. */
final class CommandLines {
  private CommandLines() {}

  static String asTyped(CommandSpec spec) {
    List<String> parts = new ArrayList<>(List.of("analyzer"));
    for (String a : spec.root().commandLine().getParseResult().originalArgs()) {
      parts.add(a.isEmpty() || a.chars().anyMatch(c -> c == ' ' || c == '"' || c == '\'' || c == '$')
          ? "'" + a.replace("'", "'\\''") + "'" : a);
    }
    return String.join(" ", parts);
  }
}
