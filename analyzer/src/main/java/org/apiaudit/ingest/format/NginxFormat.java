package org.apiaudit.ingest.format;

import java.util.ArrayList;
import java.util.List;
import org.apiaudit.ingest.FileSession;
import org.apiaudit.ingest.LineParser;
import org.apiaudit.ingest.LogFormat;
import org.apiaudit.schema.Event;

/**
 * Text logs described by an nginx {@code log_format} string, compiled once into a
 * {@link NginxLineParser}.
 *
 * <p>The string may be given bare ({@code $remote_addr - $remote_user [$time_local] …}) or as
 * pasted from nginx.conf ({@code log_format main '…' '…';}), in which case the quoted pieces
 * are joined. Variables are {@code $name} or {@code ${name}}; which ones feed the event is
 * listed in {@link NginxVariable}. Apache's {@code combined} and {@code common} produce the
 * same text as the nginx presets here.
 */
public final class NginxFormat implements LogFormat {
  /** NCSA common log format. */
  public static final String COMMON =
      "$remote_addr - $remote_user [$time_local] \"$request\" $status $body_bytes_sent";

  /** NCSA combined: nginx's default and Apache's {@code combined}. */
  public static final String COMBINED = COMMON + " \"$http_referer\" \"$http_user_agent\"";

  /**
   * Apache's {@code vhost_combined} ({@code %v:%p %h %l %u %t "%r" %>s %O "%{Referer}i"
   * "%{User-Agent}i"}): combined behind the virtual host's name, read into {@code url.domain}.
   */
  public static final String VHOST_COMBINED = "$host " + COMBINED;

  /** The vaccination gateway's text format (gateway.md, export format 1). */
  public static final String GATEWAY =
      COMBINED
          + " $request_time \"$http_x_forwarded_for\" $request_id $auth_type $principal $subject";

  /** Lines looked at by {@link #sniff}: enough to outvote one odd line, cheap to parse. */
  private static final int SNIFF_LINES = 50;

  private final String name;
  private final String logFormat;
  private final NginxLineParser parser;

  private NginxFormat(String name, String logFormat, NginxLineParser parser) {
    this.name = name;
    this.logFormat = logFormat;
    this.parser = parser;
  }

  /**
   * Compiles {@code logFormat}.
   *
   * @throws IllegalArgumentException if it has no variable or a malformed {@code ${…}}
   */
  public static NginxFormat compile(String name, String logFormat) {
    String text = unwrapDirective(logFormat);
    List<NginxLineParser.Segment> segments = new ArrayList<>();
    StringBuilder literal = new StringBuilder();
    String leading = null;
    String pendingName = null;
    boolean pendingQuoted = false;
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c != '$' || i + 1 == text.length() || !(text.charAt(i + 1) == '{' || isNameChar(text.charAt(i + 1)))) {
        literal.append(c);
        i++;
        continue;
      }
      int start;
      int stop;
      int next;
      if (text.charAt(i + 1) == '{') {
        start = i + 2;
        stop = text.indexOf('}', start);
        if (stop < 0) {
          throw new IllegalArgumentException(
              "log format '" + name + "': unterminated '${' at column " + (i + 1));
        }
        next = stop + 1;
      } else {
        start = i + 1;
        stop = start;
        while (stop < text.length() && isNameChar(text.charAt(stop))) {
          stop++;
        }
        next = stop;
      }
      String varName = text.substring(start, stop);
      if (varName.isEmpty()) {
        throw new IllegalArgumentException(
            "log format '" + name + "': empty variable name at column " + (i + 1));
      }
      String lit = literal.toString();
      if (pendingName == null) {
        leading = lit;
      } else {
        segments.add(segment(pendingName, lit, pendingQuoted));
      }
      pendingQuoted = lit.endsWith("\"");
      pendingName = varName;
      literal.setLength(0);
      i = next;
    }
    if (pendingName == null) {
      throw new IllegalArgumentException(
          "log format '" + name + "' has no $variable: '" + logFormat + "'");
    }
    segments.add(segment(pendingName, literal.toString(), pendingQuoted));
    return new NginxFormat(
        name,
        text,
        new NginxLineParser(leading, segments.toArray(new NginxLineParser.Segment[0])));
  }

  private static NginxLineParser.Segment segment(String varName, String after, boolean openedByQuote) {
    return new NginxLineParser.Segment(
        varName, NginxVariable.of(varName), after, openedByQuote && after.startsWith("\""));
  }

  /**
   * {@code log_format name 'a' 'b';} → {@code ab}; anything not starting with
   * {@code log_format} is returned unchanged.
   */
  static String unwrapDirective(String s) {
    String t = s.strip();
    if (!t.startsWith("log_format")) {
      return s;
    }
    StringBuilder out = new StringBuilder();
    int i = 0;
    while ((i = t.indexOf('\'', i)) >= 0) {
      int close = t.indexOf('\'', i + 1);
      if (close < 0) {
        throw new IllegalArgumentException("log_format directive has an unterminated quote: " + s);
      }
      out.append(t, i + 1, close);
      i = close + 1;
    }
    return out.toString();
  }

  private static boolean isNameChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  }

  @Override
  public String name() {
    return name;
  }

  /** The compiled format text. */
  public String logFormat() {
    return logFormat;
  }

  /** The compiled parser; the same for every file, since text logs have no header. */
  public LineParser parser() {
    return parser;
  }

  /**
   * 80 times the share of the first lines that parse, plus one point per variable (at most
   * 20): when a line parses under several formats, the one that explains more of it wins, so
   * {@code gateway} beats {@code combined}, which beats {@code common} (the shorter formats
   * tolerate the longer ones' extra fields).
   */
  @Override
  public int sniff(List<String> firstLines) {
    Fit fit = fit(firstLines);
    if (fit.parsed() == 0) {
      return 0;
    }
    return 80 * fit.parsed() / fit.sampled() + Math.min(20, parser.variableCount());
  }

  /**
   * How many of the sampled lines (the first {@value #SNIFF_LINES} non-blank ones) parse.
   *
   * @param parsed lines this format reads
   * @param sampled lines looked at
   */
  public record Fit(int parsed, int sampled) {
    /** Whether most sampled lines fit (more than half). */
    public boolean most() {
      return 2 * parsed > sampled;
    }
  }

  /** How many of {@code firstLines} this format reads (see {@link Fit}). */
  public Fit fit(List<String> firstLines) {
    return fit(parser, firstLines);
  }

  /** How many of {@code firstLines} {@code parser} reads: the sampling every line-by-line format shares. */
  static Fit fit(LineParser parser, List<String> firstLines) {
    Event scratch = new Event();
    int seen = 0;
    int parsed = 0;
    for (String line : firstLines) {
      if (line.isBlank()) {
        continue;
      }
      if (seen == SNIFF_LINES) {
        break;
      }
      seen++;
      scratch.clear();
      if (parser.parse(line, scratch) == null) {
        parsed++;
      }
    }
    return new Fit(parsed, seen);
  }

  /**
   * How many fields a line of this format carries: of two formats that read the same lines,
   * the one with more is the richer (gateway over combined over common).
   */
  public int fieldCount() {
    return parser.variableCount();
  }

  @Override
  public FileSession startFile() {
    return line -> parser;
  }

  @Override
  public String toString() {
    return name + ": " + logFormat;
  }
}
