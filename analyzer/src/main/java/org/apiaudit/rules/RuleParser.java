package org.apiaudit.rules;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.apiaudit.Durations;
import org.apiaudit.schema.Field;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Turns one YAML document (a composed node tree) into a {@link DetectionRule} or a
 * {@link CorrelationRule}, checking every construct: an unsupported modifier, field, logsource
 * or correlation type is an error naming the file:line, the rule id and the YAML key.
 */
public final class RuleParser {
  private static final Pattern UUID =
      Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
  /** Modifiers that need transformations of raw bytes we do not have, named in the error. */
  private static final Set<String> REJECTED = Set.of("windash", "base64", "utf16le",
      "utf16be", "utf16", "wide", "expand");
  /** Logsources we can run: Sigma's webserver category and this project's gateway. */
  private static final Set<String> CATEGORIES = Set.of("webserver", "proxy");
  private static final String PRODUCT = "apiaudit";
  /** The keys a correlation block may have (Sigma's, {@code field} as older rules write it, our extension block). */
  private static final List<String> CORRELATION_KEYS = List.of("type", "rules", "group-by", "timespan", "timeframe",
      "condition", "generate", "aliases", "field", "x-apiaudit");

  private final FieldMapping mapping;
  private final boolean allowProxyRules;

  public RuleParser(FieldMapping mapping) {
    this(mapping, false);
  }

  /** A parser that accepts {@code category: proxy} rules when {@code allowProxyRules}. */
  public RuleParser(FieldMapping mapping, boolean allowProxyRules) {
    this.mapping = mapping;
    this.allowProxyRules = allowProxyRules;
  }

  /** Parses a rule document; {@code file} is relative to the rules folder. */
  public Rule parse(Node root, String file, String sha256) {
    RuleLocation loc = new RuleLocation(file, YamlNodes.line(root), null);
    if (!(root instanceof MappingNode map)) {
      throw loc.error(null, "a rule must be a YAML mapping");
    }
    Map<String, NodeTuple> e = YamlNodes.entries(map);
    String id = scalar(e, "id", loc);
    loc = loc.withRule(id == null ? "(no id)" : id);
    if (id == null) {
      throw loc.error("id", "is missing (every rule needs a UUID id)");
    }
    if (!UUID.matcher(id).matches()) {
      throw at(loc, e.get("id")).error("id", "must be a UUID; got: " + id);
    }
    String title = scalar(e, "title", loc);
    if (title == null) {
      throw loc.error("title", "is missing");
    }
    String level = scalar(e, "level", loc);
    if (level == null && !e.containsKey("correlation")) {
      throw loc.error("level", "is missing (one of " + RuleMeta.LEVELS + ")");
    }
    if (level != null && RuleMeta.rank(level) < 0) {
      throw at(loc, e.get("level")).error("level", "must be one of " + RuleMeta.LEVELS + "; got: " + level);
    }
    String modified = scalar(e, "modified", loc);
    @SuppressWarnings("unchecked")
    Map<String, Object> ext = e.containsKey("x-apiaudit") && YamlNodes.plain(e.get("x-apiaudit").getValueNode()) instanceof Map<?, ?> m
        ? (Map<String, Object>) m : Map.of();
    if (!e.containsKey("correlation")) {
      CorrelationParameters.checkRuleKeys(ext, mapping, keyLines(e.get("x-apiaudit"), loc));
    }
    RuleMeta meta = new RuleMeta(id, scalar(e, "name", loc), title, scalar(e, "status", loc),
        scalar(e, "description", loc), level == null ? "medium" : level, strings(e, "tags", loc),
        strings(e, "references", loc), strings(e, "falsepositives", loc),
        modified != null ? modified : scalar(e, "date", loc), file, sha256, loc, withoutNulls(ext));
    if (e.containsKey("correlation")) {
      return parseCorrelation(meta, e.get("correlation"), e.get("x-apiaudit"), loc);
    }
    checkLogsource(e, loc);
    NodeTuple detection = e.get("detection");
    if (detection == null || !(detection.getValueNode() instanceof MappingNode)) {
      throw loc.error("detection", "is missing or not a mapping");
    }
    return parseDetection(meta, (MappingNode) detection.getValueNode(), loc);
  }

