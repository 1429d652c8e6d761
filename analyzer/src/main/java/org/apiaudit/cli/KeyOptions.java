package org.apiaudit.cli;

import java.nio.file.Path;
import org.apiaudit.privacy.CaseKey;
import picocli.CommandLine.Option;

/** {@code --key}: the case key file, resolved by {@link CaseKey#resolve} like everywhere else. */
public final class KeyOptions {
  @Option(names = "--key", paramLabel = "FILE",
      description = "Case key file for pseudonyms (default: $" + CaseKey.ENV_VAR
          + ", else the index folder's path + '.key', e.g. analyzer-index.key). Created on first ingest.")
  Path key;

  /** The key file for {@code index}: the option, the environment variable, or {@code <index>.key}. */
  public Path file(Path index) {
    return CaseKey.resolve(key, index);
  }
}
