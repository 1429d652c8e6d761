package org.apiaudit.canary;

/**
 * One canary probe as read from the probes file, already pseudonymised.
 *
 * @param line the 1-based line of the probes file it came from (header is line 1)
 * @param pseudonym the identifier's pseudonym under the case key ({@code ps-...})
 * @param kind {@code mobile}, {@code aadhaar} or {@code reference}
 * @param queriedAt when the investigator typed it into the bot, epoch ms
 * @param note the investigator's note with identifier-shaped digits pseudonymised, or null
 */
public record Probe(long line, String pseudonym, String kind, long queriedAt, String note) {}