  private static Map<String, Object> withoutNulls(Map<String, Object> m) {
    Map<String, Object> out = new LinkedHashMap<>();
    m.forEach((k, v) -> {
      if (k != null && v != null) {
        out.put(k, v);
      }
    });
    return out;
  }

  private void checkLogsource(Map<String, NodeTuple> e, RuleLocation loc) {
    NodeTuple ls = e.get("logsource");
    if (ls == null || !(ls.getValueNode() instanceof MappingNode m)) {
      throw loc.error("logsource", "is missing or not a mapping");
    }
    Map<String, NodeTuple> le = YamlNodes.entries(m);
    String category = scalar(le, "category", loc);
    String product = scalar(le, "product", loc);
    if ("proxy".equals(category) && !allowProxyRules) {
      throw at(loc, ls).error("logsource", "category proxy is refused: proxy rules describe outbound client traffic"
          + " seen by a forward proxy, and on an inbound gateway or web server log they flag ordinary clients;"
          + " give --allow-proxy-rules to run them anyway");
    }
    boolean ok = (category != null && CATEGORIES.contains(category)) || PRODUCT.equals(product);
    if (!ok) {
      throw at(loc, ls).error("logsource", "unsupported log source (category " + category + ", product "
          + product + "); this analyzer reads web access logs: use category webserver or product " + PRODUCT);
    }
  }

  private DetectionRule parseDetection(RuleMeta meta, MappingNode detection, RuleLocation loc) {
    List<Selection> selections = new ArrayList<>();
    Node condition = null;
    for (NodeTuple t : detection.getValue()) {
      String name = YamlNodes.scalarOrNull(t.getKeyNode());
      RuleLocation here = at(loc, t);
      if ("condition".equals(name)) {
        condition = t.getValueNode();
      } else if ("timeframe".equals(name)) {
        throw here.error("detection.timeframe", "is deprecated and not supported; write a correlation rule with timespan");
      } else {
        selections.add(parseSelection(name, t.getValueNode(), here));
      }
    }
    if (condition == null) {
      throw loc.error("detection.condition", "is missing");
    }
    List<String> names = selections.stream().map(Selection::name).toList();
    RuleLocation cl = loc.at(YamlNodes.line(condition));
    String text;
    Condition parsed;
    if (condition instanceof SequenceNode seq) {
      // A list of conditions means any of them (Sigma).
      List<Condition> alts = new ArrayList<>();
      List<String> texts = new ArrayList<>();
      for (Node n : seq.getValue()) {
        String s = YamlNodes.scalarOrNull(n);
        texts.add(s);
        alts.add(ConditionParser.parse(s == null ? "" : s, names, cl));
      }
      text = String.join(" or ", texts);
      parsed = alts.size() == 1 ? alts.get(0) : new Condition.Or(alts);
    } else {
      text = YamlNodes.scalarOrNull(condition);
      parsed = ConditionParser.parse(text == null ? "" : text, names, cl);
    }
    return new DetectionRule(meta, selections, parsed, text);
  }

  private Selection parseSelection(String name, Node value, RuleLocation loc) {
    String key = "detection." + name;
    List<List<FieldMatch>> alternatives = new ArrayList<>();
    if (value instanceof MappingNode m) {
      alternatives.add(parseMap(key, m, loc));
    } else if (value instanceof SequenceNode seq) {
      List<String> keywords = new ArrayList<>();
      for (Node item : seq.getValue()) {
        if (item instanceof MappingNode m) {
          alternatives.add(parseMap(key, m, at(loc, item)));
        } else if (item instanceof ScalarNode) {
          keywords.add(YamlNodes.scalarOrNull(item));
        } else {
          throw at(loc, item).error(key, "list items must be maps or keyword strings");
        }
      }
      if (!keywords.isEmpty()) {
        if (!alternatives.isEmpty()) {
          throw loc.error(key, "mixes keyword strings and maps in one list");
        }
        alternatives.add(List.of(new FieldMatch(FieldMatch.KEYWORDS, mapping.keywordFields(),
            Set.of(Modifier.CONTAINS), keywords, loc)));
      }
    } else if (value instanceof ScalarNode) {
      alternatives.add(List.of(new FieldMatch(FieldMatch.KEYWORDS, mapping.keywordFields(), Set.of(Modifier.CONTAINS),
          java.util.Collections.singletonList(YamlNodes.scalarOrNull(value)), loc)));
    }
    if (alternatives.isEmpty()) {
      throw loc.error(key, "is empty");
    }
    return new Selection(name, alternatives);
  }

