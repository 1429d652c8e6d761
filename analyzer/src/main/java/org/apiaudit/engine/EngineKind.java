package org.apiaudit.engine;

/** Which index the analyzer keeps events in. */
public enum EngineKind {
  /** The embedded Lucene index in a case folder: one machine, no server (the default). */
  LUCENE,
  /** An OpenSearch 2.x cluster, for logs that outgrow one machine. */
  OPENSEARCH
}
