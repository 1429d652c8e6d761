package org.apiaudit.nightly;

import java.util.List;
import java.util.Map;

/**
 * The one-line outcome of a nightly run, for schedulers and monitoring.
 *
 * @param date the run's date (names the report folder)
 * @param filesRead files with new lines read
 * @param newLines lines read tonight
 * @param newEvents events indexed tonight
 * @param newFindings new or escalated actors reported, per verdict
 * @param purgedEvents events removed by retention
 * @param report the report folder written
 * @param problems inputs that could not be read
 * @param warnings other things worth a look (a file read again from the start)
 * @param exitCode the process exit code
 */
public record NightlySummary(
    String date,
    int filesRead,
    long newLines,
    long newEvents,
    Map<String, Long> newFindings,
    long purgedEvents,
    String report,
    List<String> problems,
    List<String> warnings,
    int exitCode) {

  /** {@code nightly 2023-06-10 files=3 lines=1200 events=1195 findings=scraping:1 purged=0 exit=3 report=...}. */
  public String line() {
    StringBuilder f = new StringBuilder();
    newFindings.forEach((k, v) -> f.append(f.length() == 0 ? "" : ",").append(k).append(':').append(v));
    return "nightly " + date + " files=" + filesRead + " lines=" + newLines + " events=" + newEvents
        + " findings=" + (f.length() == 0 ? "none" : f) + " purged=" + purgedEvents
        + " problems=" + problems.size() + " exit=" + exitCode + " report=" + report;
  }
}
