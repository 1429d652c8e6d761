/**
 * The OpenSearch engine: the same pseudonymised events, schema, queries and rules on an
 * OpenSearch 2.x cluster, for logs that outgrow one machine.
 *
 * <p>Talks REST through the JDK's {@link java.net.http.HttpClient} and Jackson, both already
 * here: the few endpoints used ({@code _bulk}, {@code _search} with a point in time, index
 * templates, {@code _refresh}) need no client library, and the official Java clients would add
 * tens of megabytes of transitive jars (and a second JSON stack) to the one-jar tool.
 *
 * <p>Ingest writes through {@link org.apiaudit.engine.opensearch.OpenSearchEventStore}, search
 * reads through {@link org.apiaudit.engine.opensearch.OpenSearchSearcher}, and detection through
 * {@link org.apiaudit.engine.opensearch.ClusterEvents}: the rules' selections run on the cluster
 * and only the events they and the later steps ask for are read, in parallel scroll
 * slices, into a local scratch index the unchanged engine reads ({@link
 * org.apiaudit.engine.opensearch.ClusterDetection} runs it for {@code detect} and {@code nightly});
 * coverage, counts and first-seen times are the cluster's own (exact aggregations). Rules feeding
 * only windowed counts ({@code event_count}, {@code value_count}) are read only for the groups the
 * cluster's per-bucket counts show may fire ({@link org.apiaudit.engine.opensearch.CorrelationCandidates}).
 * Retention drops whole daily indices ({@link org.apiaudit.engine.opensearch.ClusterRetention}).
 */
package org.apiaudit.engine.opensearch;
