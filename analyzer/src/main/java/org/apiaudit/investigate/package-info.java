/**
 * {@code analyzer investigate}: the whole job on a case folder in one call, ingest (idempotent),
 * detect, canary and report, into one output folder that holds the index, the key beside it,
 * the rejects and the report.
 *
 * <p>Owns only the order of the steps and the layout of the output folder; each step is the
 * service of its own package ({@code ingest}, {@code detect}, {@code canary}, {@code report}).
 * Entry point: {@link org.apiaudit.investigate.CaseInvestigation#run}.
 */
package org.apiaudit.investigate;
