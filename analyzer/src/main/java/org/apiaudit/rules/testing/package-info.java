/**
 * Rule examples as tests: {@link org.apiaudit.rules.testing.RuleTester} writes the example events
 * of each rule ({@code *.tests.yml} beside the rule files) into a temporary index, runs the rules
 * over it and checks each case fires, or does not fire, the rule it names
 * ({@code analyzer rules test}).
 *
 * <p>Separate from {@code rules} because it runs rules, which needs {@code detect}, while {@code
 * detect} needs {@code rules}. Uses {@code rules}, {@code detect}, {@code index}, {@code ingest}
 * (URL fields of example events), {@code schema} and the root package. Entry point: {@link
 * org.apiaudit.rules.testing.RuleTester}.
 */
package org.apiaudit.rules.testing;
