package org.apiaudit.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.InetAddressPoint;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;
import org.apiaudit.schema.Event;
import org.apiaudit.schema.Field;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventDocumentBuilderTest {
  /** Each field of a document as text: name, kind of Lucene field and its value, in order. */
  private static List<String> describe(Document doc) {
    List<String> out = new ArrayList<>();
    for (IndexableField f : doc.getFields()) {
      BytesRef b = f.binaryValue();
      out.add(f.name() + " " + f.getClass().getSimpleName() + " "
          + (b != null ? BytesRef.deepCopyOf(b) : f.stringValue() != null
              ? f.stringValue() : f.numericValue()));
    }
    return out;
  }

  private static Event event(String ip, String principal, long status) {
    Event e = new Event();
    e.set(Field.TIMESTAMP, 1_686_528_000_000L + status);
    e.set(Field.SOURCE_IP, ip);
    e.set(Field.SOURCE_SUBNET, "10.1.2.0/24");
    e.set(Field.PRINCIPAL, principal);
    e.set(Field.STATUS, status);
    e.set(Field.REQUEST_ID, "rid-" + principal);
    e.set(Field.URL_QUERY, "mobile=ps-" + status);
    e.set(Field.ORIGINAL, ip + " line " + principal);
    return e;
  }

  @Test
  void reusedDocumentHoldsExactlyWhatAFreshOneHoldsEventAfterEvent() {
    EventDocumentBuilder builder = new EventDocumentBuilder();
    List<Event> events = List.of(event("10.1.2.3", "tk-0001", 200), event("2001:db8::7", "vcn-3002081", 404),
        event("not-an-address", "x".repeat(EventDocumentBuilder.MAX_KEYWORD_CHARS + 5), 500),
        event("194.26.76.210", "partner-é-ü", 201));
    Document first = null;
    for (Event e : events) {
      List<String> fresh = describe(new EventDocumentBuilder().build(e));
      Document reused = builder.reuse(e);
      first = first == null ? reused : first;
      assertSame(first, reused, "one document is refilled");
      assertEquals(fresh, describe(reused), "reused document for " + e.get(Field.SOURCE_IP));
    }
  }

  /**
   * Stored values are written as UTF-8 bytes and read back as the text they were (request ids cut
   * as their terms are); a string stored field, as indexes written before hold, reads the same.
   */
  @Test
  void storedValuesReadBackAsTheirTextWhetherBytesOrStrings(@TempDir Path tmp) throws IOException {
    Event e = event("194.26.76.210", "partner-é-ü", 201);
    String longId = "r\u00e9".repeat(EventDocumentBuilder.MAX_KEYWORD_CHARS);
    e.set(Field.REQUEST_ID, longId);
    e.set(Field.ORIGINAL, "194.26.76.210 - - \"GET /a?q=\u00fc\uD83D\uDE00 HTTP/1.1\" 200");
    Document old = new EventDocumentBuilder().build(event("10.1.2.3", "tk-0001", 404)); // after e in time
    old.removeField(Field.ORIGINAL.fieldName());
    old.add(new StoredField(Field.ORIGINAL.fieldName(), "an older index's line \u00e9"));
    try (IndexWriter w = EventIndex.openWriter(tmp.resolve("idx"))) {
      w.addDocument(new EventDocumentBuilder().reuse(e));
      w.addDocument(old);
      w.commit();
    }
    try (DirectoryReader r = DirectoryReader.open(FSDirectory.open(tmp.resolve("idx")))) {
      Document read = r.storedFields().document(0);
      assertEquals(e.get(Field.ORIGINAL), EventDocumentBuilder.storedText(read, Field.ORIGINAL));
      assertEquals(EventDocumentBuilder.truncate(longId), EventDocumentBuilder.storedText(read, Field.REQUEST_ID));
      assertEquals(null, EventDocumentBuilder.storedText(read, Field.REFERRER));
      assertEquals("an older index's line \u00e9",
          EventDocumentBuilder.storedText(r.storedFields().document(1), Field.ORIGINAL));
    }
  }

  @Test
  void anAbsentFieldLeavesNoValueOfThePreviousEvent() {
    EventDocumentBuilder builder = new EventDocumentBuilder();
    builder.reuse(event("10.1.2.3", "tk-0001", 200));
    Event next = event("10.1.2.4", "tk-0002", 200);
    next.set(Field.PRINCIPAL, (String) null);
    Document doc = builder.reuse(next);
    assertEquals(0, doc.getFields(Field.PRINCIPAL.fieldName()).length);
  }

  @Test
  void addressPointMatchesLuceneEncodingForV4AndV6() throws Exception {
    EventDocumentBuilder builder = new EventDocumentBuilder();
    for (String ip : List.of("10.1.2.3", "255.255.255.255", "2001:db8::7", "::ffff:1.2.3.4")) {
      Document doc = builder.reuse(event(ip, "p", 200));
      IndexableField point = null;
      for (IndexableField f : doc.getFields(Field.SOURCE_IP.fieldName())) {
        if (f instanceof InetAddressPoint) {
          point = f;
        }
      }
      assertEquals(new BytesRef(InetAddressPoint.encode(InetAddress.getByName(ip))), point.binaryValue(), ip);
    }
  }

  @Test
  void fieldsWithoutDocValuesKeepTheirStoredBytes() {
    EventDocumentBuilder builder = new EventDocumentBuilder();
    builder.reuse(event("10.1.2.3", "tk-0001", 200));
    Document doc = builder.reuse(event("10.1.2.4", "tk-0002", 404));
    assertEquals("rid-tk-0002", doc.getField(Field.REQUEST_ID.fieldName()).binaryValue().utf8ToString());
    assertEquals("mobile=ps-404", doc.getField(Field.URL_QUERY.fieldName()).binaryValue().utf8ToString());
  }

  @Test
  void buildReturnsADocumentTheCallerKeeps() {
    EventDocumentBuilder builder = new EventDocumentBuilder();
    Event e = event("10.1.2.3", "tk-0001", 200);
    assertNotSame(builder.build(e), builder.build(e));
  }

  /**
   * The current layout leaves out the subnet the reader derives from the address, and keeps in
   * {@code source.subnet#text} every other case; a layout with a sorted subnet writes it as before.
   */
  @Test
  void aSubnetIsWrittenOnlyWhereTheReaderCannotDeriveIt() {
    EventDocumentBuilder builder = new EventDocumentBuilder();
    String subnet = Field.SOURCE_SUBNET.fieldName();
    String exceptions = subnet + ColumnViews.TEXT_SUFFIX;
    Event own = event("10.1.2.3", "tk-0001", 200);
    assertEquals(List.of(), subnetFields(builder.reuse(own)), "the address's own subnet is derived");
    Event other = event("10.9.9.9", "tk-0001", 200);
    assertEquals(List.of(exceptions + " SortedDocValuesField [31 30 2e 31 2e 32 2e 30 2f 32 34]"),
        subnetFields(builder.reuse(other)), "another subnet is kept");
    Event none = event("10.1.2.3", "tk-0001", 200).set(Field.SOURCE_SUBNET, null);
    assertEquals(List.of(exceptions + " SortedDocValuesField []"), subnetFields(builder.reuse(none)),
        "an address without a subnet is marked");
    Event unparsed = event("not-an-address", "tk-0001", 200);
    assertEquals(1, subnetFields(builder.reuse(unparsed)).size(), "a subnet without an indexed address is kept");
    assertEquals(List.of(), subnetFields(builder.reuse(new Event().set(Field.TIMESTAMP, 1L))));
    assertEquals(List.of(subnet + " SortedDocValuesField [31 30 2e 31 2e 32 2e 30 2f 32 34]"),
        subnetFields(new EventDocumentBuilder(new ColumnLayout(true, false)).reuse(own)), "an index written before");
  }

  private static List<String> subnetFields(Document doc) {
    return describe(doc).stream().filter(d -> d.startsWith(Field.SOURCE_SUBNET.fieldName())).toList();
  }
}
