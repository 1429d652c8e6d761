package org.apiaudit.rules;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apiaudit.Durations;
import org.apiaudit.schema.Field;

/**
 * The one place that declares every correlation type's {@code x-apiaudit} parameters: name,
 * type, default and range. A rule is checked against it when loaded (so {@code rules lint},
 * {@code detect} and {@code investigate} refuse {@code min-events: lots} or a misspelt
 * {@code max-gapp} with file:line before anything runs), and correlators read the typed,
 * default-filled values from {@link CorrelationRule#param} and {@link CorrelationRule#durationParam}.
 *
 * <p>Sigma's own types take no extension parameters; every rule may carry the rule-level keys
 * ({@link #RULE_KEYS}) that the verdict step reads.
 */
public final class CorrelationParameters {
  /** How a parameter's value is written and read. */
  public enum Kind { INTEGER, NUMBER, DURATION, FIELD, TEXT }

  /**
   * One parameter.
   *
   * @param name the key in {@code x-apiaudit}
   * @param kind its type
   * @param fallback the default, already typed (Long, Double, Long ms, field name), or null: none
   * @param min smallest allowed number (durations in ms), inclusive
   * @param max largest allowed number, inclusive
   * @param allowed for text, the allowed values; empty: any
   */
  public record Param(String name, Kind kind, Object fallback, double min, double max, Set<String> allowed) {
    String describe() {
      String range = kind == Kind.INTEGER || kind == Kind.NUMBER
          ? " in [" + fmt(min) + ", " + fmt(max) + "]" : "";
      String values = allowed.isEmpty() ? "" : " (one of " + String.join(", ", new TreeSet<>(allowed)) + ")";
      return name + ": " + kind.name().toLowerCase(java.util.Locale.ROOT) + range + values
          + (fallback == null ? "" : ", default " + fallback);
    }
  }

  /** Keys any rule's top-level {@code x-apiaudit} block may carry (read by the verdict step). */
  public static final Map<String, Param> RULE_KEYS = index(List.of(
      text("verdict", null, Set.of("scraping", "credential-misuse", "benign-automation", "suspicious")),
      text("weight", null, Set.of("strong", "supporting")),
      text("rationale", null, Set.of()),
      new Param("actor", Kind.FIELD, null, 0, 0, Set.of()),
      integer("min-matches", 1, 1, Integer.MAX_VALUE)));

  private static final long HOUR = 3_600_000L;
  private static final long DAY = 24 * HOUR;
  private static final Map<CorrelationType, Map<String, Param>> BY_TYPE = new EnumMap<>(CorrelationType.class);

  static {
    for (CorrelationType t : CorrelationType.values()) {
      BY_TYPE.put(t, Map.of());
    }
    BY_TYPE.put(CorrelationType.FOLLOWED, index(List.of(
        new Param("join", Kind.FIELD, null, 0, 0, Set.of()),
        integer("min-events", 10, 1, Integer.MAX_VALUE))));
    BY_TYPE.put(CorrelationType.CADENCE, index(List.of(
        integer("min-events", 30, 3, Integer.MAX_VALUE),
        duration("max-gap", HOUR))));
    BY_TYPE.put(CorrelationType.BASELINE, index(List.of(
        duration("period", DAY),
        integer("min-history", 2, 1, 365),
        integer("min-peers", 3, 1, Integer.MAX_VALUE),
        number("peer-percentile", 95, 0, 100),
        number("min-value", 0, 0, Double.MAX_VALUE),
        integer("utc-offset-minutes", 330, -14 * 60, 14 * 60))));
    BY_TYPE.put(CorrelationType.WALK, index(List.of(
        integer("max-gap", 3, 1, 999),
        integer("max-blocks", 100_000, 1, Integer.MAX_VALUE),
        integer("cap", 1_000_000, 1, Integer.MAX_VALUE))));
    BY_TYPE.put(CorrelationType.NIGHT, index(List.of(
        integer("from-hour", 0, 0, 23),
        integer("to-hour", 5, 1, 24),
        integer("utc-offset-minutes", 330, -14 * 60, 14 * 60),
        integer("min-events", 20, 1, Integer.MAX_VALUE))));
    BY_TYPE.put(CorrelationType.NOVELTY, index(List.of(
        duration("history", DAY),
        integer("min-events", 20, 1, Integer.MAX_VALUE))));
    BY_TYPE.put(CorrelationType.SPREAD, index(List.of(
        integer("min-subjects", 100, 1, Integer.MAX_VALUE),
        integer("min-ips", 1, 1, Integer.MAX_VALUE),
        number("max-top-ip-share", 1.0, 0, 1),
        new Param("cap", Kind.INTEGER, null, 1, Integer.MAX_VALUE, Set.of()))));
  }

  private CorrelationParameters() {}

