package org.apiaudit.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * {@code -i/--index}: the index folder, with one default for every command that reads or
 * writes an index, so that a first session needs no flag at all.
 */
public final class IndexOptions {
  /** Index folder used when {@code --index} is not given. */
  public static final String DEFAULT_INDEX = "analyzer-index";

  @Option(names = {"-i", "--index"}, paramLabel = "DIR", defaultValue = DEFAULT_INDEX,
      description = "Index folder (default: ${DEFAULT-VALUE}).")
  Path index;

  public Path index() {
    return index;
  }
}
