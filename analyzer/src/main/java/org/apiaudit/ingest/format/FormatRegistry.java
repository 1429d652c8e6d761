package org.apiaudit.ingest.format;

import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apiaudit.ingest.FormatDetection;
import org.apiaudit.ingest.LogFormat;

/**
 * The formats the analyzer knows by name, formats users describe (an nginx {@code log_format}
 * string, a JSON or CSV mapping file), and detection of a file's format from its first lines.
 *
 * <p>Presets, in detection priority order (earlier wins a tie):
 * <ul>
 *   <li>{@code gateway}, {@code combined}, {@code common}, {@code vhost-combined}: nginx/Apache
 *       access-log text ({@link NginxFormat});</li>
 *   <li>{@code nginx-error}: nginx's error log ({@link NginxErrorFormat});</li>
 *   <li>{@code gateway-json}, {@code caddy}, {@code traefik}, {@code envoy}: JSON lines
 *       ({@link JsonLinesFormat}, mappings shipped under {@code mappings/});</li>
 *   <li>{@code siem-csv}, {@code apache-csv}: CSV with a header ({@link CsvFormat});</li>
 *   <li>{@code w3c}: W3C extended, IIS and CloudFront ({@link W3cFormat}).</li>
 * </ul>
 * Each may arrive inside syslog records: {@code syslog+NAME} ({@link SyslogWrapped}), detected
 * when most sampled lines carry a syslog prefix.
 * Formats are built on each call (compiling is cheap) because mappings depend on the
 * {@code --tz} zone; every format returned is immutable and may be shared by threads.
 */
public final class FormatRegistry {
  private record Preset(String name, Function<ZoneId, LogFormat> factory) {}

  private static final List<Preset> PRESETS =
      List.of(
          new Preset("gateway", tz -> NginxFormat.compile("gateway", NginxFormat.GATEWAY)),
          new Preset("combined", tz -> NginxFormat.compile("combined", NginxFormat.COMBINED)),
          new Preset("common", tz -> NginxFormat.compile("common", NginxFormat.COMMON)),
          new Preset("vhost-combined", tz -> NginxFormat.compile("vhost-combined", NginxFormat.VHOST_COMBINED)),
          new Preset(NginxErrorFormat.NAME, NginxErrorFormat::new),
          new Preset("gateway-json", tz -> json("gateway-json", tz)),
          new Preset("caddy", tz -> json("caddy", tz)),
          new Preset("traefik", tz -> json("traefik", tz)),
          new Preset("envoy", tz -> json("envoy", tz)),
          new Preset("siem-csv", tz -> csv("siem-csv", tz)),
          new Preset("apache-csv", tz -> csv("apache-csv", tz)),
          new Preset(W3cFormat.NAME, tz -> new W3cFormat()));

  private FormatRegistry() {}

  /** The preset names, in detection priority order. */
  public static List<String> names() {
    return PRESETS.stream().map(Preset::name).toList();
  }

  /**
   * The preset called {@code name}.
   *
   * @throws IllegalArgumentException naming the known presets if there is none by that name
   */
  public static LogFormat byName(String name, ZoneId tz) {
    if (name.startsWith(SyslogWrapped.PREFIX)) {
      return new SyslogWrapped(byName(name.substring(SyslogWrapped.PREFIX.length()), tz));
    }
    for (Preset p : PRESETS) {
      if (p.name.equals(name)) {
        return p.factory.apply(tz);
      }
    }
    throw new IllegalArgumentException(
        "unknown format '" + name + "'; known: " + String.join(", ", names())
            + " (each also as " + SyslogWrapped.PREFIX + "NAME)");
  }

  /**
   * A text format compiled from an nginx {@code log_format} string (bare, or the whole
   * {@code log_format name '…';} directive). Its times carry their own offsets, so {@code tz}
   * is not needed; it is taken for a uniform signature.
   *
   * @throws IllegalArgumentException if the string has no variable or a malformed one
   */
  public static LogFormat nginx(String logFormat, ZoneId tz) {
    return NginxFormat.compile("nginx", logFormat);
  }

