/**
 * {@code analyzer nightly}: the unattended run, ingest what is new, detect with the look-back
 * the rules need, report only new and escalated findings, apply retention.
 *
 * <p>Owns the incremental reading of growing and rotated logs ({@link
 * org.apiaudit.nightly.SourceScanner}, {@link org.apiaudit.nightly.IncrementalIngest}), the
 * state committed with the events so that a killed run resumes ({@link
 * org.apiaudit.nightly.NightlyState}), novelty ({@link org.apiaudit.nightly.NoveltyFilter}) and
 * its configuration file ({@link org.apiaudit.nightly.NightlyConfigLoader}). Runs on the embedded
 * index or a cluster through {@link org.apiaudit.nightly.NightlyEngine}. Uses the services of
 * {@code ingest}, {@code engine}, {@code detect} and {@code report}. Entry point:
 * {@link org.apiaudit.nightly.NightlyRun}.
 */
package org.apiaudit.nightly;
