package org.apiaudit.detect;

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

/** Builds small synthetic gateway indexes for tests, pseudonymising subjects like ingest does. */
public final class CaseIndex implements AutoCloseable {
  public static final CaseKey KEY = CaseKey.of(new byte[32]);
  public static final String CERT = "/api/v2/registration/certificate/public/download";
  static final String SEARCH = "/api/v2/vaccinator/beneficiary/search";
  static final String VACCINATION = "/api/v2/vaccinator/vaccination";
  static final String CONFIRM = "/api/v2/auth/public/confirmOTP";
  static final String CALENDAR = "/api/v2/appointment/sessions/public/calendarByDistrict";
  static final String LOOKUP = "/api/v2/partner/beneficiary/lookup";

  private final IndexWriter writer;
  private final EventDocumentBuilder builder = new EventDocumentBuilder();
  private final Pseudonymizer pseudonymizer = new Pseudonymizer(KEY);
  private int line;

  public CaseIndex(Path dir) {
    writer = EventIndex.openWriter(dir, 16);
  }

  public static long at(String isoIst) {
    return Instants.parse(isoIst + "+05:30");
  }

  /** One request; {@code clearSubject} (or null) is pseudonymised with its block and offset. */
  public void add(long ts, String ip, String ua, String authType, String principal, String endpointClass, String template,
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
    e.set(Field.PRINCIPAL, principal);
    if (clearSubject != null) {
      e.set(Field.SUBJECT_ID, pseudonymizer.pseudonym(clearSubject));
      e.set(Field.SUBJECT_KIND, Pseudonymizer.kindOf(clearSubject));
      e.set(Field.SUBJECT_BLOCK, pseudonymizer.blockPseudonym(clearSubject));
      e.set(Field.SUBJECT_OFFSET, Pseudonymizer.blockOffset(clearSubject));
    }
    line++;
    e.set(Field.LOG_FILE, "gateway.log");
    e.set(Field.LOG_LINE, line);
    e.set(Field.ORIGINAL, ip + " \"GET " + template + "\" " + status + " " + authType + " " + principal);
    writer.addDocument(builder.build(e));
  }

  /** Commits what was added so far as its own segment(s). */
  public void flush() throws IOException {
    writer.commit();
  }

  @Override
  public void close() throws IOException {
    writer.commit();
    writer.close();
  }
}
