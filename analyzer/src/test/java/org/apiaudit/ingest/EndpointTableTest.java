package org.apiaudit.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.BufferedReader;
import java.io.StringReader;
import org.apiaudit.UserException;
import org.junit.jupiter.api.Test;

class EndpointTableTest {
  private final EndpointTable table = EndpointTable.defaults();

  @Test
  void certificateDownloadIsRecordReturning() {
    assertEquals(new EndpointTable.Endpoint("/api/v2/registration/certificate/public/download", "record-returning"),
        table.classify("GET", "/api/v2/registration/certificate/public/download"));
  }

  @Test
  void districtIdBecomesPlaceholder() {
    assertEquals(new EndpointTable.Endpoint("/api/v2/admin/location/districts/{id}", "public"),
        table.classify("GET", "/api/v2/admin/location/districts/16"));
  }

  @Test
  void methodMustMatch() {
    assertEquals("other", table.classify("GET", "/api/v2/auth/public/generateOTP").endpointClass());
    assertEquals("otp", table.classify("POST", "/api/v2/auth/public/generateOTP").endpointClass());
  }

  @Test
  void partnerWildcardKeepsGenericTemplate() {
    assertEquals(new EndpointTable.Endpoint("/api/v2/partner/status/{id}", "partner"),
        table.classify("GET", "/api/v2/partner/status/778812"));
  }

  @Test
  void unknownPathsGetIdLikeSegmentsReplaced() {
    assertEquals(new EndpointTable.Endpoint("/shop/item/{id}/reviews/{id}", "other"),
        table.classify("GET", "/shop/item/12345/reviews/550e8400-e29b-41d4-a716-446655440000"));
    assertEquals("/users/{id}", table.classify("GET", "/users/ps-0123456789abcdef").template());
    assertEquals("/static/app.css", table.classify("GET", "/static/app.css").template());
  }

  @Test
  void malformedTableLineNamesSourceAndLine() {
    UserException e = assertThrows(UserException.class, () -> EndpointTable.parse(
        new BufferedReader(new StringReader("# c\nGET /a public\nGET /b wrong-class\n")), "t.txt"));
    assertEquals("t.txt:3: class must be one of " + EndpointTable.CLASSES + "; got: wrong-class", e.getMessage());
  }
}
