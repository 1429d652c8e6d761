package org.apiaudit.engine.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.apiaudit.Sha256;
import org.apiaudit.UserException;
import org.apiaudit.engine.EventStore;
import org.apiaudit.index.IndexCodec;
import org.apiaudit.index.IndexManifest;
import org.apiaudit.index.SourceFile;
import org.apiaudit.schema.Event;
import org.apiaudit.schema.Field;
import org.apiaudit.schema.OpenSearchMapping;

/**
 * Ingest into an OpenSearch cluster: each worker's batch becomes one {@code _bulk} request to
 * the daily indices, so as many bulks are in flight as ingest has workers (the pipeline's
 * bounded queue holds the reader back while they wait), and a cluster that answers 429 slows
 * the run down instead of failing it.
 *
 * <p>Every document's {@code _id} is the source file's content fingerprint and the line number,
 * and is written with {@code op_type=create}: a re-run after a crash, or a second machine
 * handed the same file, sends the same ids and adds nothing (the conflicts are counted as
 * already present). The case record lives in the metadata index and is written only at
 * {@link #commit}, after the events it lists are refreshed.
 */
public final class OpenSearchEventStore implements EventStore {
  private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");
  /** Id of the metadata document holding the key fingerprint and schema version. */
  static final String CASE_DOC = "case";
  /** Kind (and id prefix) of a metadata document holding one state entry of the manifest. */
  static final String EXTRA = "extra";
  /** The bulk endpoint, answering only what {@link #sendBulk} reads (a fifth of the full answer). */
  private static final String BULK = "/_bulk?filter_path=errors,items.*.status,items.*._id,items.*.error.type,"
      + "items.*.error.reason";

  private final OpenSearchClient client;
  private final OpenSearchLayout layout;
  private Map<String, String> knownExtras = Map.of();
  private Set<String> knownFileIds = Set.of();

  OpenSearchEventStore(OpenSearchClient client, OpenSearchLayout layout, int replicas, IndexCodec codec)
      throws IOException {
    this.client = client;
    this.layout = layout;
    client.send("PUT", "/_index_template/" + layout.templateName(),
        OpenSearchMapping.indexTemplate(layout.indexPattern(), layout.alias(), replicas,
            codec != null ? codec.openSearchName() : templateCodec(client, layout)));
    Map<String, Object> meta = Map.of("mappings", Map.of("dynamic", false,
        "properties", Map.of("kind", Map.of("type", "keyword"))), "settings", Map.of("index.number_of_replicas", replicas));
    Response created = new Response(client.send("PUT", "/" + layout.metaIndex(), meta, 400));
    if (created.status() == 400 && !created.body().contains("resource_already_exists_exception")) {
      throw new IOException("cannot create " + layout.metaIndex() + ": " + OpenSearchClient.reason(created.body()));
    }
  }

  /**
   * The {@code index.codec} the layout's template should keep when ingest is given none: the
   * template's own (none when it sets none: a case begun before stays as it began, as an
   * embedded index keeps its codec), or a new index's when there is no template yet.
   */
  private static String templateCodec(OpenSearchClient client, OpenSearchLayout layout) throws IOException {
    OpenSearchClient.Response r = client.send("GET", "/_index_template/" + layout.templateName(), null, 404);
    if (r.status() == 404) {
      return IndexCodec.NEW_INDEX.openSearchName();
    }
    JsonNode settings = r.json().path("index_templates").path(0).path("index_template").path("template")
        .path("settings").path("index");
    return settings.hasNonNull("codec") ? settings.get("codec").asText() : null;
  }

  /**
   * Connects to the cluster and makes sure the index template and metadata index exist.
   *
   * @param replicas replica shards per primary for new indices (0 on a one-node cluster)
   * @param codec the {@code index.codec} of new indices, or null to keep the template's
   */
  public static OpenSearchEventStore open(OpenSearchConnection connection, OpenSearchLayout layout, int replicas,
      IndexCodec codec) {
    try {
      return new OpenSearchEventStore(new OpenSearchClient(connection), layout, replicas, codec);
    } catch (IOException e) {
      throw new UserException("cannot prepare OpenSearch at " + connection + ": " + e.getMessage(), 2, e);
    }
  }

  /**
   * Deletes everything the layout names on the cluster: its daily indices, metadata index and
   * index template. For scratch layouts only ({@code bench} measures in its own and leaves
   * nothing behind); a case's events are never dropped by the tool otherwise.
   */
  public static void drop(OpenSearchConnection connection, OpenSearchLayout layout) throws IOException {
    OpenSearchClient client = new OpenSearchClient(connection);
    client.send("DELETE", "/" + layout.indexPattern() + "?allow_no_indices=true&expand_wildcards=all", null, 404);
    client.send("DELETE", "/" + layout.metaIndex(), null, 404);
    client.send("DELETE", "/_index_template/" + layout.templateName(), null, 404);
  }

  private record Response(int status, String body) {
    Response(OpenSearchClient.Response r) {
      this(r.status(), r.body());
    }
  }

