package org.apiaudit.report;

import org.apiaudit.output.Escaping;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apiaudit.report.Report.Indicator;

/**
 * Renders the indicators as a STIX 2.1 bundle ({@code indicators.stix.json}) for sharing with
 * other CERTs: the producing {@code identity}, the TLP {@code marking-definition}, one
 * {@code indicator} per IP, subnet and user agent of a flagged actor, one {@code sighting} per
 * indicator (count and first/last seen) and a {@code report} that ties them together.
 *
 * <p>Choices, and why:
 * <ul>
 *   <li>Ids are UUIDv5 over the evidence digest and the pattern ({@link StixIds}): the same
 *       evidence always yields the same ids, so re-sharing updates rather than duplicates.</li>
 *   <li>The marking is the TLP 2.0 marking-definition OASIS published; STIX 2.1 predefines only
 *       TLP 1.0, so the object itself travels in the bundle and every reference resolves.</li>
 *   <li>Principals (token, vaccinator and partner ids) are withheld by default
 *       ({@link PrincipalSharing#WITHHOLD}): they mean nothing outside this platform, and a
 *       vaccinator id identifies a health worker, whose personal data the DPDP Act protects.
 *       They stay in {@code indicators.csv} for the platform's own containment.</li>
 *   <li>Subnets use {@code ISSUBSET} so that a consumer matches every address in the range.</li>
 * </ul>
 */
public final class StixBundleWriter {
  /** The file name in the report folder. */
  public static final String FILE_NAME = "indicators.stix.json";

  /** Whether principal ids go into the shared bundle. */
  public enum PrincipalSharing {
    /** Leave them out (default): internal ids, possibly personal data of the account holder. */
    WITHHOLD,
    /** Include them as {@code user-account:user_id} indicators. */
    SHARE
  }

  private static final ObjectMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
  private static final String IDENTITY_NAME = "API-access audit log analyzer";
  /** The producer identity's creation time: fixed, so that its id and content never change. */
  private static final String IDENTITY_CREATED = "2024-01-01T00:00:00.000Z";

  private final PrincipalSharing principals;

  public StixBundleWriter() {
    this(PrincipalSharing.WITHHOLD);
  }

  public StixBundleWriter(PrincipalSharing principals) {
    this.principals = Objects.requireNonNull(principals, "principals");
  }

  /** The bundle for {@code report}, as indented JSON ending with a newline. */
  public String render(Report report) {
    try {
      return JSON.writeValueAsString(bundle(report)) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("STIX bundle cannot be serialised: " + e.getOriginalMessage(), e);
    }
  }

