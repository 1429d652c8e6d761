package org.apiaudit.engine.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Instant;
import java.util.Map;
import org.apiaudit.ExitCodes;
import org.apiaudit.UserException;

/**
 * A run's claim on a case on the cluster, as the embedded index's write lock is on a folder: a
 * document in the metadata index created only if absent, so a second {@code nightly} on the same
 * case fails fast (exit 5) instead of interleaving its state with the first's.
 *
 * <p>A run killed before it released its claim leaves the document behind. On the same machine
 * the next run sees that the process named in it is gone and takes the claim over (only if the
 * document is still the one it read); a claim from another machine cannot be checked and is
 * refused with the command that removes it.
 */
public final class ClusterLock implements Closeable {
  private static final String KIND = "lock";

  private final OpenSearchClient client;
  private final String path;

  private ClusterLock(OpenSearchClient client, String path) {
    this.client = client;
    this.path = path;
  }

  /**
   * Claims {@code name} on the case of {@code layout}.
   *
   * @throws UserException (exit 5) when a live run holds it
   */
  public static ClusterLock acquire(OpenSearchConnection connection, OpenSearchLayout layout, String name)
      throws IOException {
    OpenSearchClient client = new OpenSearchClient(connection);
    String path = "/" + layout.metaIndex() + "/_doc/" + name + "-" + KIND;
    String host = hostName();
    long pid = ProcessHandle.current().pid();
    Map<String, Object> claim = Map.of("kind", KIND, "host", host, "pid", pid, "since", Instant.now().toString());
    for (int attempt = 0; attempt < 3; attempt++) {
      if (client.send("PUT", path + "?op_type=create", claim, 409).status() != 409) {
        return new ClusterLock(client, path);
      }
      OpenSearchClient.Response held = client.send("GET", path, null, 404);
      if (held.status() == 404) {
        continue; // released in between: claim again
      }
      JsonNode doc = held.json();
      JsonNode owner = doc.path("_source");
      boolean ownerGone = host.equals(owner.path("host").asText())
          && ProcessHandle.of(owner.path("pid").asLong()).map(p -> !p.isAlive()).orElse(true);
      if (!ownerGone) {
        throw new UserException("the case " + layout.prefix() + " on " + connection.url() + " is in use by another "
            + name + " run (" + owner.path("host").asText() + ", process " + owner.path("pid").asText() + ", since "
            + owner.path("since").asText() + "); if that run is dead, remove its claim: curl -X DELETE "
            + connection.url().resolve(path), ExitCodes.INDEX_LOCKED);
      }
      String unchanged = "?if_seq_no=" + doc.path("_seq_no").asLong() + "&if_primary_term="
          + doc.path("_primary_term").asLong();
      if (client.send("PUT", path + unchanged, claim, 409).status() != 409) {
        return new ClusterLock(client, path);
      }
    }
    throw new UserException("the case " + layout.prefix() + " on " + connection.url() + " is being claimed by another "
        + name + " run at the same moment", ExitCodes.INDEX_LOCKED);
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "unknown host";
    }
  }

  /** Releases the claim. */
  @Override
  public void close() throws IOException {
    client.send("DELETE", path, null, 404);
  }
}
