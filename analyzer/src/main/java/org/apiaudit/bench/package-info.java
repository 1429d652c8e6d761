/**
 * {@code analyzer bench}: measured figures, each next to what a responder would use instead on
 * the same input in the same run (a bare Lucene loop, grep/awk, GoAccess), and a parser fuzz run.
 *
 * <p>Owns only measuring: traffic shapes and inputs ({@link org.apiaudit.bench.TrafficShape},
 * {@link org.apiaudit.bench.HighCardinalityLog}, {@link org.apiaudit.bench.PublicLogRepeater}),
 * timings ({@link org.apiaudit.bench.Measurements}) and the table and JSON they end in
 * ({@link org.apiaudit.bench.BenchReport}). It drives the real services of {@code ingest},
 * {@code detect}, {@code search}, {@code serve}, {@code investigate} and {@code simulate}, never
 * copies of them. Entry points: {@link org.apiaudit.bench.Benchmark#run} and
 * {@link org.apiaudit.bench.FuzzHarness}.
 */
package org.apiaudit.bench;
