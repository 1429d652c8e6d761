package org.apiaudit.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Log lines of every supported input format with a distinct personal identifier planted in
 * each field, in each spelling the field can hold: bare, {@code +91 91234 99901},
 * {@code 91234-99901}, {@code 9123 4000 11}, glued to letters ({@code mob9123400011}), with a
 * trunk or country prefix, with its first digit percent-escaped ({@code %39123400011}), an Aadhaar in groups of four, a beneficiary reference id. Fields that
 * must hold an address or a number the parser checks (client address, status, latency, time)
 * get identifiers too: those lines are rejected, and the reject must be masked as well.
 *
 * <p>Every spelling planted is recorded with its identifier's digits, for an
 * {@link IdentifierLeakScanner}. Deterministic: the same lines and identifiers every time.
 */
public final class PlantedLines {
  /** How a field's value is delimited in its format, which decides the spellings it can hold. */
  enum Slot {
    /** Quoted or otherwise free text: any spelling, spaces included. */
    TEXT,
    /** A space-delimited token: spellings without spaces. */
    TOKEN,
    /** An IIS W3C token, where a space is written as '+'. */
    PLUS_TOKEN,
    /** A number the parser reads as a number: bare digits only. */
    NUMBER
  }

  /** One format's planted lines: the header rows its files start with, then the lines. */
  public record FormatLines(String format, List<String> header, List<String> lines) {}

  private final Map<String, String> planted = new LinkedHashMap<>();
  private long next;

  /** Identifiers are numbered from {@code first}, so two instances can plant distinct sets. */
  public PlantedLines(long first) {
    this.next = first;
  }

  /** Every spelling planted so far, mapped to its identifier's digits. */
  public Map<String, String> spellings() {
    return Map.copyOf(planted);
  }

  /** A fresh 10-digit mobile (starting with 9), recorded with its bare spelling. */
  public String mobile() {
    String digits = Long.toString(9_123_400_000L + next++ * 7);
    planted.put(digits, digits);
    return digits;
  }

  /** A fresh 14-digit beneficiary reference id, recorded. */
  public String referenceId() {
    String digits = Long.toString(48_213_000_000_000L + next++ * 13);
    planted.put(digits, digits);
    return digits;
  }

  private String plant(String spelling, String digits) {
    planted.put(spelling, digits);
    return spelling;
  }

  /** Fresh identifiers in every spelling {@code slot} can hold. */
  List<String> spellingsFor(Slot slot) {
    List<String> out = new ArrayList<>();
    String m = mobile();
    out.add(m);
    if (slot == Slot.NUMBER) {
      String aadhaar = Long.toString(234_500_000_000L + next++ * 11);
      out.add(plant(aadhaar, aadhaar));
      return out;
    }
    String m2 = mobile();
    out.add(plant("mob" + m2, m2));
    String m3 = mobile();
    out.add(plant(m3.substring(0, 5) + "-" + m3.substring(5), m3));
    String m4 = mobile();
    out.add(plant("0" + m4, m4));
    String m5 = mobile();
    out.add(plant("+91" + m5, m5));
    String m8 = mobile();
    out.add(plant("%3" + m8.charAt(0) + m8.substring(1), m8)); // percent-escaped first digit
    out.add(referenceId());
    String a = Long.toString(234_500_000_000L + next++ * 11);
    if (slot == Slot.TEXT) {
      out.add(plant(a.substring(0, 4) + " " + a.substring(4, 8) + " " + a.substring(8), a));
      String m6 = mobile();
      out.add(plant("+91 " + m6.substring(0, 5) + " " + m6.substring(5), m6));
      String m7 = mobile();
      out.add(plant(m7.substring(0, 4) + " " + m7.substring(4, 8) + " " + m7.substring(8), m7));
    } else if (slot == Slot.PLUS_TOKEN) {
      out.add(plant(a.substring(0, 4) + "+" + a.substring(4, 8) + "+" + a.substring(8), a));
      String m6 = mobile();
      out.add(plant("+91+" + m6.substring(0, 5) + "+" + m6.substring(5), m6));
    } else {
      out.add(plant(a, a));
    }
    return out;
  }

  /**
   * One line per field and spelling of every format: {@code gateway}, {@code combined},
   * {@code gateway-json}, {@code siem-csv}, {@code w3c} (IIS).
   */
  public List<FormatLines> allFormats() {
    return List.of(gateway(), combined(), gatewayJson(), siemCsv(), w3c());
  }

