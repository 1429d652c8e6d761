/**
 * Reading the index in time order: {@link org.apiaudit.detect.scan.EventScanner} merges the
 * segments' events by timestamp and decodes only the columns rules need ({@link
 * org.apiaudit.detect.scan.EventColumns}, values as index-wide {@link
 * org.apiaudit.detect.scan.GlobalOrds}), {@link org.apiaudit.detect.scan.EventLanes} hands each
 * {@link org.apiaudit.detect.scan.ScanEvent} to the {@link org.apiaudit.detect.scan.EventConsumer}s
 * on a few threads, and {@link org.apiaudit.detect.scan.CoverageCollector} measures what the window
 * holds on the way. {@link org.apiaudit.detect.scan.EventSource} is where events come from (one
 * local index, or a cluster's), {@link org.apiaudit.detect.scan.TimeWindow} the analysed window.
 *
 * <p>Separate because it knows Lucene's segments and doc values and nothing of what rules mean:
 * correlators and judgement read events only through it. Uses {@code schema}, {@code detect.findings}
 * (coverage gaps) and the root package. Entry point: {@link org.apiaudit.detect.scan.EventScanner}.
 */
package org.apiaudit.detect.scan;
