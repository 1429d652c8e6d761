package org.apiaudit.search;

/** How search results are printed. */
public enum OutputFormat {
  /** Aligned columns for a person at a terminal. */
  TABLE,
  /** One JSON object per hit, for jq and scripts. */
  JSONL,
  /** RFC 4180 CSV with a header row, spreadsheet formulas neutralised. */
  CSV
}
