package org.apiaudit.detect;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.util.automaton.Automaton;
import org.apache.lucene.util.automaton.RegExp;
import org.apache.lucene.util.automaton.Transition;
import org.apiaudit.rules.SigmaRegex;

/**
 * Crafts requests from a rule's own detection, in the style of SigmaHQ's {@code regression_data}:
 * for each minimal way the condition can be true, requests that satisfy every field and modifier
 * of the selections it needs (one per value of the longest value list, so every value is tried),
 * each payload placed where the field puts it (path, query or the whole URI); then near misses:
 * one value changed, a filter selection satisfied too, the case flipped, a URI payload moved into
 * the query, a path-only payload moved into the query, keywords in another header.
 *
 * <p>The crafter only proposes requests; whether each should match is decided by
 * {@link SigmaReference}, never by the crafter (which asks it only whether a rule's filters need
 * the optional headers present, e.g. {@code not cs-referer: null}).
 */
final class SigmaEventCrafter {
  /** A crafted request and what it was crafted as. */
  record Crafted(String ruleId, String kind, WebRequest request) {}

  private enum Slot { METHOD, STATUS, URI, PATH, QUERY, EXTENSION, UA, REFERRER, HOST, CTYPE, USER, IP }

  /** How one request is drawn from the rule. */
  private record Options(int variant, int mutate, boolean flipCase, boolean uriInQuery, boolean misplace,
      Slot keywordSlot, boolean fill) {
    static Options positive(int k, boolean fill) {
      return new Options(k, -1, false, false, false, Slot.URI, fill);
    }
  }

  static final String BASE_UA = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/120.0 Safari/537.36";
  private static final List<String> METHODS = List.of("GET", "POST", "HEAD", "PUT", "OPTIONS", "DELETE");
  private static final List<Long> STATUSES = List.of(200L, 418L, 302L, 404L, 500L);
  private static final int MAX_VARIANTS = 40;
  private static final int MAX_ASSIGNMENTS = 4;

  private int ip;

  /** Every request crafted from {@code rule}. */
  List<Crafted> craft(SigmaReference.Rule rule) {
    List<String> names = new ArrayList<>(rule.selections().keySet());
    List<Crafted> out = new ArrayList<>();
    for (Set<String> truth : minimalAssignments(rule.condition(), names)) {
      // a filter such as 'cs-referer: null' under 'not' needs the optional headers present
      boolean fill = !SigmaReference.matches(rule, draw(rule, truth, Options.positive(0, false), "").request());
      int variants = Math.min(MAX_VARIANTS, truth.stream().mapToInt(s -> width(rule.selections().get(s))).max().orElse(1));
      for (int k = 0; k < variants; k++) {
        out.add(draw(rule, truth, Options.positive(k, fill), "positive"));
      }
      int entries = truth.stream().mapToInt(s -> entries(rule.selections().get(s))).sum();
      for (int m = 0; m < entries; m++) {
        out.add(draw(rule, truth, new Options(0, m, false, false, false, Slot.URI, fill), "one value changed"));
      }
      out.add(draw(rule, truth, new Options(0, -1, true, false, false, Slot.URI, fill), "case flipped"));
      List<Crafted> moved = new ArrayList<>(List.of(
          draw(rule, truth, new Options(0, -1, false, true, false, Slot.URI, fill), "URI payload in the query"),
          draw(rule, truth, new Options(0, -1, false, false, true, Slot.URI, fill), "path/query payload misplaced")));
      for (Slot s : List.of(Slot.UA, Slot.REFERRER, Slot.HOST)) {
        moved.add(draw(rule, truth, new Options(0, -1, false, false, false, s, fill), "keywords in " + s));
      }
      String plain = draw(rule, truth, Options.positive(0, fill), "").request().toString(); // toString leaves out the address
      moved.stream().filter(c -> !c.request().toString().equals(plain)).forEach(out::add);
      for (String other : names) {
        if (!truth.contains(other)) {
          Set<String> more = new HashSet<>(truth);
          more.add(other);
          out.add(draw(rule, more, Options.positive(0, fill), "also satisfies " + other));
        }
      }
    }
    return out;
  }

