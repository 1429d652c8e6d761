package org.apiaudit.index;

import static org.apiaudit.index.SortedColumnAssertions.assertSameColumn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.DocValuesType;
import org.apache.lucene.index.FieldInfos;
import org.apache.lucene.index.FilterLeafReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.search.FieldExistsQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;
import org.apiaudit.engine.LuceneEventStore;
import org.apiaudit.schema.Event;
import org.apiaudit.schema.Field;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SubnetColumnTest {
  private static final String SUBNET = Field.SOURCE_SUBNET.fieldName();
  private static final ColumnLayout SORTED_SUBNET = new ColumnLayout(true, false);

  @TempDir Path dir;

  @Test
  void theSubnetOfAnAddressIsRecognisedWithoutBuildingIt() {
    assertTrue(IpAddresses.isSubnetOf("10.1.2.0/24", "10.1.2.3"));
    assertTrue(IpAddresses.isSubnetOf("2001:db8:0:1::/64", "2001:db8:0:1::5"));
    assertTrue(IpAddresses.isSubnetOf("10.1.2.0/24", "::ffff:10.1.2.3"));
    for (String[] no : new String[][] {{"10.1.2.0/25", "10.1.2.3"}, {"10.1.20.0/24", "10.1.2.3"},
        {"10.1.2.0/24x", "10.1.2.3"}, {"10.1.2.0/2", "10.1.2.3"}, {"10.1.2.1/24", "10.1.2.3"},
        {"2001:db8:0:2::/64", "2001:db8:0:1::5"}, {"10.1.2.0/24", "not-an-address"}}) {
      assertFalse(IpAddresses.isSubnetOf(no[0], no[1]), String.join(" of ", no));
    }
  }

  @Test
  void theSubnetOfAnAddressesBytesIsTheSubnetOfItsText() {
    org.apache.lucene.util.BytesRefBuilder out = new org.apache.lucene.util.BytesRefBuilder();
    for (String address : List.of("10.1.2.3", "1.2.3.4", "255.255.255.255", "010.1.2.3", "2001:db8:0:1::5",
        "2001:db8::1", "::ffff:10.1.2.77", "fe80::1%eth0", "::1", "1.2.3", "1.2.3.4.5", "256.1.2.3", "not-an-address",
        "1.2.3.4:80", "é.1.2.3")) {
      BytesRef bytes = new BytesRef("xx" + address);
      bytes.offset = 2;
      bytes.length -= 2;
      String expected = IpAddresses.subnetOf(address);
      assertEquals(expected != null, SubnetColumn.subnetOf(bytes, out), address);
      if (expected != null) {
        assertEquals(expected, out.get().utf8ToString(), address);
      }
    }
  }

  @Test
  void onlyASubnetThatIsNotTheAddressesOwnIsWritten() {
    assertNull(SubnetColumn.exception("10.1.2.0/24", "10.1.2.3"));
    assertNull(SubnetColumn.exception(null, null));
    assertEquals("10.9.9.0/24", SubnetColumn.exception("10.9.9.0/24", "10.1.2.3"));
    assertEquals("office", SubnetColumn.exception("office", null));
    assertEquals("", SubnetColumn.exception(null, "10.1.2.3"), "an address without a subnet is marked");
  }

  /**
   * The derived layout read through {@link ColumnViews#wrap} gives, segment by segment, the same
   * ordinals, values, lookups and text as the sorted layout of the same documents, with
   * deletions; Lucene's doc-values queries count the same.
   */
  @Test
  void derivedSubnetReadsExactlyAsTheSortedColumnOfTheSameDocuments() throws IOException {
    long seed = new Random().nextLong();
    List<List<Event>> segments = randomSegments(new Random(seed));
    String why = "seed " + seed;
    try (DirectoryReader derived = write(dir.resolve("derived"), segments, ColumnLayout.CURRENT);
        DirectoryReader sorted = write(dir.resolve("sorted"), segments, SORTED_SUBNET)) {
      assertEquals(sorted.leaves().size(), derived.leaves().size(), why);
      for (int i = 0; i < derived.leaves().size(); i++) {
        LeafReader d = derived.leaves().get(i).reader();
        LeafReader s = sorted.leaves().get(i).reader();
        String what = why + " segment " + i;
        assertEquals(DocValuesType.SORTED, s.getFieldInfos().fieldInfo(SUBNET).getDocValuesType(), what);
        assertEquals(DocValuesType.SORTED, d.getFieldInfos().fieldInfo(SUBNET).getDocValuesType(), what);
        assertNull(FilterLeafReader.unwrap(d).getFieldInfos().fieldInfo(SUBNET), "really not written: " + what);
        assertTrue(FilterLeafReader.unwrap(d).getSortedDocValues(SUBNET + ColumnViews.TEXT_SUFFIX).cost()
            < s.maxDoc() / 2, "only the exceptions are written: " + what);
        assertSameColumn(DocValues.getSorted(s, SUBNET), DocValues.getSorted(d, SUBNET), what);
        assertSameLookups(DocValues.getSorted(s, SUBNET), DocValues.getSorted(d, SUBNET), what);
        assertSameText(s, d, what);
      }
      IndexSearcher a = new IndexSearcher(sorted);
      IndexSearcher b = new IndexSearcher(derived);
      List<Query> queries = new ArrayList<>();
      for (String v : List.of("10.1.2.0/24", "10.1.20.0/24", "2001:db8:0:1::/64", "office", "192.0.2.0/24", "1.2.3.0/24")) {
        queries.add(SortedDocValuesField.newSlowExactQuery(SUBNET, new BytesRef(v)));
        queries.add(FieldQueries.exact(Field.SOURCE_SUBNET, v));
      }
      queries.add(SortedDocValuesField.newSlowRangeQuery(SUBNET, new BytesRef("10.1"), new BytesRef("2"), true, false));
      queries.add(SortedDocValuesField.newSlowRangeQuery(SUBNET, new BytesRef("2001:"), null, true, true));
      queries.add(new FieldExistsQuery(SUBNET));
      for (Query q : queries) {
        assertEquals(a.count(q), b.count(q), why + " " + q);
      }
      assertTrue(b.count(queries.get(0)) > 0 && b.count(queries.get(queries.size() - 2)) > 0, why);
    }
  }

  @Test
  void anIndexWrittenWithASortedSubnetKeepsItWhenMoreIsAdded() throws IOException {
    Path index = dir.resolve("old");
    List<List<Event>> segments = randomSegments(new Random(11));
    write(index, segments.subList(0, 1), SORTED_SUBNET).close();
    try (IndexWriter writer = EventIndex.openWriter(index)) {
      assertEquals(SORTED_SUBNET, EventIndex.layout(writer));
      var batch = new LuceneEventStore(writer).openBatch("x");
      for (Event e : segments.get(1)) {
        batch.add(e);
      }
      writer.commit();
    }
    try (DirectoryReader reader = EventIndex.openReader(index)) {
      assertEquals(2, reader.leaves().size());
      assertFalse(ColumnLayout.of(FieldInfos.getMergedFieldInfos(reader)).derivesSubnet());
      for (var leaf : reader.leaves()) {
        assertEquals(DocValuesType.SORTED, FilterLeafReader.unwrap(leaf.reader()).getFieldInfos().fieldInfo(SUBNET)
            .getDocValuesType(), "written sorted in every segment");
      }
      // write() deleted the first segment's 404s
      long withSubnet = segments.get(0).stream().filter(e -> e.has(Field.SOURCE_SUBNET) && e.getLong(Field.STATUS) != 404)
          .count() + segments.get(1).stream().filter(e -> e.has(Field.SOURCE_SUBNET)).count();
      assertEquals(withSubnet, new IndexSearcher(reader).count(new FieldExistsQuery(SUBNET)));
    }
    try (IndexWriter writer = EventIndex.openWriter(dir.resolve("new"))) {
      assertEquals(ColumnLayout.CURRENT, EventIndex.layout(writer), "a new index derives its subnets");
    }
  }

  /** A segment of an index written before whose events have addresses but no subnet derives none. */
  @Test
  void aSegmentWithoutSubnetsInAnIndexWrittenBeforeDerivesNone() throws IOException {
    Event withSubnet = new Event().set(Field.TIMESTAMP, 1L).set(Field.SOURCE_IP, "10.1.2.3")
        .set(Field.SOURCE_SUBNET, "10.1.2.0/24");
    Event withoutSubnet = new Event().set(Field.TIMESTAMP, 2L).set(Field.SOURCE_IP, "10.1.2.4");
    try (DirectoryReader old = write(dir.resolve("old"), List.of(List.of(withSubnet), List.of(withoutSubnet)),
        SORTED_SUBNET)) {
      assertEquals(2, old.leaves().size());
      assertEquals(1, new IndexSearcher(old).count(new FieldExistsQuery(SUBNET)));
      assertNull(old.leaves().get(1).reader().getFieldInfos().fieldInfo(SUBNET));
    }
    try (DirectoryReader current = write(dir.resolve("new"), List.of(List.of(withSubnet), List.of(withoutSubnet)),
        ColumnLayout.CURRENT)) {
      assertEquals(1, new IndexSearcher(current).count(new FieldExistsQuery(SUBNET)), "the empty marker");
    }
  }

  private static void assertSameLookups(SortedDocValues expected, SortedDocValues actual, String what)
      throws IOException {
    for (String v : List.of("", "0", "10.1.2.0/24", "10.1.2.0/23", "2001:db8:0:1::/64", "office", "z")) {
      assertEquals(expected.lookupTerm(new BytesRef(v)), actual.lookupTerm(new BytesRef(v)), what + " " + v);
    }
  }

  private static void assertSameText(LeafReader sorted, LeafReader derived, String what) throws IOException {
    ColumnViews.TextColumn a = ColumnViews.text(sorted, Field.SOURCE_SUBNET);
    ColumnViews.TextColumn b = ColumnViews.text(derived, Field.SOURCE_SUBNET);
    for (int doc = 0; doc < sorted.maxDoc(); doc += 2) {
      assertEquals(a.at(doc), b.at(doc), what + " doc " + doc);
    }
  }

  /** Writes {@code segments} (one commit each), deletes every event with status 404, reads it wrapped. */
  private static DirectoryReader write(Path index, List<List<Event>> segments, ColumnLayout layout)
      throws IOException {
    try (IndexWriter writer = EventIndex.openWriter(index)) {
      EventDocumentBuilder builder = new EventDocumentBuilder(layout);
      for (List<Event> segment : segments) {
        for (Event e : segment) {
          writer.addDocument(builder.reuse(e));
        }
        writer.commit();
      }
      writer.deleteDocuments(FieldQueries.exact(Field.STATUS, "404"));
      writer.commit();
    }
    return ColumnViews.wrap(DirectoryReader.open(FSDirectory.open(index)));
  }

  /**
   * Three segments of events whose addresses share /24s and /64s in text orders that differ from
   * their subnets' (10.1.2.x, 10.1.20.x, 10.1.2x.x; compressed IPv6; an IPv4-mapped one), with
   * subnets that are not the address's own (one of them another event's), subnets without an
   * address, addresses without a subnet, an unparsable address, and events with neither.
   */
  private static List<List<Event>> randomSegments(Random random) {
    List<String> addresses = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      addresses.add("10.1." + List.of("2", "20", "21", "3").get(random.nextInt(4)) + "." + random.nextInt(256));
    }
    for (int i = 0; i < 20; i++) {
      addresses.add(String.format("2001:db8:%x:%x::%x", random.nextInt(3), random.nextInt(3), random.nextInt(65536)));
    }
    addresses.addAll(List.of("2001:db8::1", "2001:db8:0:1::5", "::ffff:10.1.2.77", "1.2.3.4", "not-an-address"));
    List<String> odd = List.of("office", "10.1.2.0/24", "2001:db8:0:1::/64", "192.0.2.0/24", "10.1.20.0/23");
    List<List<Event>> out = new ArrayList<>();
    long t = 1_686_528_000_000L;
    for (int s = 0; s < 3; s++) {
      List<Event> segment = new ArrayList<>();
      int n = 80 + random.nextInt(60);
      for (int i = 0; i < n; i++) {
        Event e = new Event().set(Field.TIMESTAMP, t += random.nextInt(5000))
            .set(Field.STATUS, random.nextInt(6) == 0 ? 404 : 200);
        int kind = random.nextInt(20);
        String address = kind < 18 ? addresses.get(random.nextInt(addresses.size())) : null;
        e.set(Field.SOURCE_IP, address);
        if (kind == 0 || kind == 18) {
          e.set(Field.SOURCE_SUBNET, odd.get(random.nextInt(odd.size()))); // not the address's own, or no address
        } else if (kind != 1 && address != null) {
          e.set(Field.SOURCE_SUBNET, address.equals("not-an-address") ? "unparsed" : IpAddresses.subnetOf(address));
        }
        segment.add(e);
      }
      out.add(segment);
    }
    return out;
  }
}