  private List<FieldMatch> parseMap(String key, MappingNode m, RuleLocation loc) {
    List<FieldMatch> matches = new ArrayList<>();
    for (NodeTuple t : m.getValue()) {
      String spec = YamlNodes.scalarOrNull(t.getKeyNode());
      RuleLocation here = at(loc, t);
      if (spec == null) {
        throw here.error(key, "has an empty field name");
      }
      String[] parts = spec.split("\\|", -1);
      String fieldKey = key + "." + spec;
      Set<Modifier> mods = EnumSet.noneOf(Modifier.class);
      for (int i = 1; i < parts.length; i++) {
        String mod = parts[i];
        if (REJECTED.contains(mod)) {
          throw here.error(fieldKey, "modifier '" + mod + "' is not supported by this analyzer (web access logs"
              + " carry no command lines or encoded payload fields)");
        }
        Modifier parsed = Modifier.of(mod);
        if (parsed == null && Modifier.of(mod.toLowerCase(java.util.Locale.ROOT)) != null) {
          throw here.error(fieldKey, "modifiers are lower case: write '" + mod.toLowerCase(java.util.Locale.ROOT)
              + "', not '" + mod + "'");
        }
        if (parsed == null) {
          throw here.error(fieldKey, "unknown modifier '" + mod + "'");
        }
        if (parsed.isRegexFlag() && !mods.contains(Modifier.RE)) {
          throw here.error(fieldKey, "'" + mod + "' is a sub-modifier of re only (|re|" + mod + "); other matching is"
              + " case-insensitive unless |cased");
        }
        mods.add(parsed);
      }
      if (mods.contains(Modifier.BASE64OFFSET) && !mods.contains(Modifier.CONTAINS)) {
        throw here.error(fieldKey, "base64offset needs contains (base64offset|contains): the encoded value sits"
            + " inside a longer encoded string");
      }
      if (mods.stream().filter(x -> x.timePart() != null).count() > 1) {
        throw here.error(fieldKey, "one time modifier per field (minute, hour, day, week, month or year)");
      }
      List<Field> fields;
      if (parts[0].isEmpty()) {
        fields = mapping.keywordFields();
        mods.add(Modifier.CONTAINS);
      } else {
        fields = mapping.matchFields(parts[0]);
        if (fields.isEmpty()) {
          throw here.error(fieldKey, "unknown field '" + parts[0] + "' (not a Sigma webserver field in "
              + FieldMapping.RESOURCE + ", nor a schema field or alias)");
        }
      }
      List<String> values = new ArrayList<>();
      Node v = t.getValueNode();
      if (v instanceof SequenceNode seq) {
        for (Node item : seq.getValue()) {
          if (!(item instanceof ScalarNode)) {
            throw at(here, item).error(fieldKey, "values must be scalars");
          }
          values.add(YamlNodes.scalarOrNull(item));
        }
      } else if (v instanceof ScalarNode) {
        values.add(YamlNodes.scalarOrNull(v));
      } else {
        throw here.error(fieldKey, "value must be a scalar or a list of scalars");
      }
      if (values.isEmpty()) {
        throw here.error(fieldKey, "has an empty value list");
      }
      if (mods.contains(Modifier.FIELDREF)) {
        values = referencedFields(values, fieldKey, here);
      }
      if (mods.remove(Modifier.BASE64OFFSET)) {
        values = Base64Offsets.variants(values);
        mods.add(Modifier.CASED); // base64 text is case-sensitive
      }
      matches.add(new FieldMatch(spec, fields, mods, values, here));
    }
    if (matches.isEmpty()) {
      throw loc.error(key, "is an empty map");
    }
    return matches;
  }

