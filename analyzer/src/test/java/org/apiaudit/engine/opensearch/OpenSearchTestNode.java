package org.apiaudit.engine.opensearch;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import org.opensearch.common.settings.Settings;
import org.opensearch.env.Environment;
import org.opensearch.http.HttpServerTransport;
import org.opensearch.node.Node;
import org.opensearch.plugins.Plugin;
import org.opensearch.index.reindex.ReindexPlugin;
import org.opensearch.transport.Netty4Plugin;

/**
 * One real OpenSearch 2.19 node inside the test JVM, started on first use and shared by every
 * OpenSearch test of the run (a node start costs 30-40 s on a busy two-core machine; a second
 * would double it for nothing).
 *
 * <p>Built from Maven Central artifacts only: {@code org.opensearch:opensearch} and the
 * {@code transport-netty4} plugin, which brings the HTTP layer the tool talks to, and the
 * {@code reindex} module every distribution bundles ({@code _delete_by_query}). It listens on
 * loopback at an ephemeral port, keeps its data in a temporary folder deleted at JVM exit, runs
 * single-node discovery, and has the disk watermarks off so a nearly full test disk does not
 * turn the indices read-only.
 */
public final class OpenSearchTestNode {
  private static OpenSearchTestNode shared;

  private final Node node;
  private final Path home;
  private final URI url;

  private OpenSearchTestNode() throws Exception {
    home = Files.createTempDirectory("apiaudit-opensearch");
    Settings settings = Settings.builder()
        .put("path.home", home.toString())
        .put("path.data", home.resolve("data").toString())
        .put("path.logs", home.resolve("logs").toString())
        .put("cluster.name", "apiaudit-test")
        .put("node.name", "apiaudit-test-node")
        .put("discovery.type", "single-node")
        .put("network.host", "127.0.0.1")
        .put("http.port", "0")
        .put("transport.port", "0")
        .put("cluster.routing.allocation.disk.threshold_enabled", false)
        // The node shares two cores with the build: small fixed pools instead of one per core.
        .put("node.processors", 1)
        .build();
    node = new TestNode(settings, List.of(Netty4Plugin.class, ReindexPlugin.class));
    node.start();
    HttpServerTransport http = node.injector().getInstance(HttpServerTransport.class);
    var address = http.boundAddress().publishAddress().address();
    url = URI.create("http://" + address.getHostString() + ":" + address.getPort());
    awaitGreen();
    Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "opensearch-test-node-stop"));
  }

  /** The node shared by this JVM's tests, started on first call. */
  public static synchronized OpenSearchTestNode get() {
    if (shared == null) {
      try {
        shared = new OpenSearchTestNode();
      } catch (Exception e) {
        throw new IllegalStateException("the in-process OpenSearch node did not start: " + e, e);
      }
    }
    return shared;
  }

  /** The node's HTTP address, e.g. {@code http://127.0.0.1:41234}. */
  public URI url() {
    return url;
  }

  private void awaitGreen() throws IOException, InterruptedException {
    HttpClient client = HttpClient.newHttpClient();
    HttpRequest health = HttpRequest.newBuilder(url.resolve("/_cluster/health?wait_for_status=yellow&timeout=60s"))
        .timeout(Duration.ofSeconds(90)).build();
    HttpResponse<String> r = client.send(health, HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IOException("cluster health answered " + r.statusCode() + ": " + r.body());
    }
  }

  private void stop() {
    try {
      node.close();
    } catch (IOException ignored) {
      // the JVM is exiting
    }
    try (var walk = Files.walk(home)) {
      walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // a temp folder left behind is harmless
    }
  }

  /** Node's constructor taking a plugin list is protected: this is the documented way in. */
  private static final class TestNode extends Node {
    TestNode(Settings settings, Collection<Class<? extends Plugin>> plugins) {
      super(new Environment(settings, null), plugins, true);
    }
  }
}
