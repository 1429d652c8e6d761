package org.apiaudit.engine.opensearch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

class OpenSearchTestNodeTest {
  @Test
  void nodeAnswersOverHttpWithTheLuceneVersionWeIndexWith() throws Exception {
    OpenSearchTestNode node = OpenSearchTestNode.get();
    HttpResponse<String> root = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(node.url().resolve("/")).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, root.statusCode(), root.body());
    assertTrue(root.body().contains("\"number\" : \"2.19.6\""), root.body());
    // Same Lucene on both sides: segments and query semantics cannot drift between engines.
    assertTrue(root.body().contains("\"lucene_version\" : \"" + org.apache.lucene.util.Version.LATEST + "\""),
        root.body());
  }

  /**
   * OpenSearch's own start-up refuses a classpath where two jars hold the same class; the
   * embedded node skips that check, so it runs here over the whole test classpath (our Lucene
   * 9.12.3 and Jackson 2.23 next to what OpenSearch 2.19.6 pulls).
   */
  @Test
  void testClasspathHasNoJarHell() throws Exception {
    // throws IllegalStateException naming both jars on a duplicate class
    org.opensearch.bootstrap.JarHell.checkJarHell(line -> { });
  }
}
