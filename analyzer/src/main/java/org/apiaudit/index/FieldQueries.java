package org.apiaudit.index;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.apache.lucene.document.InetAddressPoint;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.AutomatonQuery;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.FieldExistsQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.MultiTermQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.RegexpQuery;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TermRangeQuery;
import org.apache.lucene.search.WildcardQuery;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.automaton.Automaton;
import org.apache.lucene.util.automaton.Operations;
import org.apache.lucene.util.automaton.RegExp;
import org.apache.lucene.util.automaton.TooComplexToDeterminizeException;
import org.apiaudit.UserException;
import org.apiaudit.schema.Field;
import org.apiaudit.schema.FieldType;

/**
 * Builds Lucene queries for schema fields, choosing the right query for each field type and
 * for how the field is indexed.
 *
 * <p>The one place that knows how a field is indexed on the query side (the mirror of
 * {@link EventDocumentBuilder}): the search query parser and the rule compiler both go through
 * it, so a value means the same thing in an investigator's query and in a rule. Fields with
 * terms or points use them; fields kept only as doc values are matched by scanning doc values
 * (only sensible inside a query with a selective clause, which is how they are used); text
 * fields match words of their keyword source.
 */
public final class FieldQueries {
  /** What separates words in a user agent: anything but ASCII letters and digits. */
  private static final String NON_WORD = "[^a-zA-Z0-9]";

  private FieldQueries() {}

  /**
   * Events whose instant {@code field}, read in UTC, has a {@code part} (Sigma's time modifiers:
   * minute, hour, day of month, ISO week, month, year) that passes {@code test}.
   */
  public static Query timePart(Field field, java.time.temporal.TemporalField part, java.util.function.LongPredicate test) {
    if (field.type() != FieldType.INSTANT || !field.hasDocValues()) {
      throw new UserException("time modifiers apply to timestamps; " + field + " is not one");
    }
    return DocValuesScanQuery.numeric(field.fieldName(), field + "|" + part,
        ms -> test.test(java.time.Instant.ofEpochMilli(ms).atZone(java.time.ZoneOffset.UTC).getLong(part)));
  }

  /** Events where {@code a} and {@code b} hold the same value (Sigma {@code |fieldref}). */
  public static Query sameValue(Field a, Field b) {
    for (Field f : List.of(a, b)) {
      if (!f.hasDocValues()) {
        throw new UserException("fieldref compares column values; " + f + " has none (only fields with doc values: "
            + "grouped-by fields, user_agent.original, source.ip, numbers)");
      }
    }
    if (a.isNumeric() != b.isNumeric()) {
      throw new UserException("fieldref compares like with like; " + a + " and " + b + " differ in type");
    }
    return a.isNumeric() ? DocValuesScanQuery.sameNumber(a.fieldName(), b.fieldName())
        : DocValuesScanQuery.sameKeyword(a.fieldName(), b.fieldName());
  }

  /** Exact value: a term, a number, an address, or for IPs also a CIDR range {@code a.b.c.0/24}. */
  public static Query exact(Field field, String value) {
    switch (field.type()) {
      case INSTANT:
      case LONG: {
        long v = parseLong(field, value);
        return field.isSearchable() ? LongPoint.newExactQuery(field.fieldName(), v)
            : NumericDocValuesField.newSlowExactQuery(field.fieldName(), v);
      }
      case IP:
        return ipQuery(field, value);
      case STORED:
        throw notSearchable(field);
      case TEXT:
        return words(field, value);
      default:
        if (field == Field.SOURCE_SUBNET) {
          return subnet(value);
        }
        return field.isSearchable() ? new TermQuery(new Term(field.fieldName(), value))
            : SortedDocValuesField.newSlowExactQuery(field.fieldName(), new BytesRef(value));
    }
  }

  /**
   * One subnet: its doc values checked only on the events whose {@code source.ip} lies in it
   * (found through the address points), not on every event of the index. Ingest derives the
   * subnet from the address ({@link IpAddresses#subnetOf}), so both clauses select the same events.
   */
  private static Query subnet(String value) {
    Query exact = SortedDocValuesField.newSlowExactQuery(Field.SOURCE_SUBNET.fieldName(), new BytesRef(value));
    if (IpAddresses.parse(value.substring(0, Math.max(0, value.indexOf('/')))) == null) {
      return exact;
    }
    try {
      return new BooleanQuery.Builder()
          .add(ipQuery(Field.SOURCE_IP, value), BooleanClause.Occur.FILTER)
          .add(exact, BooleanClause.Occur.FILTER)
          .build();
    } catch (UserException notACidr) {
      return exact;
    }
  }

