package org.apiaudit.detect;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * A small, independent evaluator of Sigma detection semantics over a {@link WebRequest}: the
 * oracle the SigmaHQ regression test holds the real engine to. It reads the rule's YAML itself
 * (not the analyzer's parsed rule), parses the condition itself, and matches values with
 * {@link java.util.regex}, so that it shares no code with the compiler it checks.
 *
 * <p>Semantics, from the Sigma specification: values of one field are OR-ed, AND-ed with
 * {@code |all}; string matching is case-insensitive unless {@code |cased}; {@code *} and
 * {@code ?} are wildcards ({@code \*}, {@code \?}, {@code \\} literal); {@code contains},
 * {@code startswith}, {@code endswith} add wildcards; {@code re} is a search with the {@code i},
 * {@code m}, {@code s} sub-modifiers; {@code cidr} tests an address; {@code null} means absent
 * and {@code ''} means empty (absent, empty or {@code -} on an access log); an unnamed value
 * list (keywords) matches when a value is contained in any text of the log line. A modifier or
 * field it does not know throws, so the test cannot pass a rule it does not understand.
 */
final class SigmaReference {
  /** A parsed condition. */
  sealed interface Cond {}

  record Sel(String name) implements Cond {}

  record And(List<Cond> terms) implements Cond {}

  record Or(List<Cond> terms) implements Cond {}

  record Not(Cond term) implements Cond {}

  /**
   * A rule as the reference reads it: named selections (raw YAML values, from which the crafter
   * works), each also as a predicate built once, and the condition.
   */
  record Rule(String id, Map<String, Object> selections, Map<String, Predicate<WebRequest>> tests, Cond condition) {}

  private static final Set<String> KNOWN_MODIFIERS =
      Set.of("contains", "startswith", "endswith", "all", "re", "i", "m", "s", "cidr", "cased", "exists");

  private SigmaReference() {}

  /** Reads a rule document (a map as snakeyaml loads it). */
  @SuppressWarnings("unchecked")
  static Rule read(Map<String, Object> doc) {
    Map<String, Object> detection = (Map<String, Object>) doc.get("detection");
    Map<String, Object> selections = new LinkedHashMap<>(detection);
    selections.remove("condition");
    selections.remove("timeframe");
    Object condition = detection.get("condition");
    if (!(condition instanceof String text)) {
      throw new IllegalArgumentException("the reference reads one condition string; got: " + condition);
    }
    Map<String, Predicate<WebRequest>> tests = new HashMap<>();
    selections.forEach((name, raw) -> tests.put(name, selection(raw)));
    return new Rule(String.valueOf(doc.get("id")), selections, tests,
        new ConditionReader(text, selections.keySet()).read());
  }

  /** Whether the rule matches the request. */
  static boolean matches(Rule rule, WebRequest r) {
    return eval(rule.condition(), name -> rule.tests().get(name).test(r));
  }

  /** The condition under an assignment of truth values to selections. */
  static boolean eval(Cond c, Predicate<String> selection) {
    if (c instanceof Sel s) {
      return selection.test(s.name());
    }
    if (c instanceof Not n) {
      return !eval(n.term(), selection);
    }
    if (c instanceof And a) {
      return a.terms().stream().allMatch(t -> eval(t, selection));
    }
    return ((Or) c).terms().stream().anyMatch(t -> eval(t, selection));
  }

  @SuppressWarnings("unchecked")
  private static Predicate<WebRequest> selection(Object raw) {
    if (raw instanceof Map<?, ?> map) {
      List<Predicate<WebRequest>> entries = new ArrayList<>();
      ((Map<String, Object>) map).forEach((k, v) -> entries.add(entry(k, v)));
      return r -> entries.stream().allMatch(e -> e.test(r));
    }
    if (raw instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof Map) {
      List<Predicate<WebRequest>> alternatives = list.stream().map(SigmaReference::selection).toList();
      return r -> alternatives.stream().anyMatch(a -> a.test(r));
    }
    return entry("", raw); // keywords: each value searched in the text of the line
  }

  private static Predicate<WebRequest> entry(String key, Object raw) {
    String[] parts = key.split("\\|", -1);
    String field = parts[0];
    Set<String> mods = new java.util.HashSet<>(Arrays.asList(parts).subList(1, parts.length));
    for (String m : mods) {
      if (!KNOWN_MODIFIERS.contains(m)) {
        throw new IllegalArgumentException("the reference does not know the modifier " + m + " (in " + key + ")");
      }
    }
    if (field.isEmpty()) {
      mods.add("contains");
    }
    List<Object> values = raw instanceof List<?> l ? new ArrayList<>(l) : Arrays.asList(raw);
    List<Predicate<String>> tests = values.stream().map(v -> value(v, mods)).toList();
    boolean all = mods.contains("all");
    if (field.isEmpty()) {
      // a keyword is found when some text of the line holds it; |all: every keyword, each anywhere
      return r -> {
        List<String> texts = r.texts();
        return all ? tests.stream().allMatch(t -> texts.stream().anyMatch(t))
            : tests.stream().anyMatch(t -> texts.stream().anyMatch(t));
      };
    }
    WebRequest.EMPTY.sigma(field); // throws for a field the reference does not know
    return r -> {
      List<String> actuals = r.sigmaValues(field);
      return all ? tests.stream().allMatch(t -> actuals.stream().anyMatch(t))
          : tests.stream().anyMatch(t -> actuals.stream().anyMatch(t));
    };
  }

  private static Predicate<String> value(Object expected, Set<String> mods) {
    if (mods.contains("exists")) {
      boolean want = Boolean.parseBoolean(String.valueOf(expected));
      return actual -> (actual != null) == want;
    }
    if (expected == null) {
      return actual -> actual == null;
    }
    String v = String.valueOf(expected);
    if (v.isEmpty() && !mods.contains("contains") && !mods.contains("startswith") && !mods.contains("endswith")
        && !mods.contains("re")) {
      return actual -> actual == null || actual.isEmpty() || actual.equals("-");
    }
    if (mods.contains("cidr")) {
      return actual -> actual != null && inNetwork(actual, v);
    }
    if (mods.contains("re")) {
      int flags = (mods.contains("i") ? Pattern.CASE_INSENSITIVE : 0) | (mods.contains("m") ? Pattern.MULTILINE : 0)
          | (mods.contains("s") ? Pattern.DOTALL : 0);
      Pattern p = Pattern.compile(v, flags);
      return actual -> actual != null && p.matcher(actual).find();
    }
    String regex = (mods.contains("contains") || mods.contains("endswith") ? ".*" : "") + wildcards(v)
        + (mods.contains("contains") || mods.contains("startswith") ? ".*" : "");
    Pattern p = Pattern.compile(regex, Pattern.DOTALL | (mods.contains("cased") ? 0 : Pattern.CASE_INSENSITIVE));
    return actual -> actual != null && p.matcher(actual).matches();
  }

  /** A Sigma value as a Java regex: {@code *} any run, {@code ?} one character, backslash escapes them. */
  static String wildcards(String v) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (c == '\\' && i + 1 < v.length() && "*?\\".indexOf(v.charAt(i + 1)) >= 0) {
        sb.append(Pattern.quote(String.valueOf(v.charAt(++i))));
      } else if (c == '*') {
        sb.append(".*");
      } else if (c == '?') {
        sb.append('.');
      } else {
        sb.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return sb.toString();
  }

  private static boolean inNetwork(String ip, String cidr) {
    try {
      int slash = cidr.indexOf('/');
      byte[] net = InetAddress.getByName(cidr.substring(0, slash)).getAddress();
      byte[] addr = InetAddress.getByName(ip).getAddress();
      if (net.length != addr.length) {
        return false;
      }
      int bits = Integer.parseInt(cidr.substring(slash + 1));
      int shift = net.length * 8 - bits;
      return new BigInteger(1, net).shiftRight(shift).equals(new BigInteger(1, addr).shiftRight(shift));
    } catch (UnknownHostException e) {
      return false;
    }
  }

  /** Recursive descent over a condition: {@code not} binds tighter than {@code and}, than {@code or}. */
  private static final class ConditionReader {
    private final List<String> tokens = new ArrayList<>();
    private final java.util.Collection<String> names;
    private int pos;

    ConditionReader(String text, java.util.Collection<String> names) {
      this.names = names;
      for (String t : text.replace("(", " ( ").replace(")", " ) ").trim().split("\\s+")) {
        tokens.add(t);
      }
    }

    Cond read() {
      Cond c = or();
      if (pos != tokens.size()) {
        throw new IllegalArgumentException("unexpected " + tokens.get(pos));
      }
      return c;
    }

    private boolean at(String word) {
      return pos < tokens.size() && tokens.get(pos).toLowerCase(Locale.ROOT).equals(word);
    }

    private Cond or() {
      List<Cond> terms = new ArrayList<>(List.of(and()));
      while (at("or")) {
        pos++;
        terms.add(and());
      }
      return terms.size() == 1 ? terms.get(0) : new Or(terms);
    }

    private Cond and() {
      List<Cond> terms = new ArrayList<>(List.of(not()));
      while (at("and")) {
        pos++;
        terms.add(not());
      }
      return terms.size() == 1 ? terms.get(0) : new And(terms);
    }

    private Cond not() {
      if (at("not")) {
        pos++;
        return new Not(not());
      }
      String t = tokens.get(pos++);
      if (t.equals("(")) {
        Cond inner = or();
        if (!at(")")) {
          throw new IllegalArgumentException("missing )");
        }
        pos++;
        return inner;
      }
      if ((t.equals("1") || t.equals("all") || t.equals("any")) && at("of")) {
        pos++;
        String pattern = tokens.get(pos++);
        Pattern p = Pattern.compile(pattern.equals("them") ? ".*" : wildcards(pattern));
        // Sigma 2.0 (Condition): 'them' and patterns leave out selections named '_…', unless
        // the pattern itself starts with '_'
        boolean underscore = pattern.startsWith("_");
        List<Cond> refs = names.stream().filter(n -> p.matcher(n).matches() && (underscore || !n.startsWith("_")))
            .map(n -> (Cond) new Sel(n)).toList();
        if (refs.isEmpty()) {
          throw new IllegalArgumentException(pattern + " matches no selection");
        }
        return t.equals("all") ? new And(refs) : new Or(refs);
      }
      if (!names.contains(t)) {
        throw new IllegalArgumentException("unknown selection " + t);
      }
      return new Sel(t);
    }
  }
}
