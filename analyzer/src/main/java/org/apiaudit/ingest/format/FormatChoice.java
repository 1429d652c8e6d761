package org.apiaudit.ingest.format;

import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import org.apiaudit.UserException;
import org.apiaudit.ingest.FormatChooser;
import org.apiaudit.ingest.FormatDetection;
import org.apiaudit.ingest.IngestConfig;
import org.apiaudit.ingest.LogFormat;

/**
 * How the user chose formats: auto-detection per file (the default), a preset name, an nginx
 * {@code log_format} string, or a JSON/CSV mapping file. Built once per run.
 */
public final class FormatChoice {
  private FormatChoice() {}

  /**
   * A chooser for {@link IngestConfig#formats()}.
   *
   * @param name a preset name, or null to auto-detect
   * @param logFormat an nginx log_format string, or null
   * @param mapping a JSON or CSV mapping file, or null
   * @param tz zone for timestamps that carry none
   */
  public static FormatChooser of(String name, String logFormat, Path mapping, ZoneId tz) {
    int given = (name != null ? 1 : 0) + (logFormat != null ? 1 : 0) + (mapping != null ? 1 : 0);
    if (given > 1) {
      throw new UserException("give only one of --format, --log-format and --mapping");
    }
    LogFormat fixed;
    try {
      if (name != null) {
        fixed = FormatRegistry.byName(name, tz);
      } else if (logFormat != null) {
        fixed = FormatRegistry.nginx(logFormat, tz);
      } else if (mapping != null) {
        return byMapping(FormatRegistry.jsonMapping(mapping, tz), FormatRegistry.csvMapping(mapping, tz));
      } else {
        fixed = null;
      }
    } catch (IllegalArgumentException e) {
      throw new UserException(e.getMessage());
    }
    if (fixed != null) {
      return (file, head) -> fixed;
    }
    return detecting(tz);
  }

  /**
   * A mapping read as JSON lines or as CSV as each log's own lines show, not as the mapping
   * file's name suggests: a line that starts with '{' is JSON, anything else CSV with a header.
   */
  private static FormatChooser byMapping(LogFormat json, LogFormat csv) {
    return (file, head) -> {
      for (String line : head) {
        String t = line.strip();
        if (!t.isEmpty()) {
          return t.startsWith("{") ? json : csv;
        }
      }
      return json;
    };
  }

  private static FormatChooser detecting(ZoneId tz) {
    return new FormatChooser() {
      @Override
      public LogFormat choose(String file, List<String> head) {
        return FormatRegistry.detect(head, tz);
      }

      @Override
      public FormatDetection detect(String file, List<String> head) {
        return FormatRegistry.detection(head, tz);
      }
    };
  }
}
