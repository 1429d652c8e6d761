package org.apiaudit.nightly;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apiaudit.index.IndexManifest;

/**
 * The nightly job's own state, kept in the index's commit data next to the manifest, so that
 * it is committed atomically with the documents it describes and a copy of the index folder
 * carries it:
 *
 * <ul>
 *   <li>{@value #PENDING}: the time range of events ingested but not yet through detection and
 *       a report. Set in the same commit as the events; cleared in the commit that records
 *       their findings as reported. A run killed in between leaves it set, and the next run
 *       detects over it again, so no event escapes detection.
 *   <li>{@value #REPORTED}: the findings already reported ({@link ReportedFindings}).
 *   <li>{@value #LAST_RUN}: when the last run completed (ISO-8601), for humans.
 * </ul>
 */
final class NightlyState {
  static final String PENDING = "nightly.pending";
  static final String REPORTED = "nightly.reported";
  static final String LAST_RUN = "nightly.last-run";

  private static final ObjectMapper JSON = new ObjectMapper();

  /** A time range in epoch ms, inclusive. */
  record Range(long from, long to) {
    Range union(Range other) {
      return other == null ? this : new Range(Math.min(from, other.from), Math.max(to, other.to));
    }
  }

  private NightlyState() {}

  static Range pending(IndexManifest m) {
    String v = m.extra(PENDING);
    if (v == null) {
      return null;
    }
    int comma = v.indexOf(',');
    try {
      return new Range(Long.parseLong(v.substring(0, comma)), Long.parseLong(v.substring(comma + 1)));
    } catch (RuntimeException e) {
      throw new IllegalStateException("index commit data " + PENDING + " is corrupt; got: " + v, e);
    }
  }

  static IndexManifest withPending(IndexManifest m, Range r) {
    return m.withExtra(PENDING, r == null ? null : r.from() + "," + r.to());
  }

  static ReportedFindings reported(IndexManifest m) {
    String v = m.extra(REPORTED);
    if (v == null) {
      return ReportedFindings.EMPTY;
    }
    try {
      return JSON.readValue(v, ReportedFindings.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("index commit data " + REPORTED + " is corrupt: " + e.getOriginalMessage(), e);
    }
  }

  static IndexManifest withReported(IndexManifest m, ReportedFindings r) {
    try {
      return m.withExtra(REPORTED, JSON.writeValueAsString(r));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
