/**
 * What the hits mean: each flagged actor's profile ({@link org.apiaudit.detect.judge.ActorProfiler}),
 * its verdict ({@link org.apiaudit.detect.judge.VerdictJudge}), the identifiers that belong to
 * the same attack ({@link org.apiaudit.detect.judge.Attribution}), the incidents with their windows,
 * indicators and records exposed ({@link org.apiaudit.detect.judge.IncidentBuilder}), the leak
 * sample's subjects against the actors ({@link org.apiaudit.detect.judge.LeakCorrelator}), and the
 * case conclusion ({@link org.apiaudit.detect.judge.CaseConcluder}).
 *
 * <p>Separate because it is judgement over a finished scan: it reads events again only through
 * {@link org.apiaudit.detect.scan.EventSource}, by queries for the actors it looks at. Uses {@code
 * detect.correlate} (the hits), {@code detect.scan}, {@code detect.memory}, {@code detect.findings}
 * (what it produces), {@code index}, {@code rules}, {@code schema} and the root package. Entry point: {@link
 * org.apiaudit.detect.judge.CaseConcluder}, the last step {@code DetectionService} runs.
 */
package org.apiaudit.detect.judge;
