package org.apiaudit.report;

import org.apiaudit.output.Escaping;
import java.util.List;
import org.apiaudit.report.Report.Indicator;

/**
 * Renders the indicators as {@code indicators.csv} for blocklists and spreadsheets: RFC 4180
 * (CRLF line ends, quoted where needed) with every cell neutralised against formula injection
 * by {@link Escaping#csvCell}, because user agents are attacker-chosen and analysts open this
 * file in a spreadsheet. Times are RFC 3339 UTC; {@code requests} are all of the value's requests in
 * the analysed logs, every one of them the attack's.
 */
public final class IndicatorsCsvWriter {
  /** The file name in the report folder. */
  public static final String FILE_NAME = "indicators.csv";

  /** The header row. */
  public static final List<String> COLUMNS = List.of(
      "type", "value", "verdict", "confidence", "first_seen", "last_seen", "requests", "incident", "rules");

  /** The CSV document for {@code report}'s indicators. */
  public String render(Report report) {
    StringBuilder csv = new StringBuilder();
    row(csv, COLUMNS);
    for (Indicator i : report.indicators()) {
      row(csv, List.of(i.type(), i.value(), i.verdict(), String.format(java.util.Locale.ROOT, "%.2f", i.confidence()),
          Times.rfc3339(i.firstSeen()), Times.rfc3339(i.lastSeen()),
          Long.toString(i.requests()), i.incident(),
          String.join(" ", i.rules())));
    }
    return csv.toString();
  }

  private static void row(StringBuilder csv, List<String> cells) {
    for (int i = 0; i < cells.size(); i++) {
      csv.append(i == 0 ? "" : ",").append(Escaping.csvCell(cells.get(i)));
    }
    csv.append("\r\n");
  }
}
