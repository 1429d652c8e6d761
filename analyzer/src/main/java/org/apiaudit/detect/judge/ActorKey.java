package org.apiaudit.detect.judge;

import java.util.List;
import java.util.stream.Collectors;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.Query;
import org.apiaudit.detect.correlate.GroupHit;
import org.apiaudit.detect.findings.CaseFindings;
import org.apiaudit.index.FieldQueries;
import org.apiaudit.schema.Field;

/**
 * An actor as rules group it: one or two fields and their values. One field gives an
 * {@code ip}, {@code subnet}, {@code principal} or {@code user_agent} actor; two fields (or any
 * other field) give a {@code cluster} whose members are the parts.
 */
public record ActorKey(List<Field> fields, List<String> values) {
  static String kindOf(Field f) {
    switch (f) {
      case SOURCE_IP: return "ip";
      case SOURCE_SUBNET: return "subnet";
      case PRINCIPAL: return "principal";
      case USER_AGENT: return "user_agent";
      default: return f.fieldName();
    }
  }

  public boolean isCluster() {
    return fields.size() != 1 || kindOf(fields.get(0)).equals(fields.get(0).fieldName());
  }

  public String kind() {
    return isCluster() ? "cluster" : kindOf(fields.get(0));
  }

  public String value() {
    if (!isCluster()) {
      return values.get(0);
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < fields.size(); i++) {
      sb.append(i == 0 ? "" : " + ").append(kindOf(fields.get(i))).append(':').append(values.get(i));
    }
    return sb.toString();
  }

  /** {@code kind:value}, as actors are cited in hypotheses and leak correlation. */
  public String label() {
    return kind() + ":" + value();
  }

  public List<CaseFindings.ActorRef> members() {
    if (!isCluster()) {
      return List.of();
    }
    return java.util.stream.IntStream.range(0, fields.size())
        .mapToObj(i -> new CaseFindings.ActorRef(kindOf(fields.get(i)), values.get(i)))
        .collect(Collectors.toList());
  }

  /** This actor's events: every field at its value. */
  public Query query() {
    BooleanQuery.Builder b = new BooleanQuery.Builder();
    for (int i = 0; i < fields.size(); i++) {
      b.add(FieldQueries.exact(fields.get(i), values.get(i)), Occur.FILTER);
    }
    return b.build();
  }

  /** This actor's events inside the periods in which {@code hits} fired. */
  public Query query(List<GroupHit> hits) {
    BooleanQuery.Builder periods = new BooleanQuery.Builder();
    for (GroupHit h : hits) {
      periods.add(LongPoint.newRangeQuery(Field.TIMESTAMP.fieldName(), h.first(), h.last()), Occur.SHOULD);
    }
    return new BooleanQuery.Builder().add(query(), Occur.FILTER).add(periods.build(), Occur.FILTER).build();
  }
}
