/**
 * Scoring findings against ground truth ({@code analyzer evaluate}): {@link
 * org.apiaudit.evaluate.Evaluator} reads a findings file and the labels the simulator writes
 * ({@code apiaudit.simulate.labels/v1}) and measures precision and recall per verdict class and,
 * where the labels carry it, the incidents' evidence.
 *
 * <p>Separate from {@code simulate}, which only generates traffic and needs nothing of detection,
 * and from {@code detect}, which must not know the labels. Uses {@code detect.judge} (verdict
 * names), {@code index} (instants, IP literals) and the root package. Entry point: {@link
 * org.apiaudit.evaluate.Evaluator}.
 */
package org.apiaudit.evaluate;