  @Override
  public synchronized IndexManifest manifest() throws IOException {
    IndexManifest m = readManifest(client, layout);
    remember(m);
    return m;
  }

  /**
   * What this store last read or wrote of the case record: {@link #commit} writes only the
   * state entries that changed since and deletes only the file documents it replaced, so a
   * machine ingesting other files at the same time never loses its records to this one.
   */
  private void remember(IndexManifest m) {
    knownExtras = m.extras();
    knownFileIds = new HashSet<>();
    m.files().forEach(f -> knownFileIds.add(fileDocId(f)));
  }

  /** The case record in the metadata index (an empty manifest when there is none yet). */
  static IndexManifest readManifest(OpenSearchClient client, OpenSearchLayout layout) throws IOException {
    OpenSearchClient.Response r = client.send("GET", "/" + layout.metaIndex() + "/_search?size=10000",
        Map.of("query", Map.of("match_all", Map.of())), 404);
    if (r.status() == 404) {
      return IndexManifest.empty();
    }
    String fingerprint = null;
    String schema = IndexManifest.SCHEMA_VERSION;
    List<SourceFile> files = new ArrayList<>();
    Map<String, String> extras = new HashMap<>();
    for (JsonNode hit : r.json().path("hits").path("hits")) {
      JsonNode source = hit.path("_source");
      String kind = source.path("kind").asText();
      if (CASE_DOC.equals(hit.path("_id").asText())) {
        fingerprint = source.path("key_fingerprint").asText(null);
        schema = source.path("schema_version").asText(schema);
      } else if ("file".equals(kind)) {
        files.add(OpenSearchClient.JSON.treeToValue(source.path("file"), SourceFile.class));
      } else if (EXTRA.equals(kind)) {
        extras.put(source.path("key").asText(), source.path("value").asText());
      }
    }
    files.sort(Comparator.comparingLong(SourceFile::ingestedAt).thenComparing(SourceFile::path));
    return new IndexManifest(schema, fingerprint, files, extras);
  }

  @Override
  public Batch openBatch(String fileKey) {
    return new BulkBatch(idPrefix(fileKey));
  }

  @Override
  public boolean namesDocumentsByContent() {
    return true;
  }

  @Override
  public void deleteFile(String recordedPath) throws IOException {
    client.send("POST", "/" + layout.alias() + "/_delete_by_query?refresh=true&conflicts=proceed",
        Map.of("query", Map.of("term", Map.of(Field.LOG_FILE.fieldName(), recordedPath))), 404);
  }

  @Override
  public void deleteLinesAfter(String recordedPath, long linesBefore) throws IOException {
    Map<String, Object> query = Map.of("bool", Map.of("filter", List.of(
        Map.of("term", Map.of(Field.LOG_FILE.fieldName(), recordedPath)),
        Map.of("range", Map.of(Field.LOG_LINE.fieldName(), Map.of("gt", linesBefore))))));
    client.send("POST", "/" + layout.alias() + "/_delete_by_query?refresh=true&conflicts=proceed",
        Map.of("query", query), 404);
  }

  /**
   * Makes the events durable and visible before the record that lists them is written.
   *
   * <p>A {@code _bulk} is acknowledged only once its documents are in the translog of every
   * copy (the default {@code index.translog.durability: request}), so they survive a crash of
   * the node; the {@code _refresh} then makes them visible to the searches that count and
   * detect over them. Only after both is the case record written, in one bulk: state entries
   * (nightly's pending range and reported findings) before the file records, so a crash in
   * between reads a part again (same ids, nothing added) rather than leaving events outside
   * the pending range.
   */
  @Override
  public synchronized void commit(IndexManifest manifest) throws IOException {
    client.send("POST", "/" + layout.indexPattern() + "/_refresh?allow_no_indices=true", null);
    recordCase(manifest.keyFingerprint(), manifest.schemaVersion());
    StringBuilder bulk = new StringBuilder();
    Map<String, String> extras = manifest.extras();
    for (String key : union(knownExtras.keySet(), extras.keySet())) {
      String value = extras.get(key);
      if (Objects.equals(value, knownExtras.get(key))) {
        continue;
      }
      if (value == null) {
        appendAction(bulk, "delete", EXTRA + "-" + key, null);
      } else {
        appendAction(bulk, "index", EXTRA + "-" + key, Map.of("kind", EXTRA, "key", key, "value", value));
      }
    }
    Set<String> ids = new HashSet<>();
    for (SourceFile f : manifest.files()) {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("kind", "file");
      doc.put("file", f);
      ids.add(fileDocId(f));
      appendAction(bulk, "index", fileDocId(f), doc);
    }
    for (String replaced : knownFileIds) {
      if (!ids.contains(replaced)) {
        appendAction(bulk, "delete", replaced, null);
      }
    }
    if (bulk.length() > 0) {
      sendBulk(bulk.toString(), "the case record");
    }
    client.send("POST", "/" + layout.metaIndex() + "/_refresh", null);
    remember(manifest);
  }

