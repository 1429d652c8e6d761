/**
 * The case report: one model ({@link org.apiaudit.report.Report}) decided once by
 * {@link org.apiaudit.report.ReportBuilder}, laid out by one writer per format (HTML, Markdown,
 * JSON, indicators CSV, STIX) and written with a manifest of digests by
 * {@link org.apiaudit.report.ReportWriter}.
 *
 * <p>Writers only lay out; every string from a log goes through {@code output.Escaping}. Uses
 * {@code detect.findings} (the findings contract), {@code canary}, {@code index} (manifest and
 * activity counts), {@code schema} and {@code output}. Entry point:
 * {@link org.apiaudit.report.CaseReports#build}.
 */
package org.apiaudit.report;