  /**
   * Any of {@code values}, each an exact value (no CIDR): one set query, whichever way the
   * schema indexes the field (points, terms, or doc values alone).
   */
  public static Query anyOf(Field field, Collection<String> values) {
    switch (field.type()) {
      case IP: {
        List<InetAddress> addresses = new ArrayList<>();
        for (String v : values) {
          InetAddress a = IpAddresses.parse(v);
          if (a != null) {
            addresses.add(a);
          }
        }
        return addresses.isEmpty() ? new MatchNoDocsQuery()
            : InetAddressPoint.newSetQuery(field.fieldName(), addresses.toArray(new InetAddress[0]));
      }
      case KEYWORD: {
        List<BytesRef> terms = values.stream().map(BytesRef::new).toList();
        return field.isSearchable() ? new TermInSetQuery(field.fieldName(), terms)
            : SortedDocValuesField.newSlowSetQuery(field.fieldName(), terms);
      }
      case LONG: {
        long[] numbers = values.stream().mapToLong(v -> parseLong(field, v)).toArray();
        return field.isSearchable() ? LongPoint.newSetQuery(field.fieldName(), numbers)
            : NumericDocValuesField.newSlowSetQuery(field.fieldName(), numbers);
      }
      default: {
        BooleanQuery.Builder any = new BooleanQuery.Builder();
        for (String v : values) {
          any.add(exact(field, v), BooleanClause.Occur.SHOULD);
        }
        return any.build();
      }
    }
  }

  /** Range; a null bound is open. */
  public static Query range(Field field, String lower, String upper, boolean includeLower,
      boolean includeUpper) {
    switch (field.type()) {
      case INSTANT:
      case LONG: {
        long lo = lower == null ? Long.MIN_VALUE : parseLong(field, lower);
        long hi = upper == null ? Long.MAX_VALUE : parseLong(field, upper);
        if (!includeLower) {
          if (lo == Long.MAX_VALUE) {
            return new MatchNoDocsQuery();
          }
          lo++;
        }
        if (!includeUpper) {
          if (hi == Long.MIN_VALUE) {
            return new MatchNoDocsQuery();
          }
          hi--;
        }
        return field.isSearchable() ? LongPoint.newRangeQuery(field.fieldName(), lo, hi)
            : NumericDocValuesField.newSlowRangeQuery(field.fieldName(), lo, hi);
      }
      case IP: {
        InetAddress lo = lower == null ? InetAddressPoint.MIN_VALUE : address(field, lower);
        InetAddress hi = upper == null ? InetAddressPoint.MAX_VALUE : address(field, upper);
        if (!includeLower) {
          if (lo.equals(InetAddressPoint.MAX_VALUE)) {
            return new MatchNoDocsQuery(); // nextUp would overflow: nothing lies above
          }
          lo = InetAddressPoint.nextUp(lo);
        }
        if (!includeUpper) {
          if (hi.equals(InetAddressPoint.MIN_VALUE)) {
            return new MatchNoDocsQuery();
          }
          hi = InetAddressPoint.nextDown(hi);
        }
        return InetAddressPoint.newRangeQuery(field.fieldName(), lo, hi);
      }
      case STORED:
      case TEXT:
        throw new UserException("field " + field + " does not support ranges");
      default:
        if (!field.isSearchable()) {
          return SortedDocValuesField.newSlowRangeQuery(field.fieldName(),
              lower == null ? null : new BytesRef(lower), upper == null ? null : new BytesRef(upper),
              includeLower, includeUpper);
        }
        return TermRangeQuery.newStringRange(field.fieldName(), lower, upper, includeLower, includeUpper);
    }
  }

  /** Values starting with {@code prefix}, case-sensitive (keyword fields only). */
  public static Query prefix(Field field, String prefix) {
    requireKeyword(field, "prefix");
    return new PrefixQuery(new Term(field.fieldName(), prefix), rewrite(field));
  }

