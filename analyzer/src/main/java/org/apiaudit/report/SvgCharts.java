package org.apiaudit.report;

import org.apiaudit.output.Escaping;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apiaudit.detect.findings.CaseFindings.Gap;

/**
 * Inline SVG charts for the HTML report: drawn as markup, so the report stays one file that
 * needs no script, font or network, prints sharply at any scale and survives being mailed.
 *
 * <p>Every label is passed through {@link Escaping#html}: endpoint templates and user agents
 * are attacker-controlled and SVG text is parsed like HTML text. Colours come from CSS classes
 * in {@code report.css}, so print styles can change them in one place.
 */
public final class SvgCharts {
  /** One actor's activity drawn as a strip under the event-rate chart. */
  public record Strip(String label, String cssClass, TimeSeries series) {}

  /** A period shaded over the event-rate chart and labelled above it: an incident's window. */
  public record Shade(long from, long to, String label) {}

  private static final int RATE_WIDTH = 960;
  private static final int RATE_HEIGHT = 200;
  private static final int LEFT = 120;
  private static final int RIGHT = 12;
  private static final int STRIP_HEIGHT = 16;
  /**
   * Most buckets drawn per series: a wider series is merged into wider buckets first, so the
   * markup stays a few hundred kilobytes whatever the window (960 px have no room for more).
   */
  static final int MAX_DRAWN_BUCKETS = ActivityCounter.MAX_BUCKETS;
  /** Axis labels: IST to the minute, without the year; any instant, 1960 as well as 2023. */
  private static final DateTimeFormatter AXIS = DateTimeFormatter.ofPattern("MM-dd HH:mm", Locale.ROOT).withZone(Times.IST);

  private SvgCharts() {}

  /**
   * Events per bucket over the whole window as an area, gaps shaded, and one strip per flagged
   * actor below it whose cells darken with the actor's share of its own busiest bucket.
   */
  public static String eventRate(TimeSeries series, List<Gap> gaps, List<Strip> strips) {
    return eventRate(series, gaps, List.of(), strips);
  }

