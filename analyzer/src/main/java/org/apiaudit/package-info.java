/**
 * The analyzer: API-gateway access logs read, pseudonymised, indexed, judged and reported.
 *
 * <p>Data flows one way: {@code ingest} (+ {@code ingest.format}) parses and pseudonymises
 * ({@code privacy}) into the Lucene index ({@code index}, fields from {@code schema}, reached
 * through {@code engine}); {@code rules} compiles Sigma rules that {@code detect} runs over the
 * index; {@code report} renders the findings. {@code search}, {@code serve}, {@code canary},
 * {@code investigate}, {@code nightly}, {@code simulate} and {@code bench} sit beside that flow,
 * and {@code cli} is the top: no other package depends on it.
 *
 * <p>This root package holds only what every layer shares and none owns: {@link
 * org.apiaudit.UserException} (an error the user can fix), {@link org.apiaudit.ExitCodes},
 * {@link org.apiaudit.Durations}, {@link org.apiaudit.Version} and {@link org.apiaudit.Sha256}.
 * It uses no other package of the project. {@code PackageDependenciesTest} fails on any package
 * cycle and on any use of {@code cli} from outside it.
 */
package org.apiaudit;