  /** Shell-style wildcard ({@code *}, {@code ?}) over a keyword field, or over a text field's words. */
  public static Query wildcard(Field field, String pattern) {
    if (field.type() == FieldType.TEXT) {
      return words(field, pattern);
    }
    requireKeyword(field, "wildcard");
    return new WildcardQuery(new Term(field.fieldName(), pattern), Operations.DEFAULT_DETERMINIZE_WORK_LIMIT,
        rewrite(field));
  }

  /**
   * A regular expression (Lucene {@link RegExp} syntax with all its operators, anchored at both
   * ends) over a keyword field, optionally ASCII case-insensitive.
   */
  public static Query regexp(Field field, String regex, boolean caseInsensitive) {
    return regexp(field, regex, RegExp.ALL, caseInsensitive);
  }

  /** A regular expression with the given {@link RegExp} syntax flags (e.g. {@link RegExp#NONE}). */
  public static Query regexp(Field field, String regex, int syntaxFlags, boolean caseInsensitive) {
    requireKeyword(field, "regular expression");
    return new RegexpAutomatonQuery(new Term(field.fieldName(), regex),
        regexpAutomaton(regex, syntaxFlags, caseInsensitive), rewrite(field), syntaxFlags, caseInsensitive);
  }

  /**
   * The automaton of a regular expression: the language {@link RegexpQuery} matches, built
   * without Lucene 9's repeated minimisation ({@link RegexpAutomata}). Building it is the costly
   * part of a regular expression query: a caller matching one expression against several fields
   * builds it once and passes it to {@link #regexp(Field, String, Automaton, int, boolean)}.
   *
   * @throws TooComplexToDeterminizeException when it would exceed Lucene's default work limit
   */
  public static Automaton regexpAutomaton(String regex, int syntaxFlags, boolean caseInsensitive) {
    int flags = caseInsensitive ? RegExp.ASCII_CASE_INSENSITIVE : 0;
    return RegexpAutomata.of(new RegExp(regex, syntaxFlags, flags), caseInsensitive,
        Operations.DEFAULT_DETERMINIZE_WORK_LIMIT);
  }

  /**
   * A query for {@code automaton}, built by {@link #regexpAutomaton} from {@code regex} with
   * {@code syntaxFlags} and {@code caseInsensitive}, over a keyword field; the flags and case mode
   * are kept so that another engine can run the same expression.
   */
  public static Query regexp(Field field, String regex, Automaton automaton, int syntaxFlags, boolean caseInsensitive) {
    requireKeyword(field, "regular expression");
    MultiTermQuery.RewriteMethod rewrite = field.isSearchable() ? MultiTermQuery.CONSTANT_SCORE_BLENDED_REWRITE
        : MultiTermQuery.DOC_VALUES_REWRITE;
    return new RegexpAutomatonQuery(new Term(field.fieldName(), regex), automaton, rewrite, syntaxFlags,
        caseInsensitive);
  }

  /**
   * A prebuilt regular-expression automaton over a field, shown like a {@link RegexpQuery}; it
   * keeps its expression's syntax flags and case mode so the query can be sent to another
   * engine (OpenSearch) as the same regular expression.
   */
  public static final class RegexpAutomatonQuery extends AutomatonQuery {
    private final int syntaxFlags;
    private final boolean caseInsensitive;

    RegexpAutomatonQuery(Term regex, Automaton automaton, MultiTermQuery.RewriteMethod rewrite, int syntaxFlags,
        boolean caseInsensitive) {
      super(regex, automaton, Operations.DEFAULT_DETERMINIZE_WORK_LIMIT, false, rewrite);
      this.syntaxFlags = syntaxFlags;
      this.caseInsensitive = caseInsensitive;
    }

    /** The regular expression as written. */
    public String regex() {
      return term.text();
    }

    /** Its {@link RegExp} syntax flags. */
    public int syntaxFlags() {
      return syntaxFlags;
    }

    public boolean caseInsensitive() {
      return caseInsensitive;
    }

    @Override
    public String toString(String field) {
      return (term.field().equals(field) ? "" : term.field() + ":") + "/" + term.text() + "/";
    }
  }