  /** A field of a format: its name, its slot, and its value when nothing is planted in it. */
  private record Column(String name, Slot slot, String plain) {}

  /** Lines from {@code build}: all columns plain, then each column planted in turn. */
  private List<String> plantEach(List<Column> columns, Function<Map<String, String>, String> build) {
    List<String> lines = new ArrayList<>();
    Map<String, String> plain = new LinkedHashMap<>();
    for (Column c : columns) {
      plain.put(c.name(), c.plain());
    }
    lines.add(build.apply(plain));
    for (Column c : columns) {
      for (String value : spellingsFor(c.slot())) {
        Map<String, String> v = new LinkedHashMap<>(plain);
        v.put(c.name(), value);
        lines.add(build.apply(v));
      }
    }
    return lines;
  }

  FormatLines gateway() {
    List<Column> cols = List.of(new Column("ip", Slot.TOKEN, "203.0.113.7"), new Column("user", Slot.TOKEN, "-"),
        new Column("segment", Slot.TOKEN, "states"), new Column("query", Slot.TOKEN, "1"),
        new Column("status", Slot.NUMBER, "200"), new Column("bytes", Slot.NUMBER, "512"),
        new Column("referer", Slot.TEXT, "-"), new Column("ua", Slot.TEXT, "okhttp/4.9.2"),
        new Column("rt", Slot.NUMBER, "0.087"), new Column("xff", Slot.TEXT, "-"),
        new Column("rid", Slot.TOKEN, "7f3c9a1e2b"), new Column("auth", Slot.TOKEN, "citizen"),
        new Column("principal", Slot.TOKEN, "tk-9f2e11"), new Column("subject", Slot.TOKEN, "-"));
    return new FormatLines("gateway", List.of(), plantEach(cols, v -> v.get("ip") + " - " + v.get("user")
        + " [10/Jun/2023:14:22:01 +0530] \"GET /api/v2/admin/location/" + v.get("segment") + "?q=" + v.get("query")
        + " HTTP/1.1\" " + v.get("status") + " " + v.get("bytes") + " \"" + v.get("referer") + "\" \"" + v.get("ua")
        + "\" " + v.get("rt") + " \"" + v.get("xff") + "\" " + v.get("rid") + " " + v.get("auth") + " "
        + v.get("principal") + " " + v.get("subject")));
  }

  FormatLines combined() {
    List<Column> cols = List.of(new Column("ip", Slot.TOKEN, "203.0.113.9"), new Column("user", Slot.TOKEN, "-"),
        new Column("segment", Slot.TOKEN, "index.html"), new Column("query", Slot.TOKEN, "1"),
        new Column("status", Slot.NUMBER, "200"), new Column("bytes", Slot.NUMBER, "2326"),
        new Column("referer", Slot.TEXT, "http://example.com/start"), new Column("ua", Slot.TEXT, "Mozilla/5.0 (X11)"));
    return new FormatLines("combined", List.of(), plantEach(cols, v -> v.get("ip") + " - " + v.get("user")
        + " [10/Jun/2023:14:22:01 +0530] \"GET /" + v.get("segment") + "?q=" + v.get("query") + " HTTP/1.1\" "
        + v.get("status") + " " + v.get("bytes") + " \"" + v.get("referer") + "\" \"" + v.get("ua") + "\""));
  }

