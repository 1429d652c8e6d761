/**
 * The canary test: did a bot's backend query the API live, or answer from a stolen copy?
 *
 * <p>Investigators type fresh, known identifiers into the bot at noted times (the probes), then
 * look for gateway calls about those same people seconds later. A live lookup leaves that trace;
 * an offline copy does not. {@link org.apiaudit.canary.ProbeReader} reads the probes file and
 * pseudonymises each identifier at once (the clear value is never kept or echoed);
 * {@link org.apiaudit.canary.CanaryAnalyzer} searches the index around each probe and gives a
 * {@link org.apiaudit.canary.CanaryResult}: a verdict per probe and an overall conclusion, which
 * the {@code canary} command prints and the report renders.
 */
package org.apiaudit.canary;
