/**
 * Detection: compiled rules run over the index in one time-ordered pass, and what the groups they
 * fire for mean. Entry point: {@link org.apiaudit.detect.DetectionService}, which produces the
 * {@link org.apiaudit.detect.findings.CaseFindings} contract; {@link
 * org.apiaudit.detect.DetectionEngine} is the pass itself (rule queries, correlators, coverage).
 *
 * <p>This package only wires its sub-packages together, each one concern, each depending only on
 * those listed after it:
 * <ul>
 *   <li>{@code judge}: actor profiles, verdicts, attribution of clusters, incidents, the leak
 *       check and the case conclusion;
 *   <li>{@code correlate}: one correlator per correlation type, their base classes and the
 *       {@link org.apiaudit.detect.correlate.Correlations} registry;
 *   <li>{@code scan}: reading the index in time order, where events come from, coverage;
 *   <li>{@code memory}: primitive maps and sets and the spill file, so that state does not grow
 *       with the index on the heap;
 *   <li>{@code findings}: the contract detection writes and report, serve, nightly and canary read.
 * </ul>
 * Uses {@code rules}, {@code index}, {@code schema}, {@code privacy} (the leak sample) and the root
 * package. Rule example tests live in {@code rules.testing}, scoring against labels in {@code evaluate}.
 */
package org.apiaudit.detect;
