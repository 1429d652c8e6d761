package org.apiaudit.bench;

import java.net.InetAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apiaudit.serve.AuditServer;
import org.apiaudit.serve.ServeConfig;

/**
 * Times the Discover view of {@code analyzer serve} through its HTTP API, as the page loads it:
 * the first page of hits, the histogram and the field sidebar requested together, for each
 * investigator query of {@link SearchBenchmark}; the view's time is until all three answered.
 */
final class ServeBenchmark {
  private ServeBenchmark() {}

  /** Latencies of whole views in milliseconds. */
  record Result(double p50, double p95, int views) {}

  static Result run(Path index, List<SearchBenchmark.NamedQuery> queries) throws Exception {
    ServeConfig config = new ServeConfig(index, null, null, InetAddress.getLoopbackAddress(), 0, null, ZoneOffset.UTC,
        ServeConfig.DEFAULT_TIMEOUT);
    HttpClient client = HttpClient.newHttpClient();
    try (AuditServer server = AuditServer.start(config)) {
      String base = "http://127.0.0.1:" + server.port();
      List<Double> times = new ArrayList<>();
      for (SearchBenchmark.NamedQuery nq : queries) {
        String q = "q=" + URLEncoder.encode(nq.query(), StandardCharsets.UTF_8);
        for (int i = 0; i < SearchBenchmark.WARMUP + SearchBenchmark.RUNS; i++) {
          long t0 = System.nanoTime();
          List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
          for (String api : List.of("/api/search", "/api/histogram", "/api/fields")) {
            calls.add(client.sendAsync(HttpRequest.newBuilder(URI.create(base + api + "?" + q)).build(),
                HttpResponse.BodyHandlers.ofString()));
          }
          for (CompletableFuture<HttpResponse<String>> c : calls) {
            HttpResponse<String> r = c.join();
            if (r.statusCode() != 200) {
              throw new IllegalStateException("serve answered " + r.statusCode() + " to " + r.uri() + ": " + r.body());
            }
          }
          if (i >= SearchBenchmark.WARMUP) {
            times.add((System.nanoTime() - t0) / 1e6);
          }
        }
      }
      double[] all = times.stream().mapToDouble(Double::doubleValue).toArray();
      return new Result(SearchBenchmark.percentile(all, 50), SearchBenchmark.percentile(all, 95), all.length);
    }
  }
}
