/**
 * Detection: compiled rules run over the index in one time-ordered pass, and what the groups
 * they fire for mean.
 *
 * <p>Four concerns share this folder for now: scanning the index in time order
 * ({@link org.apiaudit.detect.DetectionEngine}, {@link org.apiaudit.detect.scan.EventScanner},
 * {@link org.apiaudit.detect.scan.EventLanes}); one correlator per Sigma correlation type
 * ({@code *Correlator}); memory machinery (primitive maps, spill files, global ordinals); and
 * judgement (profiles, {@link org.apiaudit.detect.judge.VerdictJudge}, {@link
 * org.apiaudit.detect.judge.Attribution}, incidents, {@link org.apiaudit.detect.judge.CaseConcluder}). Rule
 * tests ({@link org.apiaudit.rules.testing.RuleTester}) and the evaluation against labels
 * ({@link org.apiaudit.evaluate.Evaluator}) live here too. Uses {@code rules}, {@code index},
 * {@code schema}, {@code privacy} (the leak sample), {@code ingest} (rule-test events) and
 * {@code output}. Entry point: {@link org.apiaudit.detect.DetectionService}, which produces the
 * {@link org.apiaudit.detect.findings.CaseFindings} contract.
 */
package org.apiaudit.detect;