  /** The schema names of the fields a {@code |fieldref} names. */
  private List<String> referencedFields(List<String> names, String key, RuleLocation loc) {
    List<String> out = new ArrayList<>();
    for (String n : names) {
      Field f = n == null ? null : mapping.resolve(n);
      if (f == null) {
        throw loc.error(key, "fieldref names unknown field '" + n + "'");
      }
      out.add(f.fieldName());
    }
    return out;
  }

  private CorrelationRule parseCorrelation(RuleMeta meta, NodeTuple corr, NodeTuple topLevelExtension, RuleLocation loc) {
    if (!(corr.getValueNode() instanceof MappingNode m)) {
      throw at(loc, corr).error("correlation", "must be a mapping");
    }
    Map<String, NodeTuple> c = YamlNodes.entries(m);
    checkCorrelationKeys(c, loc);
    CorrelationType type = correlationType(c, corr, loc);
    List<String> refs = referencedRules(c, corr, type, loc);
    if (c.containsKey("aliases")) {
      throw at(loc, c.get("aliases")).error("correlation.aliases", "field aliases are not supported yet;"
          + " all rules share the one event schema, so group by the schema field directly");
    }
    List<Field> groupBy = groupBy(c, loc);
    long timespan = timespan(c, corr, type, loc);
    CountCondition condition = countCondition(c, corr, type, refs, timespan, loc);
    Map<String, Object> params = parameters(meta, c, topLevelExtension, type, timespan, loc);
    return new CorrelationRule(meta, type, refs, groupBy, timespan, condition.field(), condition.threshold(),
        "true".equalsIgnoreCase(scalar(c, "generate", loc)), params);
  }

  private static void checkCorrelationKeys(Map<String, NodeTuple> c, RuleLocation loc) {
    for (Map.Entry<String, NodeTuple> k : c.entrySet()) {
      if (!CORRELATION_KEYS.contains(k.getKey())) {
        throw at(loc, k.getValue()).error("correlation." + k.getKey(), "unknown key (Sigma's correlation keys: "
            + String.join(", ", CORRELATION_KEYS) + ")");
      }
    }
  }

  private CorrelationType correlationType(Map<String, NodeTuple> c, NodeTuple corr, RuleLocation loc) {
    String typeName = scalar(c, "type", loc);
    CorrelationType type = typeName == null ? null : CorrelationType.of(typeName);
    if (type == null) {
      throw at(loc, c.getOrDefault("type", corr)).error("correlation.type", "unsupported correlation type '" + typeName
          + "' (supported: event_count, value_count, value_sum, value_avg, value_percentile, temporal,"
          + " temporal_ordered, x-apiaudit/...)");
    }
    return type;
  }

  private List<String> referencedRules(Map<String, NodeTuple> c, NodeTuple corr, CorrelationType type, RuleLocation loc) {
    List<String> refs = strings(c, "rules", loc);
    if (refs.isEmpty()) {
      throw at(loc, corr).error("correlation.rules", "is missing: a correlation references at least one rule");
    }
    if (type == CorrelationType.FOLLOWED && refs.size() != 2) {
      throw at(loc, c.get("rules")).error("correlation.rules", type.sigmaName()
          + " takes exactly two rules: the leading events and the follow-up events");
    }
    return refs;
  }

  /** At most two keyword or IP fields with doc values: what the correlators can key groups by. */
  private List<Field> groupBy(Map<String, NodeTuple> c, RuleLocation loc) {
    List<Field> groupBy = new ArrayList<>();
    for (String g : strings(c, "group-by", loc)) {
      Field f = mapping.resolve(g);
      RuleLocation gl = at(loc, c.get("group-by"));
      if (f == null) {
        throw gl.error("correlation.group-by", "unknown field '" + g + "'");
      }
      if (!f.hasDocValues() || f.isNumeric()) {
        throw gl.error("correlation.group-by", "cannot group by '" + g + "': only keyword and IP fields with"
            + " doc values can be grouped by");
      }
      groupBy.add(f);
    }
    if (groupBy.size() > 2) {
      throw at(loc, c.get("group-by")).error("correlation.group-by", "at most two fields are supported; got " + groupBy.size());
    }
    return groupBy;
  }

