package org.apiaudit.cli;

import java.nio.file.Path;
import org.apiaudit.privacy.CaseKey;
import picocli.CommandLine.Option;

/** The index folder and the case key beside it: shared by every command that touches an index. */
public final class IndexOptions {
  /** Index folder used when {@code --index} is not given. */
  public static final String DEFAULT_INDEX = "analyzer-index";

  @Option(names = {"-i", "--index"}, paramLabel = "DIR", defaultValue = DEFAULT_INDEX,
      description = "Index folder (default: ${DEFAULT-VALUE}).")
  Path index;

  @Option(names = "--key", paramLabel = "FILE",
      description = "Case key file for pseudonyms (default: $" + CaseKey.ENV_VAR
          + ", else the index folder's path + '.key', e.g. analyzer-index.key). Created on first ingest.")
  Path key;

  public Path index() {
    return index;
  }

  /** The key file: the option, the environment variable, or {@code <index>.key}. */
  public Path keyFile() {
    if (key != null) {
      return key;
    }
    String env = System.getenv(CaseKey.ENV_VAR);
    if (env != null && !env.isBlank()) {
      return Path.of(env);
    }
    return defaultKeyFile(index);
  }

  /** {@code <index>.key}, beside (never inside) the index folder. */
  public static Path defaultKeyFile(Path index) {
    Path abs = index.toAbsolutePath().normalize();
    return abs.resolveSibling(abs.getFileName() + ".key");
  }
}
