package org.apiaudit.nightly;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apiaudit.Durations;
import org.apiaudit.UserException;
import org.apiaudit.engine.EngineKind;
import org.apiaudit.engine.opensearch.OpenSearchConnection;
import org.apiaudit.engine.opensearch.OpenSearchLayout;
import org.apiaudit.rules.RuleMeta;
import org.apiaudit.rules.YamlNodes;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;

/**
 * Reads a nightly YAML config and checks every value at once, so a typo fails at 02:00 with
 * a message naming the key and the bad value instead of half-way through a run.
 *
 * <p>Relative paths (index, key, rules, out, sources, credentials) are relative to the config
 * file's folder, so a config works the same from cron, systemd or a shell. Errors name the file
 * and the line of the key at fault ({@code config nightly.yml:7: key 'engine' ...}).
 */
public final class NightlyConfigLoader {
  static final Set<String> KEYS = Set.of("index", "key", "sources", "rules", "out", "retention", "fail-on",
      "history", "escalation-factor", "format", "timezone", "report-timezone", "case-name", "engine", "url",
      "credentials", "index-prefix", "replicas");
  /** The keys that say how to reach a cluster: only with {@code engine: opensearch}. */
  static final List<String> CLUSTER_KEYS = List.of("url", "credentials", "index-prefix", "replicas");

