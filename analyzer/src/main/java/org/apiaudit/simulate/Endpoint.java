package org.apiaudit.simulate;

import java.nio.charset.StandardCharsets;

/**
 * The gateway's API surface as gateway.md lists it: method and path, pre-encoded once because
 * they are written on every line.
 */
enum Endpoint {
  STATES("GET", "/api/v2/admin/location/states"),
  /** The state id is appended to the path, see {@link SimEvent#pathId}. */
  DISTRICTS("GET", "/api/v2/admin/location/districts/"),
  FIND_BY_PIN("GET", "/api/v2/appointment/sessions/public/findByPin"),
  FIND_BY_DISTRICT("GET", "/api/v2/appointment/sessions/public/findByDistrict"),
  CALENDAR_BY_PIN("GET", "/api/v2/appointment/sessions/public/calendarByPin"),
  CALENDAR_BY_DISTRICT("GET", "/api/v2/appointment/sessions/public/calendarByDistrict"),
  CALENDAR_BY_CENTER("GET", "/api/v2/appointment/sessions/public/calendarByCenter"),
  FIND_BY_LAT_LONG("GET", "/api/v2/appointment/centers/public/findByLatLong"),
  GENERATE_OTP("POST", "/api/v2/auth/public/generateOTP"),
  GENERATE_MOBILE_OTP("POST", "/api/v2/auth/generateMobileOTP"),
  CONFIRM_OTP("POST", "/api/v2/auth/public/confirmOTP"),
  VALIDATE_MOBILE_OTP("POST", "/api/v2/auth/validateMobileOtp"),
  BENEFICIARIES("GET", "/api/v2/appointment/beneficiaries"),
  CERTIFICATE_DOWNLOAD("GET", "/api/v2/registration/certificate/public/download"),
  SCHEDULE("POST", "/api/v2/appointment/schedule"),
  RECAPTCHA("POST", "/api/v2/auth/getRecaptcha"),
  VACCINATOR_LOGIN("POST", "/api/v2/vaccinator/login"),
  VACCINATOR_SEARCH("GET", "/api/v2/vaccinator/beneficiary/search"),
  VACCINATION("POST", "/api/v2/vaccinator/vaccination"),
  PARTNER_CERTIFICATE_PDF("POST", "/api/v2/partner/certificate/pdf"),
  PARTNER_LOOKUP("GET", "/api/v2/partner/beneficiary/lookup");

  final String method;
  final byte[] methodBytes;
  final String path;
  final byte[] pathBytes;

  Endpoint(String method, String path) {
    this.method = method;
    this.methodBytes = method.getBytes(StandardCharsets.US_ASCII);
    this.path = path;
    this.pathBytes = path.getBytes(StandardCharsets.US_ASCII);
  }
}
