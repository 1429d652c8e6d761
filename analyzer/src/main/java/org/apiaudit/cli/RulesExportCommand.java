package org.apiaudit.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.apiaudit.ExitCodes;
import org.apiaudit.UserException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code analyzer rules export DIR}: writes the rule pack built into the analyzer to a folder, to
 * edit it and run it back with {@code --rules DIR}. Never overwrites a file that is there.
 */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    header = "Write the built-in rule pack to a folder, to edit it and use it with --rules.",
    description = {"Copies every rule, example-event and licence file of the built-in pack into DIR, keeping its"
        + " sub-folders. Refuses to overwrite a file that already exists, and says which."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:written", "2:DIR already holds one of the pack's files, or cannot be written"},
    footer = {"", "Examples:", "  analyzer rules export my-rules",
      "  analyzer rules lint --rules my-rules"})
public final class RulesExportCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "DIR", description = "Folder to write the pack into (created if absent).")
  Path target;

  @Override
  public Integer call() throws IOException {
    Path pack = RulesOptions.builtIn();
    List<Path> files;
    try (Stream<Path> s = Files.walk(pack)) {
      files = s.filter(Files::isRegularFile).sorted().toList();
    }
    for (Path f : files) {
      Path to = target.resolve(pack.relativize(f).toString());
      if (Files.exists(to)) {
        throw new UserException(to + " already exists; nothing written (export into an empty folder)");
      }
    }
    for (Path f : files) {
      Path to = target.resolve(pack.relativize(f).toString());
      Files.createDirectories(to.getParent());
      Files.copy(f, to);
    }
    spec.commandLine().getOut().println("wrote " + files.size() + " file(s) of the built-in rule pack to " + target);
    spec.commandLine().getOut().flush();
    return ExitCodes.OK;
  }
}