  /** The event-rate chart with the incidents' windows shaded and labelled. */
  public static String eventRate(TimeSeries series, List<Gap> gaps, List<Shade> windows, List<Strip> strips) {
    series = bounded(series);
    int n = series.counts().length;
    int stripsHeight = strips.size() * (STRIP_HEIGHT + 4);
    int chartBottom = RATE_HEIGHT - 28;
    int height = RATE_HEIGHT + stripsHeight + (strips.isEmpty() ? 0 : 8);
    double plotWidth = RATE_WIDTH - LEFT - RIGHT;
    double step = plotWidth / Math.max(1, n);
    long max = Math.max(1, series.max());
    StringBuilder svg = open(RATE_WIDTH, height, "Events per " + bucketName(series) + " over the analysed window");
    // gaps first, so the area is drawn over them
    for (Gap g : gaps) {
      double x1 = x(series, g.from(), step);
      double x2 = Math.max(x1 + 2, x(series, g.to(), step));
      svg.append(String.format(Locale.ROOT,
          "<rect class=\"gap %s\" x=\"%.1f\" y=\"8\" width=\"%.1f\" height=\"%d\"><title>%s</title></rect>",
          "low".equals(g.kind()) ? "gap-low" : "gap-none", x1, x2 - x1, chartBottom - 8,
          Escaping.html(("low".equals(g.kind()) ? "Few events" : "No events") + ": " + Times.ist(g.from())
              + " to " + Times.ist(g.to()) + " (" + Labels.count(g.events()) + " events)")));
    }
    for (Shade w : windows) {
      double x1 = x(series, w.from(), step);
      double x2 = Math.max(x1 + 3, x(series, w.to(), step));
      svg.append(String.format(Locale.ROOT,
          "<rect class=\"incident-window\" x=\"%.1f\" y=\"8\" width=\"%.1f\" height=\"%d\"><title>%s</title></rect>"
              + "<text class=\"incident-label\" x=\"%.1f\" y=\"20\">%s</text>",
          x1, x2 - x1, chartBottom - 8, Escaping.html(w.label() + ": " + Times.ist(w.from()) + " to " + Times.ist(w.to())),
          x1 + 2, Escaping.html(w.label())));
    }
    // grid and y labels
    for (int i = 0; i <= 2; i++) {
      double y = chartBottom - (chartBottom - 12) * i / 2.0;
      svg.append(String.format(Locale.ROOT, "<line class=\"grid\" x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\"/>",
          LEFT, RATE_WIDTH - RIGHT, y, y));
      svg.append(String.format(Locale.ROOT, "<text class=\"axis\" x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>",
          LEFT - 6, y + 4, Labels.count(Math.round(max * i / 2.0))));
    }
    // area
    StringBuilder path = new StringBuilder();
    path.append(String.format(Locale.ROOT, "M%.1f %d", (double) LEFT, chartBottom));
    for (int i = 0; i < n; i++) {
      double y = chartBottom - (chartBottom - 12) * (double) series.counts()[i] / max;
      path.append(String.format(Locale.ROOT, " L%.1f %.1f L%.1f %.1f", LEFT + i * step, y, LEFT + (i + 1) * step, y));
    }
    path.append(String.format(Locale.ROOT, " L%.1f %d Z", LEFT + n * step, chartBottom));
    svg.append("<path class=\"area\" d=\"").append(path).append("\"/>");
    // x ticks on round IST times: midnights for days, whole hours within a day
    long span = Math.max(1, (long) n * series.bucketMillis());
    long tickStep = TICK_STEPS[TICK_STEPS.length - 1];
    for (long candidate : TICK_STEPS) {
      if (span / candidate <= 7) {
        tickStep = candidate;
        break;
      }
    }
    long end = series.start() + span;
    for (long t = Math.floorDiv(series.start() + IST_OFFSET + tickStep - 1, tickStep) * tickStep - IST_OFFSET;
        t <= end; t += tickStep) {
      double x = x(series, t, step);
      svg.append(String.format(Locale.ROOT, "<line class=\"tick\" x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%d\"/>",
          x, x, chartBottom, chartBottom + 4));
      String anchor = x < LEFT + 40 ? "start" : x > RATE_WIDTH - RIGHT - 40 ? "end" : "middle";
      svg.append(String.format(Locale.ROOT, "<text class=\"axis\" x=\"%.1f\" y=\"%d\" text-anchor=\"%s\">%s</text>",
          x, chartBottom + 18, anchor, Escaping.html(tickLabel(t, tickStep))));
    }
    // strips
    int y = RATE_HEIGHT + 4;
    for (Strip s : strips) {
      long sMax = Math.max(1, s.series().max());
      svg.append(String.format(Locale.ROOT, "<text class=\"strip-label\" x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>",
          LEFT - 6, y + 12, Escaping.html(shorten(s.label(), 20))));
      svg.append(String.format(Locale.ROOT,
          "<rect class=\"strip-bg\" x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\"><title>%s</title></rect>",
          LEFT, y, plotWidth, STRIP_HEIGHT, Escaping.html(s.label() + ": " + Labels.count(s.series().total()) + " events")));
      TimeSeries strip = bounded(s.series());
      long[] c = strip.counts();
      for (int i = 0; i < c.length; i++) {
        if (c[i] == 0) {
          continue;
        }
        double xi = x(series, strip.start() + i * strip.bucketMillis(), step);
        double w = step * strip.bucketMillis() / series.bucketMillis();
        svg.append(String.format(Locale.ROOT,
            "<rect class=\"%s\" x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill-opacity=\"%.2f\"/>",
            s.cssClass(), xi, y, Math.max(1, w), STRIP_HEIGHT, 0.25 + 0.75 * c[i] / sMax));
      }
      y += STRIP_HEIGHT + 4;
    }
    return svg.append("</svg>").toString();
  }

  /** A small bar sparkline of one actor's activity. */
  public static String sparkline(TimeSeries series, String cssClass, String title) {
    series = bounded(series);
    int width = 320;
    int height = 48;
    int n = series.counts().length;
    double step = (double) width / Math.max(1, n);
    long max = Math.max(1, series.max());
    StringBuilder svg = open(width, height + 14, title);
    svg.append(String.format(Locale.ROOT, "<line class=\"grid\" x1=\"0\" x2=\"%d\" y1=\"%d\" y2=\"%d\"/>", width, height, height));
    for (int i = 0; i < n; i++) {
      long c = series.counts()[i];
      if (c == 0) {
        continue;
      }
      double h = Math.max(1.5, (height - 2) * (double) c / max);
      svg.append(String.format(Locale.ROOT, "<rect class=\"%s\" x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"%.2f\"/>",
          cssClass, i * step, height - h, Math.max(0.8, step - 0.3), h));
    }
    svg.append(String.format(Locale.ROOT, "<text class=\"axis\" x=\"0\" y=\"%d\">%s</text>", height + 12,
        Escaping.html(axisLabel(series.start()))));
    svg.append(String.format(Locale.ROOT, "<text class=\"axis\" x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>", width,
        height + 12, Escaping.html(axisLabel(series.end()) + " IST · peak " + Labels.count(series.max()))));
    return svg.append("</svg>").toString();
  }

