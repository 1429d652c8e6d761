package org.apiaudit.cli;

import org.apiaudit.output.OutputFormat;
import picocli.CommandLine.Option;

/** {@code -o/--output FORMAT}: how a command prints its data, the same four formats everywhere. */
public final class OutputOptions {
  @Option(names = {"-o", "--output"}, paramLabel = "FORMAT",
      description = "table, jsonl, csv or json (default: table on a terminal, else jsonl).")
  OutputFormat format;

  /** The format asked for, else a table for a person at a terminal and JSON lines for a program. */
  public OutputFormat format() {
    return format != null ? format : Terminals.stdout() ? OutputFormat.TABLE : OutputFormat.JSONL;
  }

  /** The format asked for, else a table: for summaries a person usually reads (stats, rules lint). */
  public OutputFormat formatOrTable() {
    return format != null ? format : OutputFormat.TABLE;
  }
}
