package org.apiaudit.nightly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apiaudit.cli.CliRun;
import org.apiaudit.engine.EngineKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine keys of the nightly config: defaults, a cluster, and every mistake named by file:line, exit 2. */
class NightlyConfigLoaderTest {
  private static final String COMMON = "sources: [logs]\nrules: r\nout: o\n";

  @TempDir Path dir;

  private Path write(String yaml) throws Exception {
    Path cfg = dir.resolve("nightly.yml");
    Files.writeString(cfg, yaml);
    return cfg;
  }

  /** Runs the command on {@code yaml}: exit 2 and one line on stderr, which is returned. */
  private String refused(String yaml) throws Exception {
    Path cfg = write(yaml);
    CliRun r = CliRun.of("nightly", "--config", cfg.toString());
    assertEquals(2, r.exitCode(), r.err());
    assertEquals("", r.out());
    return r.err().strip().replace(cfg.toString(), "CFG");
  }

  @Test
  void theEmbeddedIndexIsTheDefault() throws Exception {
    NightlyConfig c = new NightlyConfigLoader().load(write("index: idx\n" + COMMON));
    assertEquals(EngineKind.LUCENE, c.engine());
    assertNull(c.cluster());
    assertEquals(dir.resolve("idx"), c.index());
  }

  @Test
  void readsAClusterWithItsCredentialsPrefixAndReplicas() throws Exception {
    Files.writeString(dir.resolve("os-credentials"), "auditor:secret\n");
    NightlyConfig c = new NightlyConfigLoader().load(write("engine: OpenSearch\nurl: https://search.example:9200\n"
        + "credentials: os-credentials\nindex-prefix: case-7\nreplicas: 0\nkey: case.key\n" + COMMON));
    assertEquals(EngineKind.OPENSEARCH, c.engine());
    assertNull(c.index());
    assertEquals(URI.create("https://search.example:9200"), c.cluster().url());
    assertEquals(dir.resolve("os-credentials"), c.cluster().credentials());
    assertEquals("case-7-events", c.cluster().layout().alias());
    assertEquals(0, c.cluster().replicas());
    assertEquals(dir.resolve("case.key"), c.keyFile());
    assertEquals(dir.resolve("o/case-7-rejects.tsv"), c.rejectsFile());
    assertEquals(NightlyConfig.DEFAULT_REPLICAS,
        new NightlyConfigLoader().load(write("engine: opensearch\nurl: http://h:9200\nkey: k\n" + COMMON))
            .cluster().replicas());
  }

  @Test
  void anUnknownEngineIsNamedWithItsLine() throws Exception {
    assertEquals("analyzer: config CFG:2: key 'engine' must be lucene (the embedded index, default) or opensearch;"
        + " got: elastic", refused("index: idx\nengine: elastic\n" + COMMON));
  }

  @Test
  void aClusterWithoutUrlOrKeyPointsAtTheEngineLine() throws Exception {
    assertEquals("analyzer: config CFG:2: key 'url' is required with engine: opensearch (http://host:9200 or"
        + " https://host:9200)", refused("key: k\nengine: opensearch\n" + COMMON));
    assertEquals("analyzer: config CFG:1: key 'key' is required with engine: opensearch (the case key, the same on"
        + " every machine of the case)", refused("engine: opensearch\nurl: http://h:9200\n" + COMMON));
  }

  @Test
  void badClusterValuesAreNamedWithTheirLines() throws Exception {
    String head = "engine: opensearch\nkey: k\n";
    assertEquals("analyzer: config CFG:3: key 'url' must be http://host:port or https://host:port; got: ftp://h",
        refused(head + "url: ftp://h\n" + COMMON));
    assertEquals("analyzer: config CFG:4: key 'credentials' must be a readable file holding one line user:password;"
        + " got: " + dir.resolve("missing"), refused(head + "url: http://h:9200\ncredentials: missing\n" + COMMON));
    assertEquals("analyzer: config CFG:4: key 'index-prefix' must be lower-case letters, digits, '-' or '_'; got:"
        + " Case", refused(head + "url: http://h:9200\nindex-prefix: Case\n" + COMMON));
    assertEquals("analyzer: config CFG:4: key 'replicas' must be a whole number, 0 or more; got: -1",
        refused(head + "url: http://h:9200\nreplicas: -1\n" + COMMON));
    assertEquals("analyzer: config CFG:1: key 'index' is for the embedded index: with engine: opensearch the events"
        + " and the run's state are on the cluster", refused("index: idx\n" + head + "url: http://h:9200\n" + COMMON));
  }

  @Test
  void clusterKeysAreRefusedOnTheEmbeddedIndex() throws Exception {
    assertEquals("analyzer: config CFG:2: key 'url' applies only with engine: opensearch",
        refused("index: idx\nurl: http://h:9200\n" + COMMON));
  }
}
