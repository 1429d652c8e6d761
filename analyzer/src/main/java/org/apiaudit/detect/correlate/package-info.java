/**
 * The correlators: one class per correlation type, each consuming the scan's events of the
 * detection rules it correlates and reporting the groups that cross its threshold as {@link
 * org.apiaudit.detect.correlate.GroupHit}s. {@link org.apiaudit.detect.correlate.GroupedCorrelator}
 * keeps one state per group (sliding windows); {@link
 * org.apiaudit.detect.correlate.WholeWindowCorrelator} measures once over the whole window and
 * spills idle groups to disk. {@link org.apiaudit.detect.correlate.MatchCounter} lets a detection
 * rule report on its own.
 *
 * <p>Entry point: {@link org.apiaudit.detect.correlate.Correlations}, the registry of how each
 * type is built and how far back it reaches; adding a type is one class here plus one line there.
 * Separate because a correlator only measures: what a hit means is {@code detect.judge}'s. Uses
 * {@code detect.scan}, {@code detect.memory}, {@code rules}, {@code schema} and the root package.
 */
package org.apiaudit.detect.correlate;
