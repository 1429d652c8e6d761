/**
 * {@code analyzer serve}: the investigator's workbench, a read-only web UI and JSON API over one
 * index.
 *
 * <p>Owns the HTTP side only: binding and the access token ({@link org.apiaudit.serve.AccessToken}),
 * one refreshed reader of the index ({@link org.apiaudit.serve.IndexReaders}), the limits and
 * plain-words errors of typed queries ({@link org.apiaudit.serve.QueryRequest}), and the views'
 * answers (discover, context, actor, findings, export). Searching is {@code search}'s
 * ({@link org.apiaudit.search.EventSearcher}, {@link org.apiaudit.search.SchemaQueryParser}),
 * pseudonyms and the key check are {@code privacy}'s and {@code index}'s; the browser side is
 * plain HTML, CSS and JavaScript under {@code resources/org/apiaudit/serve/ui}, served from the
 * jar under a strict Content-Security-Policy (no inline script, nothing from another origin),
 * and every value from the logs reaches the page as JSON and is put in the DOM as text.
 */
package org.apiaudit.serve;
