package org.apiaudit.detect.judge;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.Weight;
import org.apiaudit.detect.findings.CaseFindings;
import org.apiaudit.detect.scan.EventSource;
import org.apiaudit.detect.scan.TimeWindow;
import org.apiaudit.index.FieldQueries;
import org.apiaudit.schema.Field;

/**
 * Ties a leak sample (already pseudonymised with the case key) to the window: which sample
 * subjects were accessed, through which endpoints, by whom, and whether each access is
 * explained.
 *
 * <p>An access is any event about the subject on an endpoint that is not public or OTP. It is
 * explained by the owner when a citizen token made it that was issued for this very subject
 * (its confirmOTP line has the subject), or, for a beneficiary reference id read by a citizen
 * token not flagged, by that token's family (the gateway binds certificates to the family);
 * by the role baseline when a vaccinator or partner not flagged made it. An access by an actor
 * judged scraping or credential misuse ties that actor to the leak ({@code flagged-actor}), and so
 * does an OTP request for the number by such an actor (a prober naming it), record or not;
 * anything else is {@code unexplained}. A certificate is read by beneficiary reference id, not by
 * mobile: the reference ids a sample mobile's own tokens downloaded (its family's) count as that
 * mobile's records, so a certificate enumerator reading them is tied to the mobile.
 */
public final class LeakCorrelator {
  private static final Set<String> NOT_ACCESS = Set.of("public", "otp");

  private final EventSource source;
  private final TimeWindow window;

  public LeakCorrelator(EventSource source, TimeWindow window) {
    this.source = source;
    this.window = window;
  }

  private static final class Subject {
    long accesses;
    long firstAccess = Long.MAX_VALUE;
    final Set<String> actors = new TreeSet<>();
    final Set<String> ownerTokens = new HashSet<>();
    final List<String[]> accessList = new ArrayList<>(); // {principal, ip, authType, kind}
    /** Actors that named the subject without reading a record (OTP requests). */
    final Set<String> namedBy = new TreeSet<>();
  }

  /** @param flagged actor labels ({@code kind:value}) judged scraping or credential misuse */
  public CaseFindings.LeakCorrelation correlate(List<String> pseudonyms, Set<String> flagged) {
    Map<String, Subject> subjects = new LinkedHashMap<>();
    for (String p : pseudonyms) {
      subjects.put(p, new Subject());
    }
    Map<String, Long> byEndpoint = new HashMap<>();
    visit(subjects.keySet(), subjects, byEndpoint);
    // Certificates are read by beneficiary reference id, not by mobile: the references a sample
    // mobile's own tokens downloaded are its family's, and reading them is reading its records.
    Map<String, Subject> tokenOwner = new HashMap<>();
    for (Subject subj : subjects.values()) {
      for (String t : subj.ownerTokens) {
        tokenOwner.put(t, subj);
      }
    }
    if (!tokenOwner.isEmpty()) {
      Map<String, Subject> family = familyReferences(tokenOwner);
      family.keySet().removeAll(subjects.keySet());
      if (!family.isEmpty()) {
        visit(family.keySet(), family, byEndpoint);
      }
    }
    List<CaseFindings.LeakSubject> out = new ArrayList<>();
    Map<String, Long> byActor = new HashMap<>();
    int accessed = 0;
    int accessedByFlagged = 0;
    int ownerOnly = 0;
    for (Map.Entry<String, Subject> e : subjects.entrySet()) {
      Subject s = e.getValue();
      String status = status(s, flagged);
      if (s.accesses > 0 || status.equals("flagged-actor")) {
        accessed++;
      }
      if (status.equals("flagged-actor")) {
        accessedByFlagged++;
      } else if (status.equals("owner-only")) {
        ownerOnly++;
      }
      for (String a : s.actors) {
        byActor.merge(a, 1L, Long::sum);
      }
      out.add(new CaseFindings.LeakSubject(e.getKey(), s.accesses, status, List.copyOf(s.actors),
          s.accesses == 0 ? -1 : s.firstAccess));
    }
    return new CaseFindings.LeakCorrelation(pseudonyms.size(), accessed, accessedByFlagged, ownerOnly,
        ActorProfiler.sortedByCount(byEndpoint, Integer.MAX_VALUE), ActorProfiler.sortedByCount(byActor, Integer.MAX_VALUE),
        out);
  }

