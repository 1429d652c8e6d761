package org.apiaudit.detect.judge;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.document.InetAddressPoint;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.Weight;
import org.apache.lucene.util.BytesRef;
import org.apiaudit.detect.findings.CaseFindings;
import org.apiaudit.detect.scan.EventSource;
import org.apiaudit.detect.scan.TimeWindow;
import org.apiaudit.index.FieldQueries;
import org.apiaudit.index.IpAddresses;
import org.apiaudit.schema.Field;

/**
 * Ties the identifiers an attacker used to the actors judged scraping or credential misuse, and
 * groups them into {@code cluster} actors.
 *
 * <p>Seeds are the incident actors whose events are all attack traffic: anything judged
 * scraping except a user agent (which others may send too), and credential-misuse groups keyed by credential <em>and</em> address (a misused
 * vaccinator or partner login also does its normal work, so its principal alone is no seed).
 * Over the seeds' events, every address, principal, user agent and /24 they used is a candidate;
 * a candidate is attributed when at least {@link #DOMINANCE} of all its events in the index are
 * seed events: an address or user agent used only by the attacker (a rotating proxy pool, a
 * SIM farm's device string, the tokens an OTP prober confirmed), never a carrier NAT or a
 * common browser string, where the attacker's share is small; for misuse it must also be new
 * (first seen no earlier than the misuse), so a partner's own SDK string or servers, which the
 * abuse shares, stay out. Two rounds, so identifiers
 * reached through attributed ones are found too.
 *
 * <p>Seeds and attributed identifiers that occur together in one event form a cluster. Work is
 * proportional to the seeds' events, not to the index: this runs after the one-pass scan.
 */
public final class Attribution {
  /** Share of an identifier's events that must be the attacker's for it to be attributed. */
  static final double DOMINANCE = 0.9;
  static final int ROUNDS = 2;
  static final List<Field> LINKED = List.of(Field.SOURCE_IP, Field.PRINCIPAL, Field.USER_AGENT, Field.SOURCE_SUBNET);

  /** One cluster: its members (kind:value order kept), the verdict and the seed actors in it. */
  public record Cluster(List<CaseFindings.ActorRef> members, Verdict verdict, List<String> seeds, Query query) {}

  private final EventSource events;
  private final Query window;

  public Attribution(EventSource events, TimeWindow window) {
    this.events = events;
    this.window = window.query();
  }

  /** Whether the events of an actor found with this verdict and key are all attack traffic. */
  public static boolean isSeed(ActorKey key, Verdict verdict) {
    if (key.fields().size() == 1 && key.fields().get(0) == Field.USER_AGENT) {
      return false; // a user agent is shared by nature; it joins a cluster only by dominance
    }
    if (verdict == Verdict.SCRAPING) {
      return true;
    }
    return verdict == Verdict.CREDENTIAL_MISUSE && key.fields().size() == 2;
  }

