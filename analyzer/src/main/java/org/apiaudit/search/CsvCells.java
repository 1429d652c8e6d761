package org.apiaudit.search;

/**
 * One CSV cell, quoted per RFC 4180 and with spreadsheet formulas neutralised: a value
 * starting with {@code =}, {@code +}, {@code -}, {@code @}, tab or carriage return gets a
 * leading apostrophe, so a user agent like {@code =HYPERLINK(...)} stays text in Excel.
 */
public final class CsvCells {
  private CsvCells() {}

  public static String cell(String value) {
    String v = value;
    if (!v.isEmpty()) {
      char c = v.charAt(0);
      if (c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r') {
        v = "'" + v;
      }
    }
    boolean quote = v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0;
    return quote ? '"' + v.replace("\"", "\"\"") + '"' : v;
  }
}
