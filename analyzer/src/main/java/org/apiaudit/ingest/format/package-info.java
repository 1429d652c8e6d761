/**
 * Log format parsers of the ingest stage: one {@link org.apiaudit.ingest.LogFormat} per family,
 * chosen by name, described by the user, or detected by {@link
 * org.apiaudit.ingest.format.FormatRegistry}.
 *
 * <ul>
 *   <li>{@link org.apiaudit.ingest.format.NginxFormat}: any nginx {@code log_format} string
 *       (presets {@code gateway}, {@code combined}, {@code common}; Apache's combined is the
 *       same text), compiled once into a character scanner.</li>
 *   <li>{@link org.apiaudit.ingest.format.JsonLinesFormat} and {@link
 *       org.apiaudit.ingest.format.CsvFormat}: JSON lines and CSV with a header, read through a
 *       {@link org.apiaudit.ingest.format.FieldMapping} (built-in ones live in the
 *       {@code mappings/} resources; users write the same JSON shape, read by {@link
 *       org.apiaudit.ingest.format.MappingFile}).</li>
 *   <li>{@link org.apiaudit.ingest.format.W3cFormat}: IIS and CloudFront, laid out per file by
 *       {@code #Fields:} directives.</li>
 *   <li>{@link org.apiaudit.ingest.format.NginxErrorFormat}: nginx's error log, whose lines
 *       carry a level and a message rather than a status.</li>
 *   <li>{@code SyslogWrapped}: any of the above inside syslog records.</li>
 * </ul>
 *
 * <p>Parsers set only what the line carries ({@code Values} holds the one policy for absent
 * values, numbers, addresses and URL splitting) and never throw on bad input: they return a
 * short reject reason. Templates, classes, subnets and pseudonyms are the normalizer's.
 * Timestamps are read by hand ({@link org.apiaudit.ingest.format.Timestamps}) because a
 * formatter per line would cost more than the rest of the parse.
 */
package org.apiaudit.ingest.format;
