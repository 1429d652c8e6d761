package org.apiaudit.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apiaudit.schema.Event;
import org.apiaudit.schema.Field;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exact and set queries find values however the schema indexes the field. */
class FieldQueriesTest {
  @TempDir
  Path dir;

  private IndexSearcher index() throws IOException {
    EventDocumentBuilder builder = new EventDocumentBuilder();
    try (IndexWriter w = EventIndex.openWriter(dir, 16)) {
      String[][] rows = {{"10.1.2.3", "10.1.2.0/24", "vcn-1", "200"}, {"10.1.2.9", "10.1.2.0/24", "vcn-2", "404"},
          {"192.0.2.7", "192.0.2.0/24", "vcn-3", "200"}};
      long ts = 1_686_000_000_000L;
      for (String[] r : rows) {
        Event e = new Event();
        e.set(Field.TIMESTAMP, ts++);
        e.set(Field.SOURCE_IP, r[0]);
        e.set(Field.SOURCE_SUBNET, r[1]);
        e.set(Field.PRINCIPAL, r[2]);
        e.set(Field.STATUS, Long.parseLong(r[3]));
        w.addDocument(builder.build(e));
      }
      w.commit();
    }
    return new IndexSearcher(ColumnViews.wrap(DirectoryReader.open(org.apache.lucene.store.FSDirectory.open(dir))));
  }

  @Test
  void anyOfMatchesPointTermAndDocValuesOnlyFields() throws IOException {
    IndexSearcher s = index();
    assertEquals(2, count(s, FieldQueries.anyOf(Field.SOURCE_IP, List.of("10.1.2.3", "192.0.2.7", "not-an-ip"))));
    assertEquals(2, count(s, FieldQueries.anyOf(Field.PRINCIPAL, List.of("vcn-1", "vcn-3", "vcn-9"))));
    // source.subnet has doc values only (grouped by, never searched alone by term).
    assertEquals(3, count(s, FieldQueries.anyOf(Field.SOURCE_SUBNET, List.of("10.1.2.0/24", "192.0.2.0/24"))));
    assertEquals(2, count(s, FieldQueries.anyOf(Field.STATUS, List.of("200"))));
    assertEquals(0, count(s, FieldQueries.anyOf(Field.SOURCE_IP, List.of("not-an-ip"))));
    s.getIndexReader().close();
  }

  @Test
  void exactMatchesDocValuesOnlyField() throws IOException {
    IndexSearcher s = index();
    assertEquals(2, count(s, FieldQueries.exact(Field.SOURCE_SUBNET, "10.1.2.0/24")));
    assertEquals(1, count(s, FieldQueries.exact(Field.SOURCE_IP, "192.0.2.0/24")));
    s.getIndexReader().close();
  }

  @Test
  void aSubnetIsFoundThroughItsAddressesAndStillCheckedExactly() throws IOException {
    EventDocumentBuilder builder = new EventDocumentBuilder();
    String[] ips = {"10.1.2.3", "10.1.2.9", "10.1.3.1", "2001:db8:1:2::5", "2001:db8:1:2:ff::1", "2001:db8:1:3::5"};
    try (IndexWriter w = EventIndex.openWriter(dir, 16)) {
      long ts = 1_686_000_000_000L;
      for (String ip : ips) {
        Event e = new Event();
        e.set(Field.TIMESTAMP, ts++);
        e.set(Field.SOURCE_IP, ip);
        e.set(Field.SOURCE_SUBNET, IpAddresses.subnetOf(ip));
        w.addDocument(builder.build(e));
      }
      Event odd = new Event(); // a subnet value that is no CIDR range (never made by ingest)
      odd.set(Field.TIMESTAMP, ts);
      odd.set(Field.SOURCE_SUBNET, "unknown");
      w.addDocument(builder.build(odd));
      w.commit();
    }
    try (DirectoryReader r = ColumnViews.wrap(DirectoryReader.open(org.apache.lucene.store.FSDirectory.open(dir)))) {
      IndexSearcher s = new IndexSearcher(r);
      Query v4 = FieldQueries.exact(Field.SOURCE_SUBNET, "10.1.2.0/24");
      assertTrue(v4.toString().contains("source.ip:[10.1.2.0 TO 10.1.2.255]"), v4.toString());
      assertEquals(2, count(s, v4));
      assertEquals(2, count(s, FieldQueries.exact(Field.SOURCE_SUBNET, IpAddresses.subnetOf("2001:db8:1:2::5"))));
      assertEquals(1, count(s, FieldQueries.exact(Field.SOURCE_SUBNET, "unknown")));
      assertEquals(0, count(s, FieldQueries.exact(Field.SOURCE_SUBNET, "10.1.4.0/24")));
    }
  }

  private static int count(IndexSearcher s, Query q) throws IOException {
    return s.count(q);
  }
}
