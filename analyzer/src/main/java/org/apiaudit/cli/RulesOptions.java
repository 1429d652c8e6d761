package org.apiaudit.cli;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.FileSystems;
import java.util.Map;
import org.apiaudit.UserException;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The {@code --rules DIR} option shared by detect and the rules commands. Without it the rule pack
 * built into the analyzer is used (the repository's {@code rules/} folder, packed into the jar),
 * so a first run needs no flag and works from any working directory.
 */
public final class RulesOptions {
  /** Where the built-in pack lies on the class path. */
  static final String BUILT_IN = "/org/apiaudit/rules/pack";

  @Option(names = "--rules", paramLabel = "DIR",
      description = "Folder of Sigma rule files (*.yml, searched recursively). Default: the rule pack built into"
          + " the analyzer (the repository's rules/ folder).")
  Path rules;

  public Path rules() {
    return rules != null ? rules : builtIn();
  }

  /** The built-in pack as a path: inside the jar (a zip file system) or, from a build folder, a plain folder. */
  static Path builtIn() {
    URL url = RulesOptions.class.getResource(BUILT_IN);
    if (url == null) {
      throw new UserException("this build carries no rule pack; give --rules DIR");
    }
    try {
      URI uri = url.toURI();
      if (!"jar".equals(uri.getScheme())) {
        return Path.of(uri);
      }
      FileSystem fs;
      try {
        fs = FileSystems.getFileSystem(uri);
      } catch (FileSystemNotFoundException e) {
        fs = FileSystems.newFileSystem(uri, Map.of());
      }
      return fs.getPath(BUILT_IN);
    } catch (URISyntaxException | IOException | FileSystemAlreadyExistsException e) {
      throw new UserException("cannot open the built-in rule pack (" + e.getMessage() + "); give --rules DIR");
    }
  }
}