  /**
   * Words of a text field, in order and adjacent ({@code "python requests"} matches
   * {@code python-requests/2.31}), ASCII case-insensitive; {@code *} and {@code ?} inside a
   * word match letters and digits. Matched against the distinct values of the keyword field
   * the text is derived from, so nothing is tokenised at ingest.
   */
  public static Query words(Field field, String text) {
    Field source = field.textSource();
    if (source == null) {
      throw new UserException("field " + field + " is not a text field");
    }
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    for (int i = 0; i <= text.length(); i++) {
      char c = i < text.length() ? text.charAt(i) : ' ';
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
        word.append(c);
      } else if (c == '*') {
        word.append("[a-zA-Z0-9]*");
      } else if (c == '?') {
        word.append("[a-zA-Z0-9]");
      } else if (word.length() > 0) {
        words.add(word.toString());
        word.setLength(0);
      }
    }
    if (words.isEmpty()) {
      return new MatchNoDocsQuery();
    }
    String regex = "(.*" + NON_WORD + ")?" + String.join(NON_WORD + "+", words) + "(" + NON_WORD + ".*)?";
    return regexp(source, regex, RegExp.NONE, true);
  }

  /** Documents that have any value in the field. */
  public static Query exists(Field field) {
    if (field.type() == FieldType.TEXT) {
      return exists(field.textSource());
    }
    if (field.type() == FieldType.STORED) {
      throw new UserException("field " + field + " cannot be tested for existence");
    }
    if (!field.hasDocValues()) {
      // Keyword without doc values: any term matches.
      return new WildcardQuery(new Term(field.fieldName(), "*"));
    }
    return new FieldExistsQuery(field.fieldName());
  }

  private static MultiTermQuery.RewriteMethod rewrite(Field field) {
    return field.isSearchable() ? MultiTermQuery.CONSTANT_SCORE_BLENDED_REWRITE : MultiTermQuery.DOC_VALUES_REWRITE;
  }

  private static Query ipQuery(Field field, String value) {
    int slash = value.indexOf('/');
    if (slash > 0) {
      InetAddress base = address(field, value.substring(0, slash));
      int bits;
      try {
        bits = Integer.parseInt(value.substring(slash + 1));
      } catch (NumberFormatException e) {
        throw new UserException("bad CIDR prefix length in " + field + ":" + value);
      }
      int max = base.getAddress().length * 8;
      if (base.getAddress().length == 4 && value.substring(0, slash).contains(":")) {
        // An IPv4-mapped IPv6 literal (::ffff:10.0.0.0) parses as IPv4, but its prefix length
        // counts IPv6 bits: /104 is the IPv4 /8. Shorter prefixes would span non-IPv4 space.
        if (bits < 96 || bits > 128) {
          throw new UserException("CIDR prefix length of an IPv4-mapped address must be 96..128 in "
              + field + ":" + value);
        }
        bits -= 96;
      } else if (bits < 0 || bits > max) {
        throw new UserException("CIDR prefix length must be 0.." + max + " in " + field + ":" + value);
      }
      return InetAddressPoint.newPrefixQuery(field.fieldName(), base, bits);
    }
    return InetAddressPoint.newExactQuery(field.fieldName(), address(field, value));
  }

  private static InetAddress address(Field field, String value) {
    InetAddress a = IpAddresses.parse(value);
    if (a == null) {
      throw new UserException("field " + field + " takes an IP address or CIDR range; got: " + value);
    }
    return a;
  }

  /** Parses a number, or for instants an ISO-8601 date/time, or epoch milliseconds. */
  public static long parseLong(Field field, String value) {
    if (field.type() == FieldType.INSTANT) {
      return Instants.parse(value);
    }
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      throw new UserException("field " + field + " takes a whole number; got: " + value);
    }
  }

  private static void requireKeyword(Field field, String what) {
    if (field.type() != FieldType.KEYWORD) {
      throw new UserException("field " + field + " (" + field.type().name().toLowerCase(Locale.ROOT)
          + ") does not support " + what + " queries");
    }
  }

  private static UserException notSearchable(Field field) {
    return new UserException("field " + field + " is stored for display only and cannot be searched");
  }
}
