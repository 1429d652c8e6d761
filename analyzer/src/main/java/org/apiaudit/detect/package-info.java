/**
 * Detection: compiled rules run over the index in one time-ordered pass, and what the groups
 * they fire for mean.
 *
 * <p>Four concerns share this folder for now: scanning the index in time order
 * ({@link org.apiaudit.detect.DetectionEngine}, {@link org.apiaudit.detect.EventScanner},
 * {@link org.apiaudit.detect.EventLanes}); one correlator per Sigma correlation type
 * ({@code *Correlator}); memory machinery (primitive maps, spill files, global ordinals); and
 * judgement (profiles, {@link org.apiaudit.detect.VerdictJudge}, {@link
 * org.apiaudit.detect.Attribution}, incidents, {@link org.apiaudit.detect.CaseConcluder}). Rule
 * tests ({@link org.apiaudit.detect.RuleTester}) and the evaluation against labels
 * ({@link org.apiaudit.detect.Evaluator}) live here too. Uses {@code rules}, {@code index},
 * {@code schema}, {@code privacy} (the leak sample), {@code ingest} (rule-test events) and
 * {@code output}. Entry point: {@link org.apiaudit.detect.DetectionService}, which produces the
 * {@link org.apiaudit.detect.CaseFindings} contract.
 */
package org.apiaudit.detect;
