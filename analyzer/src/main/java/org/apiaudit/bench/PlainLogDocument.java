package org.apiaudit.bench;

import java.net.InetAddress;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.InetAddressPoint;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.FSDirectory;
import org.apiaudit.index.IpAddresses;
import org.apiaudit.schema.Event;
import org.apiaudit.schema.Field;

/**
 * The plainest useful log document: twelve indexed fields (one term or point each, doc values
 * for the time only) plus the stored line, in a default unsorted index. Its loop rate is what
 * Lucene itself allows on this machine for any schema that keeps the line, so a throughput
 * target above it cannot be met by schema design; the benchmark prints it beside GoAccess.
 */
final class PlainLogDocument {
  private static final Field[] NUMBERS = {Field.STATUS, Field.BYTES};
  private static final Field[] TERMS = {Field.METHOD, Field.URL_PATH, Field.USER_AGENT, Field.REFERRER,
      Field.REQUEST_ID, Field.AUTH_TYPE, Field.PRINCIPAL, Field.SUBJECT_ID};

  private PlainLogDocument() {}

  /** Twelve fields: time, IP, status, bytes and eight keywords, plus the stored line. */
  static Document of(Event e) {
    Document doc = new Document();
    long ts = e.getLong(Field.TIMESTAMP);
    doc.add(new LongPoint(Field.TIMESTAMP.fieldName(), ts));
    doc.add(new NumericDocValuesField(Field.TIMESTAMP.fieldName(), ts));
    InetAddress ip = e.has(Field.SOURCE_IP) ? IpAddresses.parse(e.get(Field.SOURCE_IP)) : null;
    if (ip != null) {
      doc.add(new InetAddressPoint(Field.SOURCE_IP.fieldName(), ip));
    }
    for (Field f : NUMBERS) {
      if (e.has(f)) {
        doc.add(new LongPoint(f.fieldName(), e.getLong(f)));
      }
    }
    for (Field f : TERMS) {
      if (e.has(f)) {
        doc.add(new StringField(f.fieldName(), e.get(f), org.apache.lucene.document.Field.Store.NO));
      }
    }
    doc.add(new StoredField(Field.ORIGINAL.fieldName(), e.get(Field.ORIGINAL)));
    return doc;
  }

  /** A writer with Lucene's defaults but the same RAM buffer as the event index. */
  static IndexWriter openWriter(java.nio.file.Path dir) throws java.io.IOException {
    return new IndexWriter(FSDirectory.open(dir),
        new IndexWriterConfig().setRAMBufferSizeMB(org.apiaudit.index.EventIndex.DEFAULT_RAM_BUFFER_MB));
  }
}
