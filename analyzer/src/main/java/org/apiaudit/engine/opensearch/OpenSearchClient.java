package org.apiaudit.engine.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The REST calls the engine makes, with the one retry policy a shared cluster asks for: a
 * {@code 429 Too Many Requests} (the cluster's write queue is full) is retried after an
 * exponentially growing pause instead of failing the run; any other error status fails with
 * the cluster's reason.
 */
class OpenSearchClient {
  /** Retries of a 429 before giving up: pauses of 0.1 s doubling to about 50 s in all. */
  static final int MAX_RETRIES = 9;
  static final long FIRST_PAUSE_MS = 100;

  static final ObjectMapper JSON = new ObjectMapper();

  private final OpenSearchConnection connection;
  private final HttpClient http;

  OpenSearchClient(OpenSearchConnection connection) {
    this.connection = connection;
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  }

  /** An answer: its status and body. */
  record Response(int status, String body) {
    JsonNode json() throws IOException {
      return JSON.readTree(body);
    }
  }

  URI url() {
    return connection.url();
  }

  /** Sends a JSON request; fails on any status but 2xx and those in {@code accepted}. */
  Response send(String method, String path, Object body, int... accepted) throws IOException {
    String text = body == null ? null : body instanceof String s ? s : JSON.writeValueAsString(body);
    return sendText(method, path, "application/json", text, accepted);
  }

  /** Sends a text body of {@code contentType}, retrying 429s; fails on an unexpected status. */
  Response sendText(String method, String path, String contentType, String body, int... accepted) throws IOException {
    long pause = FIRST_PAUSE_MS;
    for (int attempt = 0; ; attempt++) {
      Response r = exchange(method, path, contentType, body);
      if (r.status() == 429 && attempt < MAX_RETRIES) {
        sleep(pause);
        pause *= 2;
        continue;
      }
      if (r.status() / 100 == 2 || contains(accepted, r.status())) {
        return r;
      }
      throw new IOException("OpenSearch " + connection.url() + " answered " + method + " " + path + " with "
          + r.status() + ": " + reason(r.body()));
    }
  }

  /** One HTTP exchange; the seam tests use to see every request body the cluster is sent. */
  Response exchange(String method, String path, String contentType, String body) throws IOException {
    HttpRequest.Builder request = HttpRequest.newBuilder(connection.url().resolve(path))
        .timeout(Duration.ofMinutes(2))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    if (body != null) {
      request.header("Content-Type", contentType);
    }
    if (connection.authorization() != null) {
      request.header("Authorization", connection.authorization());
    }
    try {
      HttpResponse<String> r = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      return new Response(r.statusCode(), r.body());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while waiting for " + connection.url(), e);
    } catch (java.net.ConnectException e) {
      throw new IOException("cannot connect to OpenSearch at " + connection.url() + " (" + e + ")", e);
    }
  }

  static void sleep(long ms) throws IOException {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while backing off", e);
    }
  }

  /** The cluster's error reason from an error body, or the body's start. */
  static String reason(String body) {
    try {
      JsonNode error = JSON.readTree(body).path("error");
      if (error.isObject()) {
        JsonNode root = error.path("root_cause").path(0);
        JsonNode cause = root.isMissingNode() ? error : root;
        return cause.path("type").asText() + ": " + cause.path("reason").asText();
      }
      if (!error.isMissingNode()) {
        return error.asText();
      }
    } catch (IOException notJson) {
      // fall through to the raw text
    }
    return body.length() > 300 ? body.substring(0, 300) + "..." : body;
  }

  private static boolean contains(int[] values, int v) {
    for (int x : values) {
      if (x == v) {
        return true;
      }
    }
    return false;
  }
}
