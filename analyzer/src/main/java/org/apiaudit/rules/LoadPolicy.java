package org.apiaudit.rules;

/**
 * How a rule pack is loaded. By default every rule must load (one refused document is an error,
 * exit 2), rules with status {@code deprecated} or {@code unsupported} are skipped, and
 * {@code category: proxy} rules are refused: they describe outbound client traffic seen by a
 * forward proxy, and run against an inbound gateway's log they flag ordinary clients.
 *
 * @param skipUnsupported load what can be loaded and report the rest as {@link RuleSkip}s
 * @param allowProxyRules run {@code category: proxy} rules anyway
 */
public record LoadPolicy(boolean skipUnsupported, boolean allowProxyRules) {
  /** Every rule must load; proxy rules refused. */
  public static final LoadPolicy STRICT = new LoadPolicy(false, false);
}
