/**
 * How data leaves the analyzer: the one escaping policy for every output
 * ({@link org.apiaudit.output.Escaping}: HTML, Markdown, CSV, terminal, STIX), the row formats of
 * commands ({@link org.apiaudit.output.OutputFormat}, {@link org.apiaudit.output.RowWriter}) and
 * JSON record framing ({@link org.apiaudit.output.JsonRecords}).
 *
 * <p>A leaf: it knows no event, rule or finding, only strings and rows, so every package that
 * writes may use it.
 */
package org.apiaudit.output;
