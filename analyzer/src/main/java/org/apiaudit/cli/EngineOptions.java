package org.apiaudit.cli;

import java.nio.file.Path;
import org.apiaudit.UserException;
import org.apiaudit.engine.EngineKind;
import org.apiaudit.engine.opensearch.OpenSearchConnection;
import org.apiaudit.engine.opensearch.OpenSearchEventStore;
import org.apiaudit.engine.opensearch.OpenSearchLayout;
import picocli.CommandLine.Option;

/** Which engine a command uses, and how to reach a cluster: shared by ingest, search, detect and bench. */
public final class EngineOptions {
  @Option(names = "--engine", paramLabel = "NAME", defaultValue = "lucene",
      description = "lucene (the embedded index, default) or opensearch (a cluster at --url).")
  String engine;

  @Option(names = "--url", paramLabel = "URL",
      description = "OpenSearch cluster address, e.g. https://search.example:9200 (with --engine opensearch).")
  String url;

  @Option(names = "--credentials", paramLabel = "FILE",
      description = "File with one line user:password for the cluster (default: $"
          + OpenSearchConnection.ENV_USER + " and $" + OpenSearchConnection.ENV_PASSWORD + ", else none).")
  Path credentials;

  @Option(names = "--index-prefix", paramLabel = "NAME", defaultValue = OpenSearchLayout.DEFAULT_PREFIX,
      description = "Prefix of the cluster's indices, alias and template (default: ${DEFAULT-VALUE}).")
  String prefix;

  /** The chosen engine. */
  public EngineKind kind() {
    return switch (engine.toLowerCase(java.util.Locale.ROOT)) {
      case "lucene" -> EngineKind.LUCENE;
      case "opensearch" -> EngineKind.OPENSEARCH;
      default -> throw new UserException("--engine must be lucene or opensearch; got: " + engine);
    };
  }

  /** The cluster connection, checked: --url is required with the opensearch engine. */
  public OpenSearchConnection connection() {
    if (url == null) {
      throw new UserException("--engine opensearch needs --url http://host:9200");
    }
    return OpenSearchConnection.of(url, credentials, System.getenv());
  }

  public OpenSearchLayout layout() {
    try {
      return new OpenSearchLayout(prefix);
    } catch (IllegalArgumentException e) {
      throw new UserException("--index-prefix: " + e.getMessage());
    }
  }

  /**
   * The cluster store for ingest (template and metadata index made sure of).
   *
   * @param replicas replica shards of new daily indices
   * @param codec the {@code index.codec} of new daily indices, or null to keep the template's
   */
  public OpenSearchEventStore openStore(int replicas, org.apiaudit.index.IndexCodec codec) {
    if (replicas < 0) {
      throw new UserException("--replicas must be 0 or more; got: " + replicas);
    }
    return OpenSearchEventStore.open(connection(), layout(), replicas, codec);
  }
}