  /** Reference ids downloaded by the given tokens, mapped to the sample subject that owns the token. */
  private Map<String, Subject> familyReferences(Map<String, Subject> tokenOwner) {
    Map<String, Subject> out = new HashMap<>();
    Query q = new BooleanQuery.Builder()
        .add(FieldQueries.anyOf(Field.PRINCIPAL, tokenOwner.keySet()), Occur.FILTER)
        .add(FieldQueries.exact(Field.SUBJECT_KIND, "reference"), Occur.FILTER)
        .add(window.query(), Occur.FILTER).build();
    IndexReader reader = source.readerWith(q);
    IndexSearcher searcher = new IndexSearcher(reader);
    try {
      Weight w = searcher.createWeight(searcher.rewrite(q), ScoreMode.COMPLETE_NO_SCORES, 1f);
      for (LeafReaderContext ctx : reader.leaves()) {
        Scorer s = w.scorer(ctx);
        if (s == null) {
          continue;
        }
        SortedDocValues subject = ActorProfiler.sorted(ctx, Field.SUBJECT_ID);
        SortedDocValues principal = ActorProfiler.sorted(ctx, Field.PRINCIPAL);
        DocIdSetIterator it = s.iterator();
        for (int doc = it.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = it.nextDoc()) {
          String ref = ActorProfiler.value(subject, doc);
          Subject owner = tokenOwner.get(ActorProfiler.value(principal, doc));
          if (ref != null && owner != null) {
            out.put(ref, owner);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /** Records the accesses to the given subject ids, each credited to {@code target.get(id)}. */
  private void visit(Set<String> ids, Map<String, Subject> target, Map<String, Long> byEndpoint) {
    Query q = new BooleanQuery.Builder()
        .add(FieldQueries.anyOf(Field.SUBJECT_ID, ids), Occur.FILTER)
        .add(window.query(), Occur.FILTER).build();
    IndexReader reader = source.readerWith(q);
    IndexSearcher searcher = new IndexSearcher(reader);
    try {
      Weight w = searcher.createWeight(searcher.rewrite(q), ScoreMode.COMPLETE_NO_SCORES, 1f);
      for (LeafReaderContext ctx : reader.leaves()) {
        Scorer s = w.scorer(ctx);
        if (s == null) {
          continue;
        }
        NumericDocValues time = DocValues.getNumeric(ctx.reader(), Field.TIMESTAMP.fieldName());
        SortedDocValues subject = ActorProfiler.sorted(ctx, Field.SUBJECT_ID);
        SortedDocValues cls = ActorProfiler.sorted(ctx, Field.ENDPOINT_CLASS);
        SortedDocValues template = ActorProfiler.sorted(ctx, Field.URL_TEMPLATE);
        SortedDocValues principal = ActorProfiler.sorted(ctx, Field.PRINCIPAL);
        SortedDocValues ip = ActorProfiler.sorted(ctx, Field.SOURCE_IP);
        SortedDocValues auth = ActorProfiler.sorted(ctx, Field.AUTH_TYPE);
        SortedDocValues kind = ActorProfiler.sorted(ctx, Field.SUBJECT_KIND);
        DocIdSetIterator it = s.iterator();
        for (int doc = it.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = it.nextDoc()) {
          Subject subj = target.get(ActorProfiler.value(subject, doc));
          long ts = time.advanceExact(doc) ? time.longValue() : 0;
          String c = ActorProfiler.value(cls, doc);
          String t = ActorProfiler.value(template, doc);
          String p = ActorProfiler.value(principal, doc);
          String a = ActorProfiler.value(ip, doc);
          String at = ActorProfiler.value(auth, doc);
          String k = ActorProfiler.value(kind, doc);
          if (subj == null) {
            continue;
          }
          if (t != null && (t.contains("confirmOTP") || t.contains("validateMobileOtp")) && p != null) {
            subj.ownerTokens.add(p);
            continue;
          }
          if (c != null && NOT_ACCESS.contains(c)) {
            if (p != null) {
              subj.namedBy.add("principal:" + p);
            }
            if (a != null) {
              subj.namedBy.add("ip:" + a);
            }
            continue;
          }
          subj.accesses++;
          subj.firstAccess = Math.min(subj.firstAccess, ts);
          if (p != null) {
            subj.actors.add("principal:" + p);
          }
          if (a != null) {
            subj.actors.add("ip:" + a);
          }
          subj.accessList.add(new String[] {p, a, at, k});
          byEndpoint.merge(t != null ? t : "(unknown)", 1L, Long::sum);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String status(Subject s, Set<String> flagged) {
    if (s.accesses == 0) {
      // a number a flagged actor asked an OTP for is tied to it even without a record read
      for (String a : s.namedBy) {
        if (flagged.contains(a)) {
          return "flagged-actor";
        }
      }
      return "not-accessed";
    }
    for (String a : s.actors) {
      if (flagged.contains(a)) {
        return "flagged-actor";
      }
    }
    for (String a : s.namedBy) {
      if (flagged.contains(a)) {
        return "flagged-actor";
      }
    }
    boolean allOwner = true;
    boolean allExplained = true;
    for (String[] acc : s.accessList) {
      String principal = acc[0];
      String authType = acc[2];
      boolean owner = principal != null && "citizen".equals(authType)
          && (s.ownerTokens.contains(principal) || "reference".equals(acc[3]));
      boolean role = principal != null && ("vaccinator".equals(authType) || "partner".equals(authType));
      allOwner &= owner;
      allExplained &= owner || role;
    }
    return allOwner ? "owner-only" : allExplained ? "role-baseline" : "unexplained";
  }
}
