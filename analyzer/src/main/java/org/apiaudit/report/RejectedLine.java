package org.apiaudit.report;

/**
 * A line that could not be parsed, cited by place and reason only. The line's text is never
 * carried: it failed parsing, so it never went through pseudonymisation and may hold a clear
 * mobile or Aadhaar number.
 *
 * @param file the file as ingested
 * @param line 1-based line number
 * @param reason why it was rejected ("no closing quote at column 87")
 */
public record RejectedLine(String file, long line, String reason) {}
