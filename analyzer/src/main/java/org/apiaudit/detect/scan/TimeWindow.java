package org.apiaudit.detect.scan;

import org.apache.lucene.document.LongPoint;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apiaudit.schema.Field;

/**
 * The analysed window in log time, inclusive, epoch ms; {@link Long#MIN_VALUE} / {@link Long#MAX_VALUE}
 * for open ends.
 */
public record TimeWindow(long from, long to) {
  public static final TimeWindow ALL = new TimeWindow(Long.MIN_VALUE, Long.MAX_VALUE);

  public TimeWindow {
    if (from > to) {
      throw new org.apiaudit.UserException("--from must not be after --to");
    }
  }

  public Query query() {
    if (from == Long.MIN_VALUE && to == Long.MAX_VALUE) {
      return new MatchAllDocsQuery();
    }
    return LongPoint.newRangeQuery(Field.TIMESTAMP.fieldName(), from, to);
  }
}
