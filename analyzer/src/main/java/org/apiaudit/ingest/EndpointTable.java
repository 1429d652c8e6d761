package org.apiaudit.ingest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apiaudit.UserException;

/**
 * Maps a request (method and path) to its endpoint template and class, from a small table the
 * user can edit for their own API (see {@code endpoints.txt}).
 *
 * <p>Rules group by {@code url.template}, so {@code /districts/12} and {@code /districts/31}
 * count as one endpoint, and by {@code endpoint.class}, so "record-returning" means the same
 * for every API. Compiled once; matching walks path segments without allocating until a
 * template is built. Immutable and thread-safe.
 */
public final class EndpointTable {
  /** The endpoint classes a table may assign. */
  public static final Set<String> CLASSES =
      Set.of("public", "otp", "record-returning", "vaccinator", "partner", "other");

  /** Class of paths that match no entry. */
  public static final String UNMATCHED_CLASS = "other";

  private static final String DEFAULT_RESOURCE = "endpoints.txt";

  private final List<Entry> entries;

  private EndpointTable(List<Entry> entries) {
    this.entries = List.copyOf(entries);
  }

  /** The table shipped with the analyzer, for the vaccination gateway of the domain brief. */
  public static EndpointTable defaults() {
    try (InputStream in = EndpointTable.class.getResourceAsStream(DEFAULT_RESOURCE)) {
      return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)), "endpoints.txt (built in)");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Loads a user's table. */
  public static EndpointTable load(Path file) {
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return parse(r, file.toString());
    } catch (IOException e) {
      throw new UserException("cannot read endpoint table " + file + ": " + e.getMessage());
    }
  }

  static EndpointTable parse(BufferedReader reader, String source) throws IOException {
    List<Entry> entries = new ArrayList<>();
    String line;
    int lineNo = 0;
    while ((line = reader.readLine()) != null) {
      lineNo++;
      String t = line.strip();
      if (t.isEmpty() || t.startsWith("#")) {
        continue;
      }
      String[] parts = t.split("\\s+");
      if (parts.length != 3) {
        throw new UserException(source + ":" + lineNo + ": expected 'METHOD PATH CLASS'; got: " + t);
      }
      if (!CLASSES.contains(parts[2])) {
        throw new UserException(source + ":" + lineNo + ": class must be one of " + CLASSES + "; got: " + parts[2]);
      }
      if (!parts[1].startsWith("/")) {
        throw new UserException(source + ":" + lineNo + ": path must start with '/'; got: " + parts[1]);
      }
      entries.add(Entry.compile(parts[0], parts[1], parts[2]));
    }
    return new EndpointTable(entries);
  }

  /** The endpoint a request is: its template and class. */
  public Endpoint classify(String method, String path) {
    if (path == null) {
      return new Endpoint(null, UNMATCHED_CLASS);
    }
    for (Entry e : entries) {
      if (e.matches(method, path)) {
        return new Endpoint(e.prefixOnly ? genericTemplate(path) : e.template, e.endpointClass);
      }
    }
    return new Endpoint(genericTemplate(path), UNMATCHED_CLASS);
  }

  /** A request's endpoint: the path template and the endpoint class. */
  public record Endpoint(String template, String endpointClass) {}

  /** {@code path} with every id-like segment replaced by {@code {id}}. */
  static String genericTemplate(String path) {
    StringBuilder out = null;
    int n = path.length();
    int segStart = 0;
    for (int i = 0; i <= n; i++) {
      if (i == n || path.charAt(i) == '/') {
        if (i > segStart && isIdLike(path, segStart, i)) {
          if (out == null) {
            out = new StringBuilder(n).append(path, 0, segStart);
          }
          out.append("{id}");
        } else if (out != null) {
          out.append(path, segStart, i);
        }
        if (i < n && out != null) {
          out.append('/');
        }
        segStart = i + 1;
      }
    }
    return out == null ? path : out.toString();
  }

  /** Numbers, pseudonyms, UUIDs and long hex strings with digits are ids, not endpoint names. */
  private static boolean isIdLike(String s, int from, int to) {
    int len = to - from;
    if (s.startsWith("ps-", from) || s.startsWith("pb-", from)) {
      return true;
    }
    int digits = 0;
    int hex = 0;
    int dashes = 0;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c >= '0' && c <= '9') {
        digits++;
      } else if ((c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')) {
        hex++;
      } else if (c == '-') {
        dashes++;
      } else {
        return false;
      }
    }
    if (digits == len) {
      return true;
    }
    return digits > 0 && len >= 8 && digits + hex + dashes == len;
  }

  private static final class Entry {
    final String method;
    final String[] segments;
    final boolean prefixOnly;
    final String template;
    final String endpointClass;

    private Entry(String method, String[] segments, boolean prefixOnly, String template, String endpointClass) {
      this.method = method;
      this.segments = segments;
      this.prefixOnly = prefixOnly;
      this.template = template;
      this.endpointClass = endpointClass;
    }

    static Entry compile(String method, String pattern, String endpointClass) {
      boolean prefix = pattern.endsWith("/*");
      String body = prefix ? pattern.substring(0, pattern.length() - 2) : pattern;
      String[] segs = body.substring(1).split("/", -1);
      StringBuilder template = new StringBuilder();
      for (int i = 0; i < segs.length; i++) {
        if (segs[i].startsWith("{") && segs[i].endsWith("}")) {
          segs[i] = null;
          template.append("/{id}");
        } else {
          template.append('/').append(segs[i]);
        }
      }
      return new Entry(method.equals("*") ? null : method, segs, prefix, template.toString(), endpointClass);
    }

    boolean matches(String reqMethod, String path) {
      if (!matchesPath(path)) {
        return false;
      }
      return method == null || method.equals(reqMethod) || method.equalsIgnoreCase(reqMethod == null ? "" : reqMethod);
    }

    private boolean matchesPath(String path) {
      int pos = 1;
      if (path.isEmpty() || path.charAt(0) != '/') {
        return false;
      }
      for (int i = 0; i < segments.length; i++) {
        int end = path.indexOf('/', pos);
        if (end < 0) {
          end = path.length();
        }
        String seg = segments[i];
        if (seg == null) {
          if (end == pos) {
            return false;
          }
        } else if (end - pos != seg.length() || !path.regionMatches(pos, seg, 0, seg.length())) {
          return false;
        }
        if (i == segments.length - 1) {
          if (prefixOnly) {
            return end < path.length();
          }
          return end == path.length() || (end == path.length() - 1);
        }
        if (end >= path.length()) {
          return false;
        }
        pos = end + 1;
      }
      return false;
    }
  }
}
