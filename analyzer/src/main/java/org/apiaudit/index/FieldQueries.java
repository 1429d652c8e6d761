package org.apiaudit.index;

import java.net.InetAddress;
import org.apache.lucene.document.InetAddressPoint;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.FieldExistsQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.RegexpQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.WildcardQuery;
import org.apache.lucene.util.automaton.RegExp;
import org.apiaudit.UserException;
import org.apiaudit.schema.Field;
import org.apiaudit.schema.FieldType;

/**
 * Builds Lucene queries for schema fields, choosing the right query for each field type.
 *
 * <p>The one place that knows how a field is indexed on the query side (the mirror of
 * {@link EventDocumentBuilder}): the search query parser and the rule compiler both go through
 * it, so a value means the same thing in an investigator's query and in a rule.
 */
public final class FieldQueries {
  private FieldQueries() {}

  /** Exact value: a term, a number, an address, or for IPs also a CIDR range {@code a.b.c.0/24}. */
  public static Query exact(Field field, String value) {
    switch (field.type()) {
      case INSTANT:
      case LONG:
        return LongPoint.newExactQuery(field.fieldName(), parseLong(field, value));
      case IP:
        return ipQuery(field, value);
      case STORED:
        throw notSearchable(field);
      default:
        return new TermQuery(new Term(field.fieldName(), value));
    }
  }

  /** Inclusive range; a null bound is open. */
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
        return LongPoint.newRangeQuery(field.fieldName(), lo, hi);
      }
      case IP: {
        InetAddress lo = lower == null ? InetAddressPoint.MIN_VALUE : address(field, lower);
        InetAddress hi = upper == null ? InetAddressPoint.MAX_VALUE : address(field, upper);
        if (!includeLower) {
          lo = InetAddressPoint.nextUp(lo);
        }
        if (!includeUpper) {
          hi = InetAddressPoint.nextDown(hi);
        }
        return InetAddressPoint.newRangeQuery(field.fieldName(), lo, hi);
      }
      case STORED:
      case TEXT:
        throw new UserException("field " + field + " does not support ranges");
      default:
        return org.apache.lucene.search.TermRangeQuery.newStringRange(
            field.fieldName(), lower, upper, includeLower, includeUpper);
    }
  }

  /** Values starting with {@code prefix}, case-sensitive (keyword fields only). */
  public static Query prefix(Field field, String prefix) {
    requireKeyword(field, "prefix");
    return new PrefixQuery(new Term(field.fieldName(), prefix));
  }

  /** Shell-style wildcard ({@code *}, {@code ?}) over a keyword field. */
  public static Query wildcard(Field field, String pattern) {
    requireKeyword(field, "wildcard");
    return new WildcardQuery(new Term(field.fieldName(), pattern));
  }

  /**
   * A regular expression (Lucene {@link RegExp} syntax, anchored at both ends) over a keyword
   * field, optionally ASCII case-insensitive.
   */
  public static Query regexp(Field field, String regex, boolean caseInsensitive) {
    requireKeyword(field, "regular expression");
    int flags = caseInsensitive ? RegExp.ASCII_CASE_INSENSITIVE : 0;
    return new RegexpQuery(new Term(field.fieldName(), regex), RegExp.ALL, flags,
        RegexpQuery.DEFAULT_PROVIDER, org.apache.lucene.util.automaton.Operations.DEFAULT_DETERMINIZE_WORK_LIMIT,
        RegexpQuery.CONSTANT_SCORE_BLENDED_REWRITE);
  }

  /**
   * A regular expression with explicit Lucene {@link RegExp} syntax flags ({@link RegExp#NONE}
   * keeps {@code @ # & ~ < >} literal, as PCRE-style rule authors expect), anchored at both
   * ends, optionally ASCII case-insensitive. Throws IllegalArgumentException for a malformed
   * expression, which callers turn into an error naming their source.
   */
  public static Query regexp(Field field, String regex, int syntaxFlags, boolean caseInsensitive) {
    requireKeyword(field, "regular expression");
    int flags = caseInsensitive ? RegExp.ASCII_CASE_INSENSITIVE : 0;
    return new RegexpQuery(new Term(field.fieldName(), regex), syntaxFlags, flags,
        RegexpQuery.DEFAULT_PROVIDER, org.apache.lucene.util.automaton.Operations.DEFAULT_DETERMINIZE_WORK_LIMIT,
        RegexpQuery.CONSTANT_SCORE_BLENDED_REWRITE);
  }

  /** Documents that have any value in the field. */
  public static Query exists(Field field) {
    if (field.type() == FieldType.TEXT || field.type() == FieldType.STORED) {
      throw new UserException("field " + field + " cannot be tested for existence");
    }
    if (!field.hasDocValues()) {
      // Keyword without doc values: any term matches.
      return new WildcardQuery(new Term(field.fieldName(), "*"));
    }
    return new FieldExistsQuery(field.fieldName());
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
      if (bits < 0 || bits > max) {
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
      throw new UserException("field " + field + " (" + field.type().name().toLowerCase(java.util.Locale.ROOT)
          + ") does not support " + what + " queries");
    }
  }

  private static UserException notSearchable(Field field) {
    return new UserException("field " + field + " is stored for display only and cannot be searched");
  }
}