  private void appendAction(StringBuilder bulk, String action, String id, Object doc) throws IOException {
    Map<String, Object> target = Map.of("_index", layout.metaIndex(), "_id", id);
    bulk.append(OpenSearchClient.JSON.writeValueAsString(Map.of(action, target))).append('\n');
    if (doc != null) {
      bulk.append(OpenSearchClient.JSON.writeValueAsString(doc)).append('\n');
    }
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> all = new java.util.TreeSet<>(a);
    all.addAll(b);
    return all;
  }

  /**
   * Writes the key fingerprint once; a machine with another key is refused, as the embedded
   * index refuses it, because its pseudonyms would never match this case's.
   */
  private void recordCase(String keyFingerprint, String schemaVersion) throws IOException {
    if (keyFingerprint == null) {
      return;
    }
    Map<String, Object> doc = Map.of("kind", CASE_DOC, "key_fingerprint", keyFingerprint,
        "schema_version", schemaVersion);
    OpenSearchClient.Response r = client.send("PUT", "/" + layout.metaIndex() + "/_create/" + CASE_DOC, doc, 409);
    if (r.status() == 409) {
      String recorded = client.send("GET", "/" + layout.metaIndex() + "/_doc/" + CASE_DOC, null).json()
          .path("_source").path("key_fingerprint").asText();
      if (!recorded.equals(keyFingerprint)) {
        throw new UserException("the case on " + location() + " was built with key fingerprint " + recorded
            + ", not " + keyFingerprint + "; pseudonyms would not match: give the right --key FILE");
      }
    }
  }

  private static String fileDocId(SourceFile f) {
    return "file-" + (f.sha256() != null ? f.sha256() : sha256Hex(f.path()));
  }

  @Override
  public String location() {
    return client.url() + " (" + layout.alias() + ")";
  }

  @Override
  public void close() {
    // the JDK client holds no connection that outlives a request worth closing here
  }

  /**
   * The first 128 bits of the file's SHA-256 (or of the key's own hash, for a stream or a part
   * named by path): unique enough across files, short enough to repeat in every id.
   */
  static String idPrefix(String fileKey) {
    String hex = SHA256_HEX.matcher(fileKey).matches() ? fileKey : sha256Hex(fileKey);
    return hex.substring(0, 32);
  }

  private static String sha256Hex(String text) {
    return Sha256.of(text.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Sends one bulk body, resending only the items the cluster refused with 429 (after a growing
   * pause) and failing on any other refusal but "already exists" (and "not found" for a delete).
   */
  void sendBulk(String body, String what) throws IOException {
    long pause = OpenSearchClient.FIRST_PAUSE_MS;
    String pending = body;
    for (int attempt = 0; ; attempt++) {
      JsonNode answer = client.sendText("POST", BULK, "application/x-ndjson", pending).json();
      if (!answer.path("errors").asBoolean()) {
        return;
      }
      String[] lines = pending.split("\n");
      StringBuilder retry = new StringBuilder();
      int i = 0;
      for (JsonNode item : answer.path("items")) {
        JsonNode result = item.elements().next();
        int status = result.path("status").asInt();
        if (status == 429) {
          retry.append(lines[2 * i]).append('\n').append(lines[2 * i + 1]).append('\n');
        } else if (status >= 300 && status != 409 && !(status == 404 && item.has("delete"))) {
          throw new IOException("OpenSearch refused document " + result.path("_id").asText() + " of " + what + " ("
              + status + "): " + result.path("error").path("type").asText() + ": "
              + result.path("error").path("reason").asText());
        }
        i++;
      }
      if (retry.length() == 0) {
        return;
      }
      if (attempt >= OpenSearchClient.MAX_RETRIES) {
        throw new IOException("OpenSearch kept refusing bulk items of " + what + " with 429 (too many requests)");
      }
      OpenSearchClient.sleep(pause);
      pause *= 2;
      pending = retry.toString();
    }
  }

  /** One worker's events, sent as one {@code _bulk} request when closed. */
  private final class BulkBatch implements Batch {
    private final String idPrefix;
    private final StringWriter body = new StringWriter(1 << 20);
    private long firstLine = -1;
    private long lastLine = -1;

    BulkBatch(String idPrefix) {
      this.idPrefix = idPrefix;
    }

    @Override
    public void add(Event event) throws IOException {
      long line = event.getLong(Field.LOG_LINE);
      body.append("{\"create\":{\"_index\":\"").append(layout.dailyIndex(event.getLong(Field.TIMESTAMP)))
          .append("\",\"_id\":\"").append(idPrefix).append('-').append(Long.toString(line)).append("\"}}\n");
      EventJson.write(event, body);
      body.append('\n');
      if (firstLine < 0) {
        firstLine = line;
      }
      lastLine = line;
    }

    @Override
    public void close() throws IOException {
      if (firstLine >= 0) {
        sendBulk(body.toString(), "lines " + firstLine + "-" + lastLine);
      }
    }
  }
}