  /** The bundle as maps, in the order written. */
  Map<String, Object> bundle(Report report) {
    Report.Header h = report.header();
    String now = Times.rfc3339(h.generatedAt());
    String seed = report.method().evidenceDigest();
    Classification tlp = h.classification();
    String identityId = StixIds.id("identity", IDENTITY_NAME);

    List<Map<String, Object>> objects = new ArrayList<>();
    Map<String, Object> identity = sdo("identity", identityId, IDENTITY_CREATED, IDENTITY_CREATED, null, tlp);
    identity.put("name", IDENTITY_NAME);
    identity.put("identity_class", "system");
    identity.put("description", "Produces CERT-style reports on API-gateway access logs (analyzer " + h.toolVersion() + ").");
    objects.add(identity);
    objects.add(marking(tlp));

    List<String> refs = new ArrayList<>();
    for (Indicator i : report.indicators()) {
      String pattern = pattern(i);
      if (pattern == null) {
        continue;
      }
      String indicatorId = StixIds.id("indicator", seed + "|" + pattern);
      Map<String, Object> ind = sdo("indicator", indicatorId, now, now, identityId, tlp);
      ind.put("name", Labels.verdict(i.verdict()) + ": " + i.type() + " " + i.value());
      ind.put("description", "Used by incident " + i.incident() + " (" + i.verdict() + ") and by no other traffic in the"
          + " analysed logs; rules: " + String.join(", ", i.rules()) + ". Case " + h.caseName() + ", report "
          + h.reportId() + ".");
      ind.put("indicator_types", List.of("suspicious".equals(i.verdict()) ? "anomalous-activity" : "malicious-activity"));
      ind.put("pattern", pattern);
      ind.put("pattern_type", "stix");
      ind.put("pattern_version", "2.1");
      ind.put("valid_from", Times.rfc3339(i.firstSeen()));
      // the sighting is known to hold until the incident's last window closed; never before valid_from
      ind.put("valid_until", Times.rfc3339(Math.max(i.validUntil(), i.firstSeen() + 1)));
      ind.put("confidence", (int) Math.round(Math.max(0, Math.min(1, i.confidence())) * 100));
      objects.add(ind);
      refs.add(indicatorId);

      String sightingId = StixIds.id("sighting", seed + "|" + pattern);
      Map<String, Object> s = sdo("sighting", sightingId, now, now, identityId, tlp);
      s.put("sighting_of_ref", indicatorId);
      s.put("first_seen", Times.rfc3339(i.firstSeen()));
      s.put("last_seen", Times.rfc3339(Math.max(i.lastSeen(), i.firstSeen())));
      s.put("count", (int) Math.max(0, Math.min(999_999_999L, i.requests())));
      s.put("where_sighted_refs", List.of(identityId));
      s.put("description", i.requests() + " requests of incident " + i.incident() + ", all of this value's requests in"
          + " the analysed logs");
      objects.add(s);
      refs.add(sightingId);
    }
    refs.add(identityId);

    Map<String, Object> rep = sdo("report", StixIds.id("report", seed + "|" + h.caseName()), now, now, identityId, tlp);
    rep.put("name", "API-access audit: " + h.caseName());
    rep.put("description", report.summary().verdictLabel() + " (confidence " + Labels.percent(report.summary().confidence())
        + "). " + report.findings().size() + " flagged actor(s); " + report.summary().totals().subjectsAffected()
        + " subjects affected. Report " + h.reportId() + ", evidence digest " + seed + ".");
    rep.put("report_types", List.of("threat-report"));
    rep.put("published", now);
    rep.put("object_refs", refs);
    objects.add(rep);

    Map<String, Object> bundle = new LinkedHashMap<>();
    bundle.put("type", "bundle");
    bundle.put("id", "bundle--" + StixIds.uuid5(StixIds.NAMESPACE, "bundle|" + seed + "|" + h.reportId()));
    bundle.put("objects", objects);
    return bundle;
  }

  /** The STIX pattern for an indicator, or null when it is not shared. */
  String pattern(Indicator i) {
    String v = Escaping.stixString(i.value());
    return switch (i.type()) {
      case "ipv4" -> "[ipv4-addr:value = '" + v + "']";
      case "ipv6" -> "[ipv6-addr:value = '" + v + "']";
      case "subnet" -> "[" + (i.value().indexOf(':') >= 0 ? "ipv6-addr" : "ipv4-addr") + ":value ISSUBSET '" + v + "']";
      case "user-agent" -> "[network-traffic:extensions.'http-request-ext'.request_header.'User-Agent' = '" + v + "']";
      case "principal" -> principals == PrincipalSharing.SHARE ? "[user-account:user_id = '" + v + "']" : null;
      default -> null;
    };
  }

  private static Map<String, Object> sdo(String type, String id, String created, String modified, String createdBy,
      Classification tlp) {
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("type", type);
    o.put("spec_version", "2.1");
    o.put("id", id);
    if (createdBy != null) {
      o.put("created_by_ref", createdBy);
    }
    o.put("created", created);
    o.put("modified", modified);
    o.put("object_marking_refs", List.of(tlp.stixMarkingId()));
    return o;
  }

  /** The OASIS TLP 2.0 marking-definition, exactly as published. */
  private static Map<String, Object> marking(Classification tlp) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", "marking-definition");
    m.put("spec_version", "2.1");
    m.put("id", tlp.stixMarkingId());
    m.put("created", Classification.TLP2_CREATED);
    m.put("name", tlp.label());
    m.put("extensions", Map.of(Classification.TLP2_EXTENSION_ID,
        Map.of("extension_type", "property-extension", "tlp_2_0", tlp.tlp2Value())));
    return m;
  }
}
