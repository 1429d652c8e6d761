package org.apiaudit.output;

/** How a command prints rows of data (events, top values, histogram buckets, files, rule problems). */
public enum OutputFormat {
  /** Aligned columns for a person at a terminal. */
  TABLE,
  /** One JSON object per row, for jq and scripts. */
  JSONL,
  /** RFC 4180 CSV with a header row, spreadsheet formulas neutralised. */
  CSV,
  /** One JSON document: an array of the row objects. */
  JSON;

  /** Whether a program rather than a person reads it. */
  public boolean machine() {
    return this != TABLE;
  }
}
