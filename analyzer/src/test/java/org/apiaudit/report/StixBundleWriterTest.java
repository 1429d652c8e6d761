package org.apiaudit.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class StixBundleWriterTest {
  private static final Pattern ID = Pattern.compile(
      "^[a-z0-9-]+--[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$");
  private static final Pattern TIMESTAMP = Pattern.compile("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z$");
  private static final Set<String> STANDARD_TLP = Set.of(
      "marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9", "marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da",
      "marking-definition--f88d31f6-486f-44da-b317-01333bde0b82", "marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed",
      "marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487", "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb",
      "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421", "marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003",
      "marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1");

  private final ObjectMapper json = new ObjectMapper();

  private JsonNode bundle(Report report) throws Exception {
    return json.readTree(new StixBundleWriter().render(report));
  }

  @Test
  void everyObjectIsWellFormedStix21AndEveryReferenceResolves() throws Exception {
    JsonNode bundle = bundle(ReportFixtures.build(ReportFixtures.hostileCase()));
    assertEquals("bundle", bundle.get("type").asText());
    assertTrue(ID.matcher(bundle.get("id").asText()).matches(), "bundle id " + bundle.get("id"));
    Set<String> ids = new HashSet<>();
    for (JsonNode o : bundle.get("objects")) {
      ids.add(o.get("id").asText());
    }
    for (JsonNode o : bundle.get("objects")) {
      String id = o.path("id").asText();
      assertTrue(o.hasNonNull("type"), "type missing: " + id);
      assertEquals("2.1", o.path("spec_version").asText(), "spec_version of " + id);
      assertTrue(ID.matcher(id).matches(), "id " + id);
      assertTrue(id.startsWith(o.get("type").asText() + "--"), "id prefix " + id);
      assertTrue(TIMESTAMP.matcher(o.path("created").asText()).matches(), "created of " + id + ": " + o.get("created"));
      if (!o.get("type").asText().equals("marking-definition")) {
        assertTrue(TIMESTAMP.matcher(o.path("modified").asText()).matches(), "modified of " + id);
      }
      if (o.get("type").asText().equals("indicator")) {
        assertEquals("stix", o.path("pattern_type").asText(), id);
        assertTrue(TIMESTAMP.matcher(o.path("valid_from").asText()).matches(), "valid_from of " + id);
        assertTrue(balanced(o.path("pattern").asText()), "unbalanced pattern " + o.get("pattern"));
        String type = o.path("indicator_types").get(0).asText();
        assertTrue(type.equals("malicious-activity") || type.equals("anomalous-activity"), type);
      }
      for (String ref : refs(o)) {
        assertTrue(ids.contains(ref) || STANDARD_TLP.contains(ref), id + " refers to unknown " + ref);
      }
    }
  }

  @Test
  void patternsCoverIpv4Ipv6SubnetAndEscapedUserAgent() throws Exception {
    List<String> patterns = patterns(bundle(ReportFixtures.build(ReportFixtures.hostileCase())));
    assertTrue(patterns.contains("[ipv4-addr:value = '203.0.113.7']"), patterns.toString());
    assertTrue(patterns.contains("[ipv6-addr:value = '2001:db8::5']"));
    assertTrue(patterns.contains("[ipv4-addr:value ISSUBSET '203.0.113.0/24']"));
    assertTrue(patterns.contains("[network-traffic:extensions.'http-request-ext'.request_header.'User-Agent' = 'it\\'s a \\\\ test']"));
    assertTrue(patterns.contains("[network-traffic:extensions.'http-request-ext'.request_header.'User-Agent' = '<script>alert(1)</script>']"));
  }

  @Test
  void principalsAreWithheldByDefaultAndSharedOnRequest() throws Exception {
    Report report = ReportFixtures.build(ReportFixtures.scrapingCase());
    assertFalse(new StixBundleWriter().render(report).contains("tok-7f3a9c"), "principal leaked into the shared bundle");
    String shared = new StixBundleWriter(StixBundleWriter.PrincipalSharing.SHARE).render(report);
    assertTrue(patterns(json.readTree(shared)).contains("[user-account:user_id = 'tok-7f3a9c']"));
  }

  @Test
  void markingMatchesClassificationAndIsCarriedInTheBundle() throws Exception {
    JsonNode bundle = bundle(ReportFixtures.build(ReportFixtures.scrapingCase()));
    JsonNode marking = null;
    for (JsonNode o : bundle.get("objects")) {
      if (o.get("type").asText().equals("marking-definition")) {
        marking = o;
      } else {
        assertEquals("marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003", o.get("object_marking_refs").get(0).asText());
      }
    }
    assertEquals("marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003", marking.get("id").asText());
    assertEquals("TLP:AMBER+STRICT", marking.get("name").asText());
    assertEquals("amber+strict", marking.at("/extensions/extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d/tlp_2_0").asText());
  }

  @Test
  void idsAreStableForTheSameEvidence() {
    Report report = ReportFixtures.build(ReportFixtures.scrapingCase());
    assertEquals(new StixBundleWriter().render(report), new StixBundleWriter().render(report));
    assertEquals(StixIds.id("indicator", "x"), StixIds.id("indicator", "x"));
    // RFC 4122 appendix-style check: a known UUIDv5 (DNS namespace, "www.example.com")
    assertEquals("2ed6657d-e927-568b-95e1-2665a8aea6a2",
        StixIds.uuid5(java.util.UUID.fromString("6ba7b810-9dad-11d1-80b4-00c04fd430c8"), "www.example.com").toString());
  }

  @Test
  void sightingsCarryCountsAndFirstAndLastSeen() throws Exception {
    JsonNode bundle = bundle(ReportFixtures.build(ReportFixtures.scrapingCase()));
    boolean found = false;
    for (JsonNode o : bundle.get("objects")) {
      if (o.get("type").asText().equals("sighting") && o.has("count") && o.get("count").asInt() == 12) {
        found = true;
        assertEquals("2023-06-09T02:02:00.000Z", o.get("first_seen").asText());
        assertEquals("2023-06-09T17:00:03.000Z", o.get("last_seen").asText());
      }
      if (o.get("type").asText().equals("indicator")) {
        assertTrue(o.path("valid_until").asText().compareTo(o.path("valid_from").asText()) > 0, o.toString());
      }
    }
    assertTrue(found, "sighting of the IPv6 address with its own count 12 and the attack's first and last use");
  }

  private static List<String> patterns(JsonNode bundle) {
    List<String> out = new ArrayList<>();
    for (JsonNode o : bundle.get("objects")) {
      if (o.has("pattern")) {
        out.add(o.get("pattern").asText());
      }
    }
    return out;
  }

  private static List<String> refs(JsonNode o) {
    List<String> out = new ArrayList<>();
    Iterator<Map.Entry<String, JsonNode>> fields = o.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> f = fields.next();
      if (f.getKey().endsWith("_ref")) {
        out.add(f.getValue().asText());
      } else if (f.getKey().endsWith("_refs")) {
        f.getValue().forEach(v -> out.add(v.asText()));
      }
    }
    return out;
  }

  /** Brackets balance outside quoted strings, and the pattern is one [ ... ] observation. */
  static boolean balanced(String pattern) {
    int depth = 0;
    boolean quoted = false;
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (quoted) {
        if (c == '\\') {
          i++;
        } else if (c == '\'') {
          quoted = false;
        }
      } else if (c == '\'') {
        quoted = true;
      } else if (c == '[') {
        depth++;
      } else if (c == ']' && --depth < 0) {
        return false;
      }
    }
    return depth == 0 && !quoted && pattern.startsWith("[") && pattern.endsWith("]");
  }
}