  /** Horizontal bars, one per entry (largest first, at most {@code max}), labels on the left. */
  public static String bars(Map<String, Long> counts, int max, String cssClass, String title) {
    List<Map.Entry<String, Long>> rows = ReportBuilder.sortedByCount(counts).entrySet().stream().limit(max).toList();
    int width = 460;
    int labelWidth = 210;
    int row = 20;
    long top = Math.max(1, rows.stream().mapToLong(Map.Entry::getValue).max().orElse(1));
    StringBuilder svg = open(width, rows.size() * row + 4, title);
    int y = 2;
    for (Map.Entry<String, Long> e : rows) {
      double w = (width - labelWidth - 70) * (double) e.getValue() / top;
      svg.append(String.format(Locale.ROOT, "<text class=\"bar-label\" x=\"%d\" y=\"%d\" text-anchor=\"end\">%s<title>%s</title></text>",
          labelWidth - 6, y + 13, Escaping.html(shorten(e.getKey(), 30)), Escaping.html(e.getKey())));
      svg.append(String.format(Locale.ROOT, "<rect class=\"%s\" x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"14\" rx=\"2\"/>",
          cssClass, labelWidth, y + 2, Math.max(1, w)));
      svg.append(String.format(Locale.ROOT, "<text class=\"axis\" x=\"%.1f\" y=\"%d\">%s</text>",
          labelWidth + Math.max(1, w) + 5, y + 13, Labels.count(e.getValue())));
      y += row;
    }
    return svg.append("</svg>").toString();
  }

  private static StringBuilder open(int width, int height, String title) {
    StringBuilder svg = new StringBuilder(4096);
    svg.append(String.format(Locale.ROOT,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" role=\"img\" aria-label=\"%s\">",
        width, height, width, height, Escaping.html(title)));
    return svg.append("<title>").append(Escaping.html(title)).append("</title>");
  }

  /** {@code 06-10 14:05}: an axis label in IST. */
  static String axisLabel(long epochMillis) {
    return AXIS.format(Instant.ofEpochMilli(epochMillis));
  }

  /**
   * {@code series} with at most {@link #MAX_DRAWN_BUCKETS} buckets: adjacent buckets are summed
   * into ones a whole multiple wider. The same instance when it already fits.
   */
  static TimeSeries bounded(TimeSeries series) {
    long[] counts = series.counts();
    if (counts.length <= MAX_DRAWN_BUCKETS) {
      return series;
    }
    int factor = (counts.length + MAX_DRAWN_BUCKETS - 1) / MAX_DRAWN_BUCKETS;
    long[] wide = new long[(counts.length + factor - 1) / factor];
    for (int i = 0; i < counts.length; i++) {
      wide[i / factor] += counts[i];
    }
    return new TimeSeries(series.start(), series.bucketMillis() * factor, wide);
  }

  /** Tick spacings tried in order: the first giving at most 7 intervals over the chart wins. */
  private static final long[] TICK_STEPS = {3_600_000L, 3 * 3_600_000L, 6 * 3_600_000L, 12 * 3_600_000L,
      86_400_000L, 2 * 86_400_000L, 7 * 86_400_000L, 30 * 86_400_000L, 365 * 86_400_000L};
  /** IST is UTC+05:30 all year, so round IST times are round UTC times shifted by this. */
  private static final long IST_OFFSET = 19_800_000L;
  private static final java.time.format.DateTimeFormatter TICK_DAY =
      java.time.format.DateTimeFormatter.ofPattern("d MMM", Locale.ROOT).withZone(Times.IST);
  private static final java.time.format.DateTimeFormatter TICK_HOUR =
      java.time.format.DateTimeFormatter.ofPattern("d MMM HH:mm", Locale.ROOT).withZone(Times.IST);

  /** {@code 8 Jun} at a midnight tick, {@code 8 Jun 06:00 IST} within a day. */
  private static String tickLabel(long t, long tickStep) {
    java.time.Instant at = java.time.Instant.ofEpochMilli(t);
    return tickStep >= 86_400_000L ? TICK_DAY.format(at) : TICK_HOUR.format(at) + " IST";
  }

  private static double x(TimeSeries series, long t, double step) {
    double buckets = (double) (t - series.start()) / series.bucketMillis();
    double clamped = Math.max(0, Math.min(series.counts().length, buckets));
    return LEFT + clamped * step;
  }

  private static String bucketName(TimeSeries s) {
    long hours = s.bucketMillis() / ActivityCounter.HOUR;
    return hours == 1 ? "hour" : hours + " hours";
  }

  /** At most {@code max} characters, with an ellipsis; the full text goes in a tooltip. */
  static String shorten(String text, int max) {
    if (text == null) {
      return "";
    }
    return text.length() <= max ? text : text.substring(0, max - 1) + "…";
  }
}
