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
import org.apiaudit.rules.RuleMeta;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * Reads a nightly YAML config and checks every value at once, so a typo fails at 02:00 with
 * a message naming the key and the bad value instead of half-way through a run.
 *
 * <p>Relative paths (index, key, rules, out, sources) are relative to the config file's
 * folder, so a config works the same from cron, systemd or a shell.
 */
public final class NightlyConfigLoader {
  static final Set<String> KEYS = Set.of("index", "key", "sources", "rules", "out", "retention", "fail-on",
      "history", "escalation-factor", "format", "timezone", "report-timezone", "case-name");

  /** Loads and validates {@code file}; every problem is a {@link UserException} (exit 2). */
  public NightlyConfig load(Path file) {
    Object root;
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      root = new Load(LoadSettings.builder().setLabel(file.toString()).build()).loadFromReader(r);
    } catch (IOException e) {
      throw new UserException("cannot read config " + file + ": " + e.getMessage());
    } catch (YamlEngineException e) {
      throw new UserException("config " + file + " is not valid YAML: " + e.getMessage().replace('\n', ' '));
    }
    if (!(root instanceof Map<?, ?> map)) {
      throw new UserException("config " + file + " must be a YAML mapping of settings; got: "
          + (root == null ? "an empty file" : root.getClass().getSimpleName()));
    }
    Map<String, Object> values = new LinkedHashMap<>();
    for (Map.Entry<?, ?> e : map.entrySet()) {
      String k = String.valueOf(e.getKey());
      if (!KEYS.contains(k)) {
        throw error(file, k, "is not a setting (known: " + String.join(", ", KEYS.stream().sorted().toList()) + ")", null);
      }
      values.put(k, e.getValue());
    }
    Path base = file.toAbsolutePath().getParent();
    Settings s = new Settings(file, base, values);
    try {
      return new NightlyConfig(
          s.path("index", true),
          s.path("key", false),
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

  private static UserException error(Path file, String key, String problem, Object value) {
    return new UserException("config " + file + ": key '" + key + "' " + problem
        + (value == null ? "" : "; got: " + value));
  }

  /** Typed access to the raw values, each error naming its key. */
  private record Settings(Path file, Path base, Map<String, Object> values) {
    String string(String key, String fallback) {
      Object v = values.get(key);
      if (v == null) {
        return fallback;
      }
      if (v instanceof Map || v instanceof List) {
        throw error(file, key, "must be a single value", v);
      }
      String s = v.toString().trim();
      if (s.isEmpty()) {
        throw error(file, key, "must not be empty", "''");
      }
      return s;
    }

    String level(String key, String fallback) {
      String s = string(key, fallback).toLowerCase(Locale.ROOT);
      if (RuleMeta.rank(s) < 0) {
        throw error(file, key, "must be one of " + String.join(", ", RuleMeta.LEVELS), s);
      }
      return s;
    }

    Path path(String key, boolean required) {
      String s = string(key, null);
      if (s == null) {
        if (required) {
          throw error(file, key, "is required", null);
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
        throw error(file, key, "must be a duration such as 12h, 30d or 180d (or off)", s);
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
          throw error(file, key, "must be a number greater than 1", s);
        }
        return d;
      } catch (NumberFormatException e) {
        throw error(file, key, "must be a number greater than 1", s);
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
        throw error(file, key, "must be a time zone such as UTC or Asia/Kolkata", s);
      }
    }

    List<String> sources() {
      Object v = values.get("sources");
      if (v == null) {
        throw error(file, "sources", "is required (a list of folders or globs)", null);
      }
      List<?> raw = v instanceof List<?> l ? l : List.of(v);
      List<String> out = new ArrayList<>();
      for (Object o : raw) {
        if (o == null || o instanceof Map || o instanceof List || o.toString().isBlank()) {
          throw error(file, "sources", "must list folders or globs, one string per item", o);
        }
        out.add(base.resolve(o.toString().trim()).normalize().toString());
      }
      if (out.isEmpty()) {
        throw error(file, "sources", "must list at least one folder or glob", "[]");
      }
      return out;
    }
  }
}