  FormatLines gatewayJson() {
    List<Column> cols = List.of(new Column("request_id", Slot.TEXT, "7f3c9a1e2b4d"),
        new Column("client_ip", Slot.TEXT, "203.0.113.10"), new Column("xff", Slot.TEXT, "198.51.100.4"),
        new Column("method", Slot.TEXT, "GET"), new Column("segment", Slot.TEXT, "download"),
        new Column("query", Slot.TEXT, "lang=en"), new Column("status", Slot.NUMBER, "200"),
        new Column("bytes", Slot.NUMBER, "48213"), new Column("latency_ms", Slot.NUMBER, "87"),
        new Column("user_agent", Slot.TEXT, "okhttp/4.9.2"), new Column("referrer", Slot.TEXT, "https://app.example/"),
        new Column("waf", Slot.TEXT, "allow"), new Column("type", Slot.TEXT, "vaccinator"),
        new Column("principal", Slot.TEXT, "vcn-3002081"), new Column("facility", Slot.TEXT, "PHC Rampur"),
        new Column("district", Slot.TEXT, "Nashik"), new Column("subject", Slot.TEXT, "-"));
    return new FormatLines("gateway-json", List.of(), plantEach(cols, v -> "{\"ts\":\"2023-06-10T14:22:01.123+05:30\","
        + "\"request_id\":\"" + v.get("request_id") + "\",\"client_ip\":\"" + v.get("client_ip") + "\",\"xff\":\""
        + v.get("xff") + "\",\"method\":\"" + v.get("method") + "\",\"path\":\"/api/v2/registration/certificate/public/"
        + v.get("segment") + "\",\"query\":\"" + v.get("query") + "\",\"status\":" + v.get("status") + ",\"bytes\":"
        + v.get("bytes") + ",\"latency_ms\":" + v.get("latency_ms") + ",\"user_agent\":\"" + v.get("user_agent")
        + "\",\"referrer\":\"" + v.get("referrer") + "\",\"waf\":\"" + v.get("waf") + "\",\"auth\":{\"type\":\""
        + v.get("type") + "\",\"principal\":\"" + v.get("principal") + "\",\"facility\":\"" + v.get("facility")
        + "\",\"district\":\"" + v.get("district") + "\"},\"subject\":\"" + v.get("subject") + "\"}"));
  }

  FormatLines siemCsv() {
    List<Column> cols = List.of(new Column("client_ip", Slot.TEXT, "203.0.113.11"), new Column("method", Slot.TEXT, "GET"),
        new Column("segment", Slot.TEXT, "lookup"), new Column("query", Slot.TEXT, "x=1"),
        new Column("status", Slot.NUMBER, "200"), new Column("bytes", Slot.NUMBER, "512"),
        new Column("user_agent", Slot.TEXT, "okhttp/4.9.2"), new Column("auth_type", Slot.TEXT, "partner"),
        new Column("principal", Slot.TEXT, "p-acme"), new Column("subject", Slot.TEXT, "-"),
        new Column("facility", Slot.TEXT, "PHC Rampur"));
    return new FormatLines("siem-csv", List.of("timestamp,client_ip,method,url,status,bytes,user_agent,auth_type,principal,"
        + "subject,facility"), plantEach(cols, v -> "2023-06-10T14:22:01.123+05:30," + v.get("client_ip") + ","
        + v.get("method") + ",\"/api/v2/partner/beneficiary/" + v.get("segment") + "?" + v.get("query") + "\","
        + v.get("status") + "," + v.get("bytes") + ",\"" + v.get("user_agent") + "\"," + v.get("auth_type") + ",\""
        + v.get("principal") + "\",\"" + v.get("subject") + "\",\"" + v.get("facility") + "\""));
  }

  FormatLines w3c() {
    List<Column> cols = List.of(new Column("s-ip", Slot.PLUS_TOKEN, "100.79.192.81"),
        new Column("method", Slot.PLUS_TOKEN, "GET"), new Column("stem", Slot.PLUS_TOKEN, "robots.txt"),
        new Column("query", Slot.PLUS_TOKEN, "a=1"), new Column("username", Slot.PLUS_TOKEN, "-"),
        new Column("c-ip", Slot.PLUS_TOKEN, "157.55.39.146"), new Column("ua", Slot.PLUS_TOKEN, "Mozilla/5.0+(bingbot/2.0)"),
        new Column("referer", Slot.PLUS_TOKEN, "-"), new Column("xff", Slot.PLUS_TOKEN, "-"),
        new Column("status", Slot.NUMBER, "404"), new Column("bytes", Slot.NUMBER, "1405"),
        new Column("taken", Slot.NUMBER, "283"));
    return new FormatLines("w3c", List.of("#Software: Microsoft Internet Information Services 8.0",
        "#Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) cs(Referer)"
            + " cs(X-Forwarded-For) sc-status sc-substatus sc-win32-status sc-bytes cs-bytes time-taken"),
        plantEach(cols, v -> "2023-06-10 08:52:01 " + v.get("s-ip") + " " + v.get("method") + " /" + v.get("stem") + " "
            + v.get("query") + " 80 " + v.get("username") + " " + v.get("c-ip") + " " + v.get("ua") + " "
            + v.get("referer") + " " + v.get("xff") + " " + v.get("status") + " 0 2 " + v.get("bytes") + " 242 "
            + v.get("taken")));
  }
}
