package org.apiaudit.engine.opensearch;

import java.io.IOException;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apiaudit.engine.EventStore;
import org.apiaudit.index.IndexManifest;
import org.apiaudit.ingest.EndpointTable;
import org.apiaudit.ingest.EventNormalizer;
import org.apiaudit.ingest.IngestConfig;
import org.apiaudit.ingest.LineReader;
import org.apiaudit.ingest.format.FormatChoice;

/** What the OpenSearch tests share: the node, a client that records what it sends, configs. */
final class OpenSearchTesting {
  private static final AtomicInteger CASES = new AtomicInteger();

  private OpenSearchTesting() {}

  /** A prefix no other test uses, so tests sharing the node never see each other's indices. */
  static OpenSearchLayout freshLayout(String name) {
    return new OpenSearchLayout("t" + CASES.incrementAndGet() + "-" + name);
  }

  static Path sampleCase(String name) {
    return Path.of(System.getProperty("project.root", "..")).resolve("sample-logs").resolve(name);
  }

  /** The ingest configuration {@code analyzer ingest} uses by default, with a fixed thread count. */
  static IngestConfig config(Path rejects) {
    return new IngestConfig(FormatChoice.of(null, null, null, ZoneOffset.UTC), EndpointTable.defaults(),
        EventNormalizer.DEFAULT_IDENTIFIER_PARAMS, 2, LineReader.DEFAULT_MAX_LINE_BYTES, rejects);
  }

  /** A client to the shared node that keeps every request body it sends. */
  static final class RecordingClient extends OpenSearchClient {
    final List<String> bodies = new CopyOnWriteArrayList<>();

    RecordingClient() {
      super(OpenSearchConnection.anonymous(OpenSearchTestNode.get().url()));
    }

    @Override
    Response exchange(String method, String path, String contentType, String body) throws IOException {
      if (body != null) {
        bodies.add(body);
      }
      return super.exchange(method, path, contentType, body);
    }
  }

  static OpenSearchClient client() {
    return new OpenSearchClient(OpenSearchConnection.anonymous(OpenSearchTestNode.get().url()));
  }

  /** Documents visible through the layout's alias. */
  static long count(OpenSearchClient client, OpenSearchLayout layout) throws IOException {
    return client.send("GET", "/" + layout.alias() + "/_count", Map.of("query", Map.of("match_all", Map.of())))
        .json().path("count").asLong();
  }

  /** A store that fails after {@code okBatches} batches were sent: a crash in the middle of a file. */
  static final class FailingStore implements EventStore {
    private final EventStore delegate;
    private final AtomicInteger left;

    FailingStore(EventStore delegate, int okBatches) {
      this.delegate = delegate;
      this.left = new AtomicInteger(okBatches);
    }

    @Override
    public IndexManifest manifest() throws IOException {
      return delegate.manifest();
    }

    @Override
    public Batch openBatch(String fileKey) {
      Batch batch = delegate.openBatch(fileKey);
      return new Batch() {
        @Override
        public void add(org.apiaudit.schema.Event event) throws IOException {
          batch.add(event);
        }

        @Override
        public void close() throws IOException {
          if (left.getAndDecrement() <= 0) {
            throw new IOException("injected crash");
          }
          batch.close();
        }
      };
    }

    @Override
    public boolean namesDocumentsByContent() {
      return delegate.namesDocumentsByContent();
    }

    @Override
    public void deleteFile(String recordedPath) throws IOException {
      delegate.deleteFile(recordedPath);
    }

    @Override
    public void deleteLinesAfter(String recordedPath, long linesBefore) throws IOException {
      delegate.deleteLinesAfter(recordedPath, linesBefore);
    }

    @Override
    public void commit(IndexManifest manifest) throws IOException {
      delegate.commit(manifest);
    }

    @Override
    public String location() {
      return delegate.location();
    }

    @Override
    public void close() throws IOException {
      delegate.close();
    }
  }
}
