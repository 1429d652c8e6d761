/**
 * {@code analyzer search}: the investigator's questions over the index, matching events in time
 * order, top values and histograms, with a query language that knows the schema
 * ({@link org.apiaudit.search.SchemaQueryParser}) and saved searches.
 *
 * <p>{@link org.apiaudit.search.SearchEngine} is what a command asks, whichever engine holds the
 * index; {@link org.apiaudit.search.EventSearcher} answers it on the embedded Lucene index.
 * Uses {@code index}, {@code schema}, {@code privacy} (pseudonymising typed identifiers) and
 * {@code output}. Entry point: {@link org.apiaudit.search.EventSearcher}.
 */
package org.apiaudit.search;
