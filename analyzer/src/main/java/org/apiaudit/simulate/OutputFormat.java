package org.apiaudit.simulate;

import java.util.Locale;
import java.util.function.Supplier;

/** The export formats the simulator writes, with their file names (gateway.md lists them). */
public enum OutputFormat {
  /** The gateway's nginx-style text format; the fastest to write, used for benchmarks. */
  GATEWAY("gateway", ".log", GatewayFormatter::new),
  /** The gateway's JSON-lines export. */
  JSON("gateway", ".jsonl", JsonLinesFormatter::new),
  /** The SIEM CSV export. */
  CSV("siem-export", ".csv", SiemCsvFormatter::new),
  /** Plain Apache/nginx combined from an edge web server. */
  COMBINED("access", ".log", CombinedFormatter::new),
  /** CloudFront-style W3C extended log, UTC. */
  W3C("cloudfront", ".log", W3cFormatter::new);

  private final String filePrefix;
  private final String extension;
  private final Supplier<EventFormatter> formatters;

  OutputFormat(String filePrefix, String extension, Supplier<EventFormatter> formatters) {
    this.filePrefix = filePrefix;
    this.extension = extension;
    this.formatters = formatters;
  }

  /** The name accepted on the command line, e.g. {@code gateway}. */
  public String cliName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The file name for one day, e.g. {@code gateway-2023-06-10.log} or {@code ....log.gz}. */
  String fileName(java.time.LocalDate day, boolean gzip) {
    return filePrefix + "-" + day + extension + (gzip ? ".gz" : "");
  }

  EventFormatter newFormatter() {
    return formatters.get();
  }

  /** Parses a command-line name, case-insensitively; the error lists the accepted names. */
  public static OutputFormat fromCliName(String name) {
    for (OutputFormat f : values()) {
      if (f.cliName().equalsIgnoreCase(name)) {
        return f;
      }
    }
    throw new IllegalArgumentException(
        "format must be one of gateway, json, csv, combined, w3c; got: " + name);
  }
}
