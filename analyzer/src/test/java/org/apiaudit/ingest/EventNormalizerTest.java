package org.apiaudit.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.charset.StandardCharsets;
import org.apiaudit.privacy.CaseKey;
import org.apiaudit.privacy.Pseudonymizer;
import org.apiaudit.schema.Event;
import org.apiaudit.schema.Field;
import org.junit.jupiter.api.Test;

class EventNormalizerTest {
  private final Pseudonymizer p =
      new Pseudonymizer(CaseKey.of("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII)));
  private final EventNormalizer normalizer =
      new EventNormalizer(EndpointTable.defaults(), p, EventNormalizer.DEFAULT_IDENTIFIER_PARAMS);

  private Event normalized(Field field, String value) {
    Event e = new Event().set(Field.TIMESTAMP, 1_686_387_721_000L).set(Field.SOURCE_IP, "203.0.113.7")
        .set(Field.URL_PATH, "/api/v2/admin/location/states").set(field, value);
    normalizer.normalize(e, "line", "f.log", 1);
    return e;
  }

  @Test
  void principalThatIsACitizensMobileIsThatPersonsPseudonymInEverySpelling() {
    String ps = p.pseudonym("9876543210");
    assertEquals(ps, normalized(Field.PRINCIPAL, "9876543210").get(Field.PRINCIPAL));
    assertEquals(ps, normalized(Field.PRINCIPAL, "+91 98765 43210").get(Field.PRINCIPAL));
    assertEquals(ps, normalized(Field.PRINCIPAL, "098765-43210").get(Field.PRINCIPAL));
    assertNotEquals(ps, normalized(Field.PRINCIPAL, "9876543211").get(Field.PRINCIPAL), "two people stay two actors");
  }

  @Test
  void principalEqualToTheSubjectIsTheSubjectsPseudonym() {
    Event e = new Event().set(Field.TIMESTAMP, 1_686_387_721_000L).set(Field.SUBJECT_ID, "ben-0042")
        .set(Field.PRINCIPAL, "ben-0042");
    normalizer.normalize(e, "ben-0042 ben-0042", "f.log", 1);
    assertEquals(e.get(Field.SUBJECT_ID), e.get(Field.PRINCIPAL));
    assertEquals(p.pseudonym("ben-0042"), e.get(Field.PRINCIPAL));
  }

  @Test
  void everyLoggedTextFieldIsMasked() {
    for (Field f : new Field[] {Field.USER_AGENT, Field.FORWARDED_FOR, Field.REQUEST_ID, Field.FACILITY, Field.DISTRICT,
        Field.WAF_ACTION, Field.REFERRER, Field.AUTH_TYPE, Field.METHOD}) {
      assertEquals("x mob" + p.pseudonym("9123400011") + " y", normalized(f, "x mob9123400011 y").get(f), f.fieldName());
    }
  }

  @Test
  void byteCountShapedLikeAnIdentifierIsDroppedAndOthersKept() {
    Event e = new Event().set(Field.TIMESTAMP, 1_686_387_721_000L).set(Field.BYTES, 9_876_543_210L);
    normalizer.normalize(e, "line", "f.log", 1);
    assertEquals(Event.NO_VALUE, e.getLong(Field.BYTES));
    e = new Event().set(Field.TIMESTAMP, 1_686_387_721_000L).set(Field.BYTES, 48_213L);
    normalizer.normalize(e, "line", "f.log", 1);
    assertEquals(48_213L, e.getLong(Field.BYTES));
  }

  @Test
  void endpointIsClassifiedPerMethodAndPathWhenPathsRepeat() {
    String path = "/api/v2/auth/public/confirmOTP";
    for (String method : new String[] {"POST", "GET", "POST", "GET", null}) {
      Event e = new Event().set(Field.TIMESTAMP, 1_686_387_721_000L).set(Field.METHOD, method).set(Field.URL_PATH, path);
      normalizer.normalize(e, "line", "f.log", 1);
      EndpointTable.Endpoint expected = EndpointTable.defaults().classify(method, path);
      assertEquals(expected.template(), e.get(Field.URL_TEMPLATE), method);
      assertEquals(expected.endpointClass(), e.get(Field.ENDPOINT_CLASS), method);
    }
    assertEquals("otp", EndpointTable.defaults().classify("POST", path).endpointClass());
    assertNotEquals("otp", EndpointTable.defaults().classify("GET", path).endpointClass(), "the method decides");
  }
}