  /** The satisfying assignments whose true selections contain no smaller satisfying set. */
  static List<Set<String>> minimalAssignments(SigmaReference.Cond c, List<String> names) {
    if (names.size() > 14) {
      throw new IllegalArgumentException("too many selections to enumerate: " + names.size());
    }
    List<Set<String>> sat = new ArrayList<>();
    for (int mask = 0; mask < (1 << names.size()); mask++) {
      Set<String> truth = new HashSet<>();
      for (int i = 0; i < names.size(); i++) {
        if ((mask & (1 << i)) != 0) {
          truth.add(names.get(i));
        }
      }
      if (SigmaReference.eval(c, truth::contains)) {
        sat.add(truth);
      }
    }
    List<Set<String>> minimal = new ArrayList<>();
    for (Set<String> s : sat) {
      if (sat.stream().noneMatch(o -> o != s && s.containsAll(o) && o.size() < s.size())) {
        minimal.add(s);
      }
    }
    minimal.sort(java.util.Comparator.comparingInt(Set::size));
    return minimal.subList(0, Math.min(MAX_ASSIGNMENTS, minimal.size()));
  }

  /** How many positives a selection asks for: its alternatives, or its longest value list. */
  private static int width(Object raw) {
    if (raw instanceof List<?> l && !l.isEmpty() && l.get(0) instanceof Map) {
      return Math.max(l.size(), l.stream().mapToInt(SigmaEventCrafter::width).max().orElse(1));
    }
    if (raw instanceof Map<?, ?> m) {
      return m.entrySet().stream().mapToInt(e -> e.getKey().toString().contains("|all") ? 1 : size(e.getValue()))
          .max().orElse(1);
    }
    return size(raw);
  }

  private static int size(Object v) {
    return v instanceof List<?> l ? l.size() : 1;
  }

  /** How many field entries a selection's first alternative has (each can be the one changed). */
  private static int entries(Object raw) {
    if (raw instanceof List<?> l && !l.isEmpty() && l.get(0) instanceof Map) {
      return entries(l.get(0));
    }
    return raw instanceof Map<?, ?> m ? m.size() : 1;
  }

  private Crafted draw(SigmaReference.Rule rule, Set<String> truth, Options o, String kind) {
    Draft d = new Draft(o);
    for (String name : rule.selections().keySet()) {
      if (truth.contains(name)) {
        apply(rule.selections().get(name), d);
      }
    }
    return new Crafted(rule.id(), kind, d.render(nextIp()));
  }

  private String nextIp() {
    int n = ++ip;
    return "10." + ((n >> 16) & 255) + "." + ((n >> 8) & 255) + "." + (n & 255);
  }

  @SuppressWarnings("unchecked")
  private void apply(Object raw, Draft d) {
    if (raw instanceof List<?> l && !l.isEmpty() && l.get(0) instanceof Map) {
      apply(l.get(d.o.variant() % l.size()), d);
      return;
    }
    if (raw instanceof Map<?, ?> m) {
      for (Map.Entry<String, Object> e : ((Map<String, Object>) m).entrySet()) {
        d.entry(e.getKey(), e.getValue());
      }
      return;
    }
    d.entry("", raw);
  }

  /** The pieces a request is assembled from, per slot. */
  private static final class Draft {
    final Options o;
    final Map<Slot, Text> slots = new EnumMap<>(Slot.class);
    int entry;

    Draft(Options o) {
      this.o = o;
    }

    Text slot(Slot s) {
      return slots.computeIfAbsent(s, x -> new Text());
    }

    void entry(String key, Object raw) {
      boolean mutate = entry++ == o.mutate();
      String[] parts = key.split("\\|", -1);
      Set<String> mods = new HashSet<>(Arrays.asList(parts).subList(1, parts.length));
      List<Object> values = raw instanceof List<?> l ? new ArrayList<>(l) : Arrays.asList(raw);
      boolean all = mods.contains("all");
      List<Object> chosen = all ? values : Arrays.asList(values.get(o.variant() % values.size()));
      Slot slot = parts[0].isEmpty() ? o.keywordSlot() : slotOf(parts[0]);
      if (WebRequest.URI_OR_QUERY_NAMES.contains(parts[0]) && queryMeant(chosen.get(0), mods)) {
        slot = Slot.QUERY;
      }
      if (parts[0].isEmpty()) {
        mods.add("contains");
      }
      boolean first = true;
      for (Object v : chosen) {
        place(slot, v, mods, values, mutate && first);
        first = false;
      }
    }

    /** Whether a URI-or-query value names the query: null (no query), or anchored at its start without a '/'. */
    private static boolean queryMeant(Object v, Set<String> mods) {
      if (v == null) {
        return true;
      }
      String s = String.valueOf(v);
      boolean anchored = !mods.contains("contains") && !mods.contains("endswith") && !mods.contains("re")
          && !s.startsWith("*");
      return anchored && !s.startsWith("/");
    }

