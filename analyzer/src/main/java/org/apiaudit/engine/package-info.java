/**
 * The seam between the analyzer and the index it keeps events in: the embedded Lucene index
 * (the default, a case folder on one machine) or an OpenSearch cluster (when the logs outgrow
 * one machine). Parsing and pseudonymisation stay on this side of the seam, so either engine
 * only ever receives pseudonymised events.
 */
package org.apiaudit.engine;
