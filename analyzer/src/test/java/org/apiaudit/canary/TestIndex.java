package org.apiaudit.canary;

import java.io.IOException;
import java.nio.file.Path;
import org.apache.lucene.index.IndexWriter;
import org.apiaudit.index.EventDocumentBuilder;
import org.apiaudit.index.EventIndex;
import org.apiaudit.index.Instants;
import org.apiaudit.privacy.CaseKey;
import org.apiaudit.privacy.Pseudonymizer;
import org.apiaudit.schema.Event;
import org.apiaudit.schema.Field;

/** Builds a small gateway index for canary tests, pseudonymising subjects as ingest does. */
final class TestIndex implements AutoCloseable {
  static final CaseKey KEY = CaseKey.of(new byte[32]);
  static final Pseudonymizer P = new Pseudonymizer(KEY);

  private final IndexWriter writer;
  private final EventDocumentBuilder builder = new EventDocumentBuilder();
  private int line;

  TestIndex(Path dir) {
    writer = EventIndex.openWriter(dir, 16);
  }

  /** Epoch ms of an IST wall-clock time such as {@code 2023-06-07T21:00:04.200}. */
  static long ist(String time) {
    return Instants.parse(time + "+05:30");
  }

  void add(long ts, String ip, String ua, String authType, String principal, String endpointClass, String template,
      String clearSubject, int status) throws IOException {
    Event e = new Event();
    e.set(Field.TIMESTAMP, ts);
    e.set(Field.SOURCE_IP, ip);
    e.set(Field.SOURCE_SUBNET, ip.substring(0, ip.lastIndexOf('.')) + ".0/24");
    e.set(Field.USER_AGENT, ua);
    e.set(Field.METHOD, "GET");
    e.set(Field.URL_PATH, template);
    e.set(Field.URL_TEMPLATE, template);
    e.set(Field.ENDPOINT_CLASS, endpointClass);
    e.set(Field.STATUS, status);
    e.set(Field.AUTH_TYPE, authType);
    if (principal != null) {
      e.set(Field.PRINCIPAL, principal);
    }
    if (clearSubject != null) {
      e.set(Field.SUBJECT_ID, P.pseudonym(clearSubject));
      e.set(Field.SUBJECT_KIND, Pseudonymizer.kindOf(clearSubject));
    }
    line++;
    e.set(Field.LOG_FILE, "gateway.log");
    e.set(Field.LOG_LINE, line);
    e.set(Field.ORIGINAL, ip + " \"GET " + template + "\" " + status);
    writer.addDocument(builder.build(e));
  }

  @Override
  public void close() throws IOException {
    writer.commit();
    writer.close();
  }
}