    private void place(Slot slot, Object v, Set<String> mods, List<Object> all, boolean mutate) {
      if (slot == Slot.METHOD || slot == Slot.STATUS) {
        List<String> taken = all.stream().map(String::valueOf).map(s -> s.toUpperCase(Locale.ROOT)).toList();
        List<?> pool = slot == Slot.METHOD ? METHODS : STATUSES;
        String value = mutate ? pool.stream().map(String::valueOf).filter(x -> !taken.contains(x)).findFirst().get()
            : String.valueOf(v);
        slot(slot).exact = o.flipCase() && !mutate ? flip(value) : value;
        return;
      }
      Text t = slot(slot);
      if (v == null || (String.valueOf(v).isEmpty() && !mods.contains("contains") && !mods.contains("re"))) {
        t.absent = !mutate;
        t.exact = mutate ? "zz" : null;
        return;
      }
      String value = String.valueOf(v);
      String lit;
      boolean start;
      boolean end;
      if (mods.contains("re")) {
        SigmaRegex re = SigmaRegex.of(value, mods.contains("i"), mods.contains("m"), mods.contains("s"));
        lit = shortest(re.body());
        start = re.prefix().isEmpty();
        end = re.suffix().isEmpty();
      } else if (mods.contains("cidr")) {
        lit = value.substring(0, value.indexOf('/'));
        start = end = true;
      } else {
        boolean contains = mods.contains("contains");
        start = !contains && !mods.contains("endswith") && !value.startsWith("*");
        end = !contains && !mods.contains("startswith") && !(value.endsWith("*") && !value.endsWith("\\*"));
        lit = literal(value);
      }
      if (mutate) {
        lit = nearMiss(lit);
      }
      if (o.flipCase()) {
        lit = flip(lit);
      }
      if (start && end) {
        t.exact = lit;
      } else if (start) {
        t.prefix.add(lit);
      } else if (end) {
        t.suffix.add(lit);
      } else {
        t.contains.add(lit);
      }
    }

    WebRequest render(String ip) {
      String path = text(Slot.PATH, "");
      String uri = text(Slot.URI, "");
      String query = null;
      Text u = slots.get(Slot.URI);
      boolean uriAnchored = u != null && (u.exact != null || !u.prefix.isEmpty());
      if (uri != null) {
        if (path == null) {
          String full = o.uriInQuery() && !uriAnchored ? "/search?q=" + uri : uri;
          if (!full.startsWith("/") && !uriAnchored) {
            full = "/" + full;
          }
          int q = full.indexOf('?');
          path = q < 0 ? full : full.substring(0, q);
          query = q < 0 ? null : full.substring(q + 1);
        } else {
          query = uri.startsWith("?") ? uri.substring(1) : uri;
        }
      }
      String q = text(Slot.QUERY, "&");
      Text qt = slots.get(Slot.QUERY);
      if (o.misplace() && (slots.containsKey(Slot.PATH) || slots.containsKey(Slot.QUERY))) {
        String moved = text(Slot.PATH, "");
        if (moved != null) {
          path = "/index.php";
          query = "q=" + moved + (query == null ? "" : "&" + query);
        }
        if (q != null) {
          path = (path == null ? "" : path) + "/" + q;
          q = null;
        }
      }
      if (path == null) {
        path = "/index.html";
      }
      String ext = text(Slot.EXTENSION, "");
      if (ext != null) {
        path = (path.endsWith("/") ? path + "file" : path) + "." + ext;
      }
      if (q != null) {
        query = query == null ? q : !qt.prefix.isEmpty() ? q + "&" + query : query + "&" + q;
      }
      if (o.fill() && query == null) {
        query = "lang=en";
      }
      if (qt != null && qt.absent) {
        query = null;
      }
      String method = text(Slot.METHOD, "");
      String status = text(Slot.STATUS, "");
      return new WebRequest(method == null ? "GET" : method, path, query, status == null ? 200 : Long.parseLong(status),
          with(Slot.UA, BASE_UA), with(Slot.REFERRER, o.fill() ? "https://www.example.org/" : null), with(Slot.HOST, null), text(Slot.CTYPE, ""),
          text(Slot.USER, ""), ip);
    }

    /** A slot that has a plain default: pieces appended to it (contains) or replacing it. */
    private String with(Slot s, String base) {
      Text t = slots.get(s);
      if (t == null) {
        return base;
      }
      if (t.absent) {
        return null;
      }
      if (t.exact == null && t.prefix.isEmpty() && t.suffix.isEmpty()) {
        return (base == null ? "x " : base + " ") + String.join("", t.contains);
      }
      return t.render("");
    }