  /** The window in ms ({@code timeframe} is Sigma's older spelling), 0 when absent and not needed. */
  private long timespan(Map<String, NodeTuple> c, NodeTuple corr, CorrelationType type, RuleLocation loc) {
    String key = scalar(c, "timespan", loc) == null && c.containsKey("timeframe") ? "timeframe" : "timespan";
    String ts = scalar(c, key, loc);
    if (ts == null) {
      if (type.needsTimespan()) {
        throw at(loc, corr).error("correlation.timespan", "is missing (a sliding window such as 1h)");
      }
      return 0;
    }
    try {
      return Durations.parseTimespan(ts);
    } catch (IllegalArgumentException ex) {
      throw at(loc, c.get(key)).error("correlation." + key, ex.getMessage());
    }
  }

  /** What a correlation counts and the threshold it compares with. */
  private record CountCondition(Field field, Threshold threshold) {}

  private CountCondition countCondition(Map<String, NodeTuple> c, NodeTuple corr, CorrelationType type,
      List<String> refs, long timespan, RuleLocation loc) {
    Field field = null;
    Threshold threshold = null;
    NodeTuple cond = c.get("condition");
    if (cond != null && cond.getValueNode() instanceof MappingNode cm) {
      RuleLocation cl = at(loc, cond);
      for (Map.Entry<String, NodeTuple> ce : YamlNodes.entries(cm).entrySet()) {
        String k = ce.getKey();
        String v = YamlNodes.scalarOrNull(ce.getValue().getValueNode());
        if ("field".equals(k)) {
          field = resolveCountedField(v, cl);
        } else if (Threshold.OPERATORS.contains(k)) {
          if (threshold != null) {
            throw cl.error("correlation.condition", "ranges (two operators) are not supported; use one of "
                + Threshold.OPERATORS);
          }
          try {
            threshold = new Threshold(k, Double.parseDouble(v));
          } catch (NumberFormatException | NullPointerException ex) {
            throw cl.error("correlation.condition." + k, "must be a number; got: " + v);
          }
        } else {
          throw cl.error("correlation.condition." + k, "unknown key (expected field or one of " + Threshold.OPERATORS + ")");
        }
      }
    } else if (cond != null) {
      throw at(loc, cond).error("correlation.condition", "must be a mapping such as {gte: 10}");
    }
    if (field == null && c.containsKey("field")) {
      field = resolveCountedField(scalar(c, "field", loc), at(loc, c.get("field")));
    }
    if (threshold == null) {
      if (type == CorrelationType.TEMPORAL || type == CorrelationType.TEMPORAL_ORDERED) {
        threshold = new Threshold("gte", refs.size());
      } else {
        throw at(loc, corr).error("correlation.condition", "is missing (e.g. {gte: 100})");
      }
    }
    boolean sliding = type == CorrelationType.EVENT_COUNT || type == CorrelationType.VALUE_COUNT
        || (timespan > 0 && (type == CorrelationType.WALK || type == CorrelationType.SPREAD));
    if (sliding && !threshold.upward()) {
      throw at(loc, cond).error("correlation.condition", type.sigmaName()
          + " over sliding windows supports gt and gte only; got " + threshold.op());
    }
    if ((type == CorrelationType.VALUE_COUNT || type == CorrelationType.BASELINE || type == CorrelationType.NOVELTY
        || type.isMetric()) && field == null) {
      throw at(loc, corr).error("correlation.condition.field", "is missing: " + type.sigmaName() + " counts the values of a field");
    }
    if ((type == CorrelationType.VALUE_SUM || type == CorrelationType.VALUE_AVG) && !field.isNumeric()) {
      throw at(loc, cond).error("correlation.condition.field", type.sigmaName() + " needs a numeric field; '"
          + field + "' is not one");
    }
    return new CountCondition(field, threshold);
  }