  /** The parameters {@code type} declares, by name. */
  public static Map<String, Param> of(CorrelationType type) {
    return BY_TYPE.get(type);
  }

  /**
   * Checks a correlation's parameters: every key declared by its type or a rule-level key, every
   * value of its declared type and range. Returns the typed values with defaults filled in.
   *
   * @param raw the merged {@code x-apiaudit} values as written (strings)
   * @param lineOf where each key was written, for the error
   */
  static Map<String, Object> check(CorrelationType type, Map<String, Object> raw, FieldMapping mapping,
      java.util.function.Function<String, RuleLocation> lineOf) {
    Map<String, Param> declared = BY_TYPE.get(type);
    Map<String, Object> out = new LinkedHashMap<>();
    for (Param p : declared.values()) {
      if (p.fallback() != null) {
        out.put(p.name(), p.fallback());
      }
    }
    for (Map.Entry<String, Object> e : raw.entrySet()) {
      String key = e.getKey();
      Param p = declared.containsKey(key) ? declared.get(key) : RULE_KEYS.get(key);
      if (p == null) {
        List<String> known = new ArrayList<>(declared.keySet());
        known.addAll(RULE_KEYS.keySet());
        throw lineOf.apply(key).error("x-apiaudit." + key, "unknown parameter for " + type.sigmaName()
            + " (declared: " + String.join(", ", known) + ")");
      }
      out.put(key, parse(p, e.getValue(), mapping, lineOf.apply(key)));
    }
    return out;
  }

  /** Checks a detection rule's top-level {@code x-apiaudit} keys. */
  static Map<String, Object> checkRuleKeys(Map<String, Object> raw, FieldMapping mapping,
      java.util.function.Function<String, RuleLocation> lineOf) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : raw.entrySet()) {
      Param p = RULE_KEYS.get(e.getKey());
      if (p == null) {
        throw lineOf.apply(e.getKey()).error("x-apiaudit." + e.getKey(), "unknown key (declared for every rule: "
            + String.join(", ", RULE_KEYS.keySet()) + ")");
      }
      out.put(e.getKey(), parse(p, e.getValue(), mapping, lineOf.apply(e.getKey())));
    }
    return out;
  }

  private static Object parse(Param p, Object value, FieldMapping mapping, RuleLocation loc) {
    String key = "x-apiaudit." + p.name();
    if (!(value instanceof String s)) {
      throw loc.error(key, "must be a single value (" + p.describe() + ")");
    }
    switch (p.kind()) {
      case INTEGER:
      case NUMBER: {
        double v;
        try {
          v = Double.parseDouble(s.trim());
        } catch (NumberFormatException ex) {
          throw loc.error(key, "must be " + (p.kind() == Kind.INTEGER ? "a whole number" : "a number") + "; got: " + s
              + " (" + p.describe() + ")");
        }
        if (p.kind() == Kind.INTEGER && v != Math.rint(v) || Double.isNaN(v) || v < p.min() || v > p.max()) {
          throw loc.error(key, "out of range: " + s + " (" + p.describe() + ")");
        }
        return p.kind() == Kind.INTEGER ? (Object) (long) v : (Object) v;
      }
      case DURATION:
        try {
          return Durations.parseTimespan(s);
        } catch (IllegalArgumentException ex) {
          throw loc.error(key, ex.getMessage());
        }
      case FIELD: {
        Field f = mapping.resolve(s);
        if (f == null || !f.hasDocValues() || f.isNumeric()) {
          throw loc.error(key, "must name a keyword field with doc values; got: " + s);
        }
        return f.fieldName();
      }
      default:
        if (!p.allowed().isEmpty() && !p.allowed().contains(s)) {
          throw loc.error(key, "must be one of " + String.join(", ", new TreeSet<>(p.allowed())) + "; got: " + s);
        }
        return s;
    }
  }

  private static Map<String, Param> index(List<Param> params) {
    Map<String, Param> out = new LinkedHashMap<>();
    for (Param p : params) {
      out.put(p.name(), p);
    }
    return java.util.Collections.unmodifiableMap(out);
  }

  private static Param integer(String name, long fallback, double min, double max) {
    return new Param(name, Kind.INTEGER, fallback, min, max, Set.of());
  }

  private static Param number(String name, double fallback, double min, double max) {
    return new Param(name, Kind.NUMBER, fallback, min, max, Set.of());
  }

  private static Param duration(String name, long fallbackMs) {
    return new Param(name, Kind.DURATION, fallbackMs, 1, Double.MAX_VALUE, Set.of());
  }

  private static Param text(String name, String fallback, Set<String> allowed) {
    return new Param(name, Kind.TEXT, fallback, 0, 0, allowed);
  }

  private static String fmt(double d) {
    return d == Math.rint(d) && Math.abs(d) < 1e15 ? String.valueOf((long) d) : d >= Double.MAX_VALUE ? "inf" : String.valueOf(d);
  }
}
