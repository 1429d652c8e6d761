/**
 * A seeded, streaming generator of the vaccination gateway's traffic with labelled attack
 * scenarios, so that the analyzer's parsers, rules and reports can be tested against known
 * ground truth and benchmarked at scale.
 *
 * <p>Data flows one way: {@link org.apiaudit.simulate.SimulationConfig} (validated settings)
 * → {@link org.apiaudit.simulate.TrafficSimulator} (a discrete-event loop over
 * {@link org.apiaudit.simulate.Actor}s ordered by their next request time) → one
 * {@link org.apiaudit.simulate.EventFormatter} per output format → {@link
 * org.apiaudit.simulate.DailyFileSink}. The population is virtual (citizen {@code i}'s mobile,
 * family and reference ids are computed from {@code i}), so memory never holds events; the
 * ground truth remembers what attack actors touched and used, the distinct client addresses and
 * user agents of benign traffic (an int per address, about 180,000 in a benchmark-size week), and
 * in runs with an attack the reference ids citizens downloaded themselves ({@link
 * org.apiaudit.simulate.OwnerDownloads}, 8 bytes a download), to know which victims the logs tie
 * to a mobile.
 *
 * <p>Determinism: every random choice comes from one {@link java.util.SplittableRandom} seeded
 * by {@code --seed}, consumed in event order, or from a source of its own derived from the seed
 * (the canary bot, the clean scenario's large families); ties in time are broken by insertion
 * order. The same configuration therefore always writes the same bytes.
 */
package org.apiaudit.simulate;