  /**
   * JSON lines read through the mapping in {@code file} (see {@link MappingFile}).
   *
   * @throws org.apiaudit.UserException naming the file and key if the mapping is unusable
   */
  public static LogFormat jsonMapping(Path file, ZoneId tz) {
    return new JsonLinesFormat(MappingFile.read(file, tz));
  }

  /**
   * CSV read through the column mapping in {@code file}: same shape as a JSON mapping, the
   * sources being header names.
   *
   * @throws org.apiaudit.UserException naming the file and key if the mapping is unusable
   */
  public static LogFormat csvMapping(Path file, ZoneId tz) {
    return new CsvFormat(MappingFile.read(file, tz));
  }

  /** The format of {@link #detection}, or null when none fits. */
  public static LogFormat detect(List<String> firstLines, ZoneId tz) {
    FormatDetection d = detection(firstLines, tz);
    return d == null ? null : d.format();
  }

  /**
   * The preset that fits {@code firstLines} best, or {@code null} when none parses any of them
   * (the caller reports the file).
   *
   * <p>Best is the highest {@link LogFormat#sniff} score (on a tie the earlier preset). Among the
   * nginx-style text presets, which read one another's lines ({@code gateway} lines are
   * {@code combined} lines with more fields), the richest one that <em>most</em> sampled lines
   * fit wins instead: a gateway file with two truncated lines among its first sixteen is read as
   * gateway, rejecting those two, rather than as combined, which would drop auth, principal and
   * subject from every line without a word. When another text preset reads a different number of
   * the sampled lines than the chosen one, the detection carries a warning saying so. When most
   * sampled lines are syslog records, the format is chosen for their messages and wrapped
   * ({@link SyslogWrapped}).
   */
  public static FormatDetection detection(List<String> firstLines, ZoneId tz) {
    List<String> unwrapped = SyslogWrapped.unwrapAll(firstLines);
    if (!unwrapped.isEmpty() && unwrapped.size() * 2 > nonBlank(firstLines)) {
      FormatDetection inner = detectionOfLines(unwrapped, tz);
      if (inner != null) {
        return new FormatDetection(new SyslogWrapped(inner.format()), inner.warning());
      }
    }
    return detectionOfLines(firstLines, tz);
  }

  private static int nonBlank(List<String> lines) {
    int n = 0;
    for (String line : lines) {
      if (!line.isBlank()) {
        n++;
      }
    }
    return n;
  }

  private static FormatDetection detectionOfLines(List<String> firstLines, ZoneId tz) {
    LogFormat best = null;
    int bestScore = 0;
    List<NginxFormat> text = new ArrayList<>();
    for (Preset p : PRESETS) {
      LogFormat f = p.factory.apply(tz);
      int score = f.sniff(firstLines);
      if (score > bestScore) {
        best = f;
        bestScore = score;
      }
      if (score > 0 && f instanceof NginxFormat n) {
        text.add(n);
      }
    }
    if (!(best instanceof NginxFormat chosen)) {
      return best == null ? null : new FormatDetection(best, null);
    }
    for (NginxFormat n : text) {
      if (n.fieldCount() > chosen.fieldCount() && n.fit(firstLines).most()) {
        chosen = n;
      }
    }
    NginxFormat.Fit chosenFit = chosen.fit(firstLines);
    for (NginxFormat n : text) {
      NginxFormat.Fit fit = n.fit(firstLines);
      if (n != chosen && fit.parsed() != chosenFit.parsed()) {
        String richer = chosen.fieldCount() > n.fieldCount() ? " (the richer format most of them fit)" : "";
        return new FormatDetection(chosen, String.format(java.util.Locale.ROOT,
            "its lines fit two formats: %d of the first %d are %s, %d are %s; read as %s%s, so the lines that are"
                + " not %s are rejected; name the format with --format if that is wrong",
            chosenFit.parsed(), chosenFit.sampled(), chosen.name(), fit.parsed(), n.name(), chosen.name(), richer,
            chosen.name()));
      }
    }
    return new FormatDetection(chosen, null);
  }

  private static LogFormat json(String name, ZoneId tz) {
    return new JsonLinesFormat(MappingFile.resource("mappings/" + name + ".json", tz));
  }

  private static LogFormat csv(String name, ZoneId tz) {
    return new CsvFormat(MappingFile.resource("mappings/" + name + ".json", tz));
  }
}
