/**
 * The event schema: the only place field names are spelled ({@link org.apiaudit.schema.Field},
 * with the reason for each field's indexing), the event parsers fill
 * ({@link org.apiaudit.schema.Event}) and the same schema as an OpenSearch mapping.
 *
 * <p>A leaf: it uses no other package, and every package that touches events uses it.
 */
package org.apiaudit.schema;
