package org.apiaudit.schema;

/**
 * How a schema field is represented, which decides how it is indexed and queried.
 *
 * <p>Kept independent of Lucene classes so that the same schema can be exported as an
 * OpenSearch mapping (see {@link OpenSearchMapping}).
 */
public enum FieldType {
  /** An instant in UTC epoch milliseconds: a point for range filters, doc values for sorting. */
  INSTANT("date"),
  /** A whole number: a point for ranges, doc values for grouping and sums. */
  LONG("long"),
  /** An IPv4 or IPv6 address: an address point for exact, CIDR and range queries. */
  IP("ip"),
  /** An exact value matched as a whole (identifiers, methods, paths). */
  KEYWORD("keyword"),
  /** Free text split into words, for phrase queries (user agents). Never grouped by. */
  TEXT("text"),
  /** Kept for display only; not searchable. */
  STORED("keyword");

  private final String openSearchType;

  FieldType(String openSearchType) {
    this.openSearchType = openSearchType;
  }

  /** The OpenSearch 2.x mapping type with the same query semantics. */
  public String openSearchType() {
    return openSearchType;
  }
}