  /**
   * The type's parameters, checked: they may sit in the correlation's own x-apiaudit block or in
   * the rule's top-level one (the correlation's win).
   */
  private Map<String, Object> parameters(RuleMeta meta, Map<String, NodeTuple> c, NodeTuple topLevelExtension,
      CorrelationType type, long timespan, RuleLocation loc) {
    @SuppressWarnings("unchecked")
    Map<String, Object> params = c.containsKey("x-apiaudit") && YamlNodes.plain(c.get("x-apiaudit").getValueNode()) instanceof Map<?, ?> pm
        ? (Map<String, Object>) pm : Map.of();
    Map<String, Object> merged = new LinkedHashMap<>(meta.extension());
    merged.putAll(withoutNulls(params));
    java.util.function.Function<String, RuleLocation> own = keyLines(c.get("x-apiaudit"), loc);
    java.util.function.Function<String, RuleLocation> top = keyLines(topLevelExtension, loc);
    merged = CorrelationParameters.check(type, merged, mapping, k -> params.containsKey(k) ? own.apply(k) : top.apply(k));
    if (type == CorrelationType.SPREAD && timespan > 0 && params.containsKey("max-top-ip-share")
        || type == CorrelationType.SPREAD && timespan > 0 && meta.extension().containsKey("max-top-ip-share")) {
      throw at(loc, c.get("timespan")).error("correlation.timespan", "cannot be combined with max-top-ip-share, which"
          + " compares each address with the whole window; drop one of them");
    }
    return merged;
  }

  /** Where each key of an {@code x-apiaudit} block was written (the block's line when not found). */
  private static java.util.function.Function<String, RuleLocation> keyLines(NodeTuple block, RuleLocation loc) {
    Map<String, RuleLocation> lines = new LinkedHashMap<>();
    if (block != null && block.getValueNode() instanceof MappingNode m) {
      for (NodeTuple t : m.getValue()) {
        lines.put(YamlNodes.scalarOrNull(t.getKeyNode()), at(loc, t));
      }
    }
    RuleLocation fallback = at(loc, block);
    return k -> lines.getOrDefault(k, fallback);
  }

  private Field resolveCountedField(String name, RuleLocation loc) {
    Field f = name == null ? null : mapping.resolve(name);
    if (f == null) {
      throw loc.error("correlation.condition.field", "unknown field '" + name + "'");
    }
    if (!f.hasDocValues()) {
      throw loc.error("correlation.condition.field", "'" + name + "' has no doc values and cannot be counted");
    }
    return f;
  }

  private static RuleLocation at(RuleLocation loc, NodeTuple t) {
    return t == null ? loc : loc.at(YamlNodes.line(t.getKeyNode()));
  }

  private static RuleLocation at(RuleLocation loc, Node n) {
    return loc.at(YamlNodes.line(n));
  }

  private static String scalar(Map<String, NodeTuple> e, String key, RuleLocation loc) {
    NodeTuple t = e.get(key);
    if (t == null) {
      return null;
    }
    Node v = t.getValueNode();
    if (YamlNodes.isNull(v)) {
      return null;
    }
    if (!(v instanceof ScalarNode)) {
      throw at(loc, t).error(key, "must be a single value");
    }
    return YamlNodes.scalarOrNull(v);
  }

  private static List<String> strings(Map<String, NodeTuple> e, String key, RuleLocation loc) {
    NodeTuple t = e.get(key);
    if (t == null || YamlNodes.isNull(t.getValueNode())) {
      return List.of();
    }
    Node v = t.getValueNode();
    if (v instanceof ScalarNode) {
      return List.of(YamlNodes.scalarOrNull(v));
    }
    if (!(v instanceof SequenceNode seq)) {
      throw at(loc, t).error(key, "must be a list");
    }
    List<String> out = new ArrayList<>();
    for (Node n : seq.getValue()) {
      String s = YamlNodes.scalarOrNull(n);
      if (s == null) {
        throw at(loc, n).error(key, "list items must be strings");
      }
      out.add(s);
    }
    return out;
  }
}