    private String text(Slot s, String sep) {
      Text t = slots.get(s);
      return t == null || t.absent ? null : t.render(sep);
    }
  }

  /** The pieces of one slot's value. */
  private static final class Text {
    String exact;
    boolean absent;
    final List<String> prefix = new ArrayList<>();
    final List<String> contains = new ArrayList<>();
    final List<String> suffix = new ArrayList<>();

    String render(String sep) {
      if (exact != null) {
        return exact;
      }
      List<String> parts = new ArrayList<>(prefix);
      parts.addAll(contains);
      parts.addAll(suffix);
      return String.join(sep, parts);
    }
  }

  private static Slot slotOf(String field) {
    if (WebRequest.URI_NAMES.contains(field)) {
      return Slot.URI;
    }
    if (WebRequest.PATH_NAMES.contains(field)) {
      return Slot.PATH;
    }
    if (WebRequest.QUERY_NAMES.contains(field)) {
      return Slot.QUERY;
    }
    switch (field) {
      case "c-uri-extension": return Slot.EXTENSION;
      case "cs-method": return Slot.METHOD;
      case "sc-status": return Slot.STATUS;
      case "cs-user-agent": case "c-useragent": return Slot.UA;
      case "cs-referer": case "cs-referrer": return Slot.REFERRER;
      case "cs-host": return Slot.HOST;
      case "cs-content-type": return Slot.CTYPE;
      case "cs-username": return Slot.USER;
      case "c-ip": case "src_ip": return Slot.IP;
      default: throw new IllegalArgumentException("the crafter does not know the Sigma field " + field);
    }
  }

  /** A wildcard value as one text it matches: {@code *} dropped, {@code ?} as {@code x}, escapes undone. */
  static String literal(String v) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (c == '\\' && i + 1 < v.length() && "*?\\".indexOf(v.charAt(i + 1)) >= 0) {
        sb.append(v.charAt(++i));
      } else if (c == '?') {
        sb.append('x');
      } else if (c != '*') {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  /** The text with one character added: an underscore in its middle. */
  static String nearMiss(String lit) {
    if (lit.length() < 2) {
      return lit.equals("_") ? "~" : "_";
    }
    return lit.substring(0, lit.length() / 2) + "_" + lit.substring(lit.length() / 2);
  }

  static String flip(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      sb.append(Character.isUpperCase(c) ? Character.toLowerCase(c) : Character.toUpperCase(c));
    }
    return sb.toString();
  }

  /** A shortest text the (Lucene-syntax) expression accepts, preferring letters and digits. */
  static String shortest(String regex) {
    Automaton a = new RegExp(regex, RegExp.NONE).toAutomaton();
    int n = a.getNumStates();
    int[] from = new int[n];
    int[] via = new int[n];
    Arrays.fill(from, -2);
    from[0] = -1;
    ArrayDeque<Integer> queue = new ArrayDeque<>(List.of(0));
    Transition t = new Transition();
    while (!queue.isEmpty()) {
      int s = queue.poll();
      if (a.isAccept(s)) {
        StringBuilder sb = new StringBuilder();
        for (int x = s; from[x] >= 0; x = from[x]) {
          sb.appendCodePoint(via[x]);
        }
        return sb.reverse().toString();
      }
      int count = a.initTransition(s, t);
      java.util.Map<Integer, Integer> best = new java.util.LinkedHashMap<>();
      for (int i = 0; i < count; i++) {
        a.getNextTransition(t);
        int c = pick(t.min, t.max);
        if (from[t.dest] == -2 && (!best.containsKey(t.dest) || score(c) < score(best.get(t.dest)))) {
          best.put(t.dest, c);
        }
      }
      best.forEach((dest, c) -> {
        from[dest] = s;
        via[dest] = c;
        queue.add(dest);
      });
    }
    throw new IllegalArgumentException("expression accepts nothing: " + regex);
  }

  private static int score(int c) {
    return Character.isLetterOrDigit(c) && c < 0x80 ? 0 : c > 0x20 && c < 0x7f ? 1 : 2;
  }

  private static int pick(int min, int max) {
    for (int c : new int[] {'a', 'x', '0', 'A', '.', '-', '/'}) {
      if (min <= c && c <= max) {
        return c;
      }
    }
    return Math.max(min, Math.min(max, 0x21));
  }
}
