/**
 * The findings contract: {@link org.apiaudit.detect.findings.CaseFindings}, everything detection
 * concludes about a case as written to {@code findings.json}; {@link
 * org.apiaudit.detect.findings.FindingsFile} reads it back, checked; {@link
 * org.apiaudit.detect.findings.FindingsSummary} is the console summary of it.
 *
 * <p>Separate so that those who only read findings (report, serve, nightly, canary) depend on the
 * contract and not on the detection machinery, and so that every step of detection can produce
 * its part of it. Uses {@code rules} (rule metadata), {@code output} (terminal escaping) and the
 * root package. Entry point: {@link org.apiaudit.detect.findings.FindingsFile}.
 */
package org.apiaudit.detect.findings;