  /**
   * Clusters around seeds of one verdict. With {@code cascadeUserAgents} an attributed user agent
   * leads further too (its other addresses, e.g. a SIM farm's that only requested OTPs): done for
   * scraping, never for misuse, where the user agent may be a partner SDK's that the partner's
   * own servers send as well.
   */
  public List<Cluster> clusters(Map<ActorKey, Verdict> seeds, boolean cascadeUserAgents) {
    if (seeds.isEmpty()) {
      return List.of();
    }
    Nodes nodes = Nodes.of(seeds);
    Map<Field, List<String>> attributed = attribute(nodes, cascadeUserAgents);
    List<String> names = new ArrayList<>(nodes.verdicts.keySet());
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < names.size(); i++) {
      index.put(names.get(i), i);
    }
    Query linking = union(nodes.seedQueries, nodes.singles, attributed);
    List<Cluster> out = new ArrayList<>();
    for (List<Integer> component : components(names, index, seeds.keySet(), linking)) {
      Cluster cluster = cluster(component, names, index, nodes, seeds.keySet());
      if (cluster != null) {
        out.add(cluster);
      }
    }
    return out;
  }

  /**
   * The seeds as nodes of the graph clusters are found in: the label of each linked identifier
   * of a seed with its verdict, and the seeds as queries for their events.
   */
  private static final class Nodes {
    /** Node label -> verdict of the seed, or null for an attributed identifier; in the order found. */
    final Map<String, Verdict> verdicts = new LinkedHashMap<>();
    /** The seeds keyed by two fields (credential and address), as queries for their events. */
    final List<Query> seedQueries = new ArrayList<>();
    /** The seeds keyed by one field, their values by field. */
    final Map<Field, List<String>> singles = new HashMap<>();

    static Nodes of(Map<ActorKey, Verdict> seeds) {
      Nodes nodes = new Nodes();
      for (Map.Entry<ActorKey, Verdict> s : seeds.entrySet()) {
        ActorKey k = s.getKey();
        for (int i = 0; i < k.fields().size(); i++) {
          if (LINKED.contains(k.fields().get(i))) {
            nodes.verdicts.merge(node(k.fields().get(i), k.values().get(i)), s.getValue(), Attribution::worse);
          }
        }
        if (k.fields().size() == 1) {
          nodes.singles.computeIfAbsent(k.fields().get(0), f -> new ArrayList<>()).add(k.values().get(0));
        } else {
          nodes.seedQueries.add(allOf(k));
        }
      }
      return nodes;
    }
  }

  /**
   * Attributes, in up to {@link #ROUNDS} rounds, the identifiers that dominate the events of the
   * seeds and of the identifiers attributed so far: each is added to {@code nodes} (verdict null).
   * Returns those that lead further, by field.
   */
  private Map<Field, List<String>> attribute(Nodes nodes, boolean cascadeUserAgents) {
    Map<Field, List<String>> attributed = new HashMap<>();
    // For misuse, an identifier the credential's attacker used must also be new: not seen
    // before the seeds' first event (a partner's own SDK string or server is older than the abuse).
    long seedFirst = cascadeUserAgents ? Long.MIN_VALUE : firstSeen(union(nodes.seedQueries, nodes.singles, Map.of()));
    for (int round = 0; round < ROUNDS; round++) {
      boolean added = false;
      for (Map.Entry<String, long[]> c : labelCounts(union(nodes.seedQueries, nodes.singles, attributed)).entrySet()) {
        if (nodes.verdicts.containsKey(c.getKey())) {
          continue;
        }
        Field f = fieldOf(c.getKey());
        String value = valueOf(c.getKey());
        if (dominates(f, value, c.getValue()[0], seedFirst)) {
          nodes.verdicts.put(c.getKey(), null);
          if (leadsFurther(f, cascadeUserAgents)) {
            attributed.computeIfAbsent(f, x -> new ArrayList<>()).add(value);
            added = true;
          }
        }
      }
      if (!added) {
        break;
      }
    }
    return attributed;
  }

  /** How many events matching {@code q} carry each node label. */
  private Map<String, long[]> labelCounts(Query q) {
    Map<String, long[]> counts = new HashMap<>();
    scan(q, (labels) -> {
      for (String l : labels) {
        if (l != null) {
          counts.computeIfAbsent(l, x -> new long[1])[0]++;
        }
      }
    });
    return counts;
  }

  /**
   * Whether at least {@link #DOMINANCE} of the identifier's events in the index are among the
   * {@code seedEvents} it had with the seeds, and (when {@code seedFirst} is set) it is no older
   * than the seeds.
   */
  private boolean dominates(Field f, String value, long seedEvents, long seedFirst) {
    long total = total(f, value);
    return total > 0 && seedEvents >= DOMINANCE * total
        && (seedFirst == Long.MIN_VALUE || firstSeen(FieldQueries.exact(f, value)) >= seedFirst);
  }

  /** Only addresses and principals lead further: a user agent or /24 also carries others. */
  private static boolean leadsFurther(Field f, boolean cascadeUserAgents) {
    return f == Field.SOURCE_IP || f == Field.PRINCIPAL || (cascadeUserAgents && f == Field.USER_AGENT);
  }

  /**
   * The nodes linked by a seed's own key or by occurring together in one of the {@code linking}
   * events (union-find), as lists of node indices, in the order of their first node.
   */
  private Collection<List<Integer>> components(List<String> names, Map<String, Integer> index, Set<ActorKey> seeds,
      Query linking) {
    int[] parent = new int[names.size()];
    for (int i = 0; i < parent.length; i++) {
      parent[i] = i;
    }
    for (ActorKey k : seeds) {
      String[] labels = new String[k.fields().size()];
      for (int i = 0; i < labels.length; i++) {
        labels[i] = node(k.fields().get(i), k.values().get(i));
      }
      linkTogether(parent, index, labels);
    }
    scan(linking, labels -> linkTogether(parent, index, labels));
    Map<Integer, List<Integer>> components = new LinkedHashMap<>();
    for (int i = 0; i < names.size(); i++) {
      components.computeIfAbsent(find(parent, i), r -> new ArrayList<>()).add(i);
    }
    return components.values();
  }

  /** Unites the nodes among {@code labels} (nulls and labels that are no node skipped). */
  private static void linkTogether(int[] parent, Map<String, Integer> index, String[] labels) {
    int first = -1;
    for (String l : labels) {
      Integer n = l == null ? null : index.get(l);
      if (n != null) {
        if (first >= 0) {
          union(parent, first, n);
        }
        first = n;
      }
    }
  }

  /** The cluster of one component, or null when it is a lone identifier or holds no seed. */
  private Cluster cluster(List<Integer> component, List<String> names, Map<String, Integer> index, Nodes nodes,
      Set<ActorKey> seeds) {
    if (component.size() < 2) {
      return null;
    }
    Verdict v = null;
    List<String> seedLabels = new ArrayList<>();
    List<CaseFindings.ActorRef> members = new ArrayList<>();
    Map<Field, List<String>> byField = new HashMap<>();
    for (int i : component) {
      String name = names.get(i);
      Verdict nv = nodes.verdicts.get(name);
      if (nv != null) {
        v = v == null ? nv : worse(v, nv);
        seedLabels.add(name);
      }
      Field f = fieldOf(name);
      String value = valueOf(name);
      members.add(new CaseFindings.ActorRef(ActorKey.kindOf(f), value));
      byField.computeIfAbsent(f, x -> new ArrayList<>()).add(value);
    }
    if (v == null) {
      return null;
    }
    members.sort(Comparator.comparing((CaseFindings.ActorRef r) -> LINKED.indexOf(fieldOf(r.kind() + ":")))
        .thenComparing(CaseFindings.ActorRef::value));
    return new Cluster(members, v, seedLabels, clusterEvents(component, index, nodes, seeds, byField));
  }

  /**
   * A cluster's events: those of its seed pairs and of its single identifiers other than a
   * misused credential (whose normal work is not the cluster's).
   */
  private Query clusterEvents(List<Integer> component, Map<String, Integer> index, Nodes nodes, Set<ActorKey> seeds,
      Map<Field, List<String>> byField) {
    List<Query> pairQueries = new ArrayList<>();
    for (ActorKey k : seeds) {
      if (k.fields().size() != 2) {
        continue;
      }
      if (component.contains(index.getOrDefault(node(k.fields().get(0), k.values().get(0)), -1))) {
        pairQueries.add(allOf(k));
      }
    }
    Map<Field, List<String>> eventSingles = new HashMap<>();
    for (Map.Entry<Field, List<String>> e : byField.entrySet()) {
      for (String value : e.getValue()) {
        boolean misusedCredential = nodes.verdicts.get(node(e.getKey(), value)) == Verdict.CREDENTIAL_MISUSE
            && e.getKey() == Field.PRINCIPAL && !singlesContain(nodes.singles, e.getKey(), value);
        if (!misusedCredential) {
          eventSingles.computeIfAbsent(e.getKey(), x -> new ArrayList<>()).add(value);
        }
      }
    }
    return union(pairQueries, eventSingles, Map.of());
  }

  /** The events of a seed keyed by more than one field: all of its values at once. */
  private static Query allOf(ActorKey k) {
    BooleanQuery.Builder b = new BooleanQuery.Builder();
    for (int i = 0; i < k.fields().size(); i++) {
      b.add(FieldQueries.exact(k.fields().get(i), k.values().get(i)), Occur.FILTER);
    }
    return b.build();
  }

  private static boolean singlesContain(Map<Field, List<String>> singles, Field f, String value) {
    List<String> l = singles.get(f);
    return l != null && l.contains(value);
  }

  /** A misused credential explains its cluster better than scraping does. */
  private static Verdict worse(Verdict a, Verdict b) {
    return a == Verdict.CREDENTIAL_MISUSE || b == Verdict.CREDENTIAL_MISUSE ? Verdict.CREDENTIAL_MISUSE
        : a.ordinal() <= b.ordinal() ? a : b;
  }

  static String node(Field f, String value) {
    return ActorKey.kindOf(f) + ":" + value;
  }

  private static String valueOf(String label) {
    return label.substring(label.indexOf(':') + 1);
  }

  private static Field fieldOf(String label) {
    String kind = label.substring(0, label.indexOf(':'));
    for (Field f : LINKED) {
      if (ActorKey.kindOf(f).equals(kind)) {
        return f;
      }
    }
    return null;
  }

  private static void union(int[] parent, int a, int b) {
    int ra = find(parent, a);
    int rb = find(parent, b);
    if (ra != rb) {
      parent[Math.max(ra, rb)] = Math.min(ra, rb);
    }
  }

  private static int find(int[] parent, int a) {
    while (parent[a] != a) {
      parent[a] = parent[parent[a]];
      a = parent[a];
    }
    return a;
  }

  private Query union(List<Query> pairs, Map<Field, List<String>> singles, Map<Field, List<String>> more) {
    BooleanQuery.Builder any = new BooleanQuery.Builder();
    int clauses = 0;
    for (Query p : pairs) {
      any.add(p, Occur.SHOULD);
      clauses++;
    }
    for (Map<Field, List<String>> m : List.of(singles, more)) {
      for (Map.Entry<Field, List<String>> e : m.entrySet()) {
        any.add(FieldQueries.anyOf(e.getKey(), e.getValue()), Occur.SHOULD);
        clauses++;
      }
    }
    if (clauses == 0) {
      return new MatchNoDocsQuery();
    }
    return new BooleanQuery.Builder().add(any.build(), Occur.FILTER).add(window, Occur.FILTER).build();
  }

  /** The earliest event matching {@code q} in the whole index, or Long.MAX_VALUE. */
  private long firstSeen(Query q) {
    return events.firstSeen(q);
  }

  /** All events of an identifier in the index (the whole index, so dominance errs towards not attributing). */
  private long total(Field f, String value) {
    return events.count(FieldQueries.exact(f, value));
  }

  /** Calls {@code sink} per matching event with the node labels of its linked fields (nulls when absent). */
  private void scan(Query q, java.util.function.Consumer<String[]> sink) {
    IndexReader reader = events.readerWith(q);
    IndexSearcher searcher = new IndexSearcher(reader);
    searcher.setQueryCache(null);
    try {
      Weight w = searcher.createWeight(searcher.rewrite(q), ScoreMode.COMPLETE_NO_SCORES, 1f);
      String[] labels = new String[LINKED.size()];
      for (LeafReaderContext ctx : reader.leaves()) {
        Scorer s = w.scorer(ctx);
        if (s == null) {
          continue;
        }
        SortedDocValues[] dv = new SortedDocValues[LINKED.size()];
        List<Map<Integer, String>> cache = new ArrayList<>();
        for (int i = 0; i < dv.length; i++) {
          dv[i] = ActorProfiler.sorted(ctx, LINKED.get(i));
          cache.add(new HashMap<>());
        }
        DocIdSetIterator it = s.iterator();
        for (int doc = it.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = it.nextDoc()) {
          for (int i = 0; i < dv.length; i++) {
            if (dv[i].advanceExact(doc)) {
              int ord = dv[i].ordValue();
              SortedDocValues d = dv[i];
              Field f = LINKED.get(i);
              labels[i] = cache.get(i).computeIfAbsent(ord, o -> {
                try {
                  return node(f, d.lookupOrd(o).utf8ToString());
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
            } else {
              labels[i] = null;
            }
          }
          sink.accept(labels);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