  /** Loads and validates {@code file}; every problem is a {@link UserException} (exit 2). */
  public NightlyConfig load(Path file) {
    Node root;
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      root = new Compose(LoadSettings.builder().setLabel(file.toString()).build()).composeReader(r).orElse(null);
    } catch (IOException e) {
      throw new UserException("cannot read config " + file + ": " + e.getMessage());
    } catch (YamlEngineException e) {
      throw new UserException("config " + file + " is not valid YAML: " + e.getMessage().replace('\n', ' '));
    }
    if (!(root instanceof MappingNode map)) {
      throw new UserException("config " + file + " must be a YAML mapping of settings; got: "
          + (root == null ? "an empty file" : root.getNodeType().toString().toLowerCase(Locale.ROOT)));
    }
    Settings s = new Settings(file, file.toAbsolutePath().getParent(), new LinkedHashMap<>(), new LinkedHashMap<>());
    for (NodeTuple t : map.getValue()) {
      String k = String.valueOf(YamlNodes.scalarOrNull(t.getKeyNode()));
      s.lines().put(k, YamlNodes.line(t.getKeyNode()));
      if (!KEYS.contains(k)) {
        throw s.error(k, "is not a setting (known: " + String.join(", ", KEYS.stream().sorted().toList()) + ")", null);
      }
      s.values().put(k, YamlNodes.plain(t.getValueNode()));
    }
    EngineKind engine = s.engine();
    try {
      return new NightlyConfig(
          engine,
          engine == EngineKind.LUCENE ? s.path("index", true) : s.absent("index", "is for the embedded index: with"
              + " engine: opensearch the events and the run's state are on the cluster"),
          engine == EngineKind.OPENSEARCH ? s.cluster() : s.noClusterKeys(),
          engine == EngineKind.OPENSEARCH ? s.requiredWith("key", "the case key, the same on every machine of the case")
              : s.path("key", false),
          s.sources(),
          s.path("rules", true),
          s.path("out", true),
          s.duration("retention", 0),
          s.level("fail-on", NightlyConfig.DEFAULT_FAIL_ON),
          s.duration("history", NightlyConfig.DEFAULT_HISTORY_MS),
          s.number("escalation-factor", NightlyConfig.DEFAULT_ESCALATION_FACTOR),
          s.string("format", null),
          s.zone("timezone", ZoneId.of("UTC")),
          s.zone("report-timezone", ZoneId.systemDefault()),
          s.string("case-name", NightlyConfig.DEFAULT_CASE_NAME));
    } catch (IllegalArgumentException e) {
      throw new UserException("config " + file + ": " + e.getMessage());
    }
  }

  /** Typed access to the raw values, each error naming its key and the key's line. */
  private record Settings(Path file, Path base, Map<String, Object> values, Map<String, Integer> lines) {
    UserException error(String key, String problem, Object value) {
      return errorAt(key, key, problem, value);
    }

    /** An error about {@code key} at the line of {@code lineOf}: for a missing key, the one that needs it. */
    UserException errorAt(String key, String lineOf, String problem, Object value) {
      Integer line = lines.get(lineOf);
      return new UserException("config " + file + (line == null || line == 0 ? "" : ":" + line) + ": key '" + key
          + "' " + problem + (value == null ? "" : "; got: " + value));
    }

    EngineKind engine() {
      String s = string("engine", "lucene").toLowerCase(Locale.ROOT);
      return switch (s) {
        case "lucene" -> EngineKind.LUCENE;
        case "opensearch" -> EngineKind.OPENSEARCH;
        default -> throw error("engine", "must be lucene (the embedded index, default) or opensearch", s);
      };
    }

    NightlyConfig.Cluster cluster() {
      String url = string("url", null);
      if (url == null) {
        throw errorAt("url", "engine", "is required with engine: opensearch (http://host:9200 or https://host:9200)",
            null);
      }
      java.net.URI uri;
      try {
        uri = OpenSearchConnection.parseUrl(url);
      } catch (IllegalArgumentException e) {
        throw error("url", e.getMessage(), null);
      }
      Path credentials = path("credentials", false);
      if (credentials != null && !Files.isReadable(credentials)) {
        throw error("credentials", "must be a readable file holding one line user:password", credentials);
      }
      OpenSearchLayout layout;
      String prefix = string("index-prefix", OpenSearchLayout.DEFAULT_PREFIX);
      try {
        layout = new OpenSearchLayout(prefix);
      } catch (IllegalArgumentException e) {
        throw error("index-prefix", "must be lower-case letters, digits, '-' or '_'", prefix);
      }
      return new NightlyConfig.Cluster(uri, credentials, layout, replicas());
    }

    private int replicas() {
      String s = string("replicas", null);
      if (s == null) {
        return NightlyConfig.DEFAULT_REPLICAS;
      }
      try {
        int n = Integer.parseInt(s);
        if (n >= 0) {
          return n;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
      throw error("replicas", "must be a whole number, 0 or more", s);
    }

    /** Null: none of the cluster keys may be set on the embedded engine. */
    NightlyConfig.Cluster noClusterKeys() {
      for (String k : CLUSTER_KEYS) {
        if (values.containsKey(k)) {
          throw error(k, "applies only with engine: opensearch", null);
        }
      }
      return null;
    }

    /** Null: {@code key} must not be set. */
    Path absent(String key, String why) {
      if (values.containsKey(key)) {
        throw error(key, why, null);
      }
      return null;
    }

    Path requiredWith(String key, String what) {
      Path p = path(key, false);
      if (p == null) {
        throw errorAt(key, "engine", "is required with engine: opensearch (" + what + ")", null);
      }
      return p;
    }

    String string(String key, String fallback) {
      Object v = values.get(key);
      if (v == null) {
        return fallback;
      }
      if (v instanceof Map || v instanceof List) {
        throw error(key, "must be a single value", v);
      }
      String s = v.toString().trim();
      if (s.isEmpty()) {
        throw error(key, "must not be empty", "''");
      }
      return s;
    }

    String level(String key, String fallback) {
      String s = string(key, fallback).toLowerCase(Locale.ROOT);
      if (RuleMeta.rank(s) < 0) {
        throw error(key, "must be one of " + String.join(", ", RuleMeta.LEVELS), s);
      }
      return s;
    }

    Path path(String key, boolean required) {
      String s = string(key, null);
      if (s == null) {
        if (required) {
          throw error(key, "is required", null);
        }
        return null;
      }
      return base.resolve(s).normalize();
    }

    long duration(String key, long fallback) {
      String s = string(key, null);
      if (s == null) {
        return fallback;
      }
      if (s.equals("0") || s.equalsIgnoreCase("off")) {
        return 0;
      }
      try {
        return Durations.parseMillis(s);
      } catch (UserException e) {
        throw error(key, "must be a duration such as 12h, 30d or 180d (or off)", s);
      }
    }

    double number(String key, double fallback) {
      String s = string(key, null);
      if (s == null) {
        return fallback;
      }
      try {
        double d = Double.parseDouble(s);
        if (!(d > 1.0) || Double.isInfinite(d)) {
          throw error(key, "must be a number greater than 1", s);
        }
        return d;
      } catch (NumberFormatException e) {
        throw error(key, "must be a number greater than 1", s);
      }
    }

    ZoneId zone(String key, ZoneId fallback) {
      String s = string(key, null);
      if (s == null) {
        return fallback;
      }
      try {
        return ZoneId.of(s);
      } catch (DateTimeException e) {
        throw error(key, "must be a time zone such as UTC or Asia/Kolkata", s);
      }
    }

    List<String> sources() {
      Object v = values.get("sources");
      if (v == null) {
        throw error("sources", "is required (a list of folders or globs)", null);
      }
      List<?> raw = v instanceof List<?> l ? l : List.of(v);
      List<String> out = new ArrayList<>();
      for (Object o : raw) {
        if (o == null || o instanceof Map || o instanceof List || o.toString().isBlank()) {
          throw error("sources", "must list folders or globs, one string per item", o);
        }
        out.add(base.resolve(o.toString().trim()).normalize().toString());
      }
      if (out.isEmpty()) {
        throw error("sources", "must list at least one folder or glob", "[]");
      }
      return out;
    }
  }
}
