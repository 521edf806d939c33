package io.hubspotbeam.pipeline;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code _report.html}: one self-contained page (inline CSS and SVG, a few lines of inline
 * script, no external file, font or network) that shows how a run went: a table per table
 * written (rows, columns, requests, retries, 429s, time), a chart of requests per second against
 * the rate budget, a chart of records over time per object, and a verdict on what limited the
 * run: HubSpot's rate limit, HubSpot's answer time (the network), or this machine.
 */
final class RunReport {
  static final String FILE = "_report.html";

  /** What the run was allowed: general requests per ten seconds and searches per second. */
  record Budget(double requestsPerTenSeconds, double searchPerSecond) {}

  private static final String[] COLORS = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e",
      "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf", "#393b79", "#637939",
      "#843c39"};
  private static final int WIDTH = 720;
  private static final int HEIGHT = 240;
  private static final int LEFT = 56;
  private static final int BOTTOM = 28;
  private static final int TOP = 12;
  private static final int RIGHT = 12;

  private RunReport() {}

  /** Writes the report atomically; returns its path. */
  static Path write(Path output, String outcome, Instant started, Instant finished,
      List<RunManifest.Table> rows, List<RunProgress.Sample> samples, Budget budget, List<String> objects)
      throws IOException {
    String html = html(outcome, started, finished, rows, samples, budget, objects);
    Path target = output.resolve(FILE);
    RunManifest.writeAtomically(target, html.getBytes(StandardCharsets.UTF_8));
    return target;
  }

  static String html(String outcome, Instant started, Instant finished, List<RunManifest.Table> rows,
      List<RunProgress.Sample> samples, Budget budget, List<String> objects) {
    StringBuilder page = new StringBuilder();
    page.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<title>HubSpot extraction report</title>\n<style>\n")
        .append("body{font-family:system-ui,sans-serif;margin:24px;color:#222;max-width:980px}\n")
        .append("table{border-collapse:collapse;margin:12px 0}\n")
        .append("th,td{border:1px solid #ccc;padding:4px 8px;text-align:right}\n")
        .append("th:first-child,td:first-child{text-align:left}\n")
        .append("th{background:#f3f3f3}\n.verdict{font-size:1.1em;padding:8px 12px;")
        .append("background:#eef5ff;border-left:4px solid #1f77b4}\n")
        .append("svg text{font-size:11px;fill:#444}\n.legend span{margin-right:14px}\n")
        .append(".check{color:#999;font-size:10px}\n")
        .append("</style>\n</head>\n<body>\n");
    page.append("<h1>HubSpot extraction report</h1>\n<p>").append(escape(outcome))
        .append(" &middot; started ").append(started).append(" &middot; finished ")
        .append(finished).append(String.format(Locale.ROOT, " (%.1f s)",
            (finished.toEpochMilli() - started.toEpochMilli()) / 1000.0)).append("</p>\n");
    page.append("<p class=\"verdict\" id=\"verdict\">").append(escape(verdict(samples, budget)))
        .append("</p>\n");
    table(page, rows);
    page.append("<h2>Requests per second against the rate budget</h2>\n<p>Averaged over"
        + " three seconds.</p>\n");
    requestsChart(page, samples, budget);
    page.append("<h2>Records over time</h2>\n");
    recordsChart(page, samples, objects);
    page.append("<pre id=\"render-check\" class=\"check\"></pre>\n<script>\n")
        .append("(function(){var out=[];")
        .append("var rows=document.querySelectorAll('#tables tbody tr');var h=0;")
        .append("rows.forEach(function(r){h+=r.getBoundingClientRect().height;});")
        .append("out.push('table rows '+rows.length+' height '+Math.round(h));")
        .append("document.querySelectorAll('svg.chart').forEach(function(svg){")
        .append("var lines=svg.querySelectorAll('polyline.series');var drawn=0;")
        .append("lines.forEach(function(l){var b=l.getBBox();if(b.width>0)drawn++;});")
        .append("var box=svg.getBoundingClientRect();")
        .append("out.push('chart '+svg.id+' '+Math.round(box.width)+'x'+Math.round(box.height)")
        .append("+' series drawn '+drawn+' of '+lines.length);});")
        .append("document.getElementById('render-check').textContent=out.join('\\n');")
        .append("})();\n</script>\n</body>\n</html>\n");
    return page.toString();
  }

  private static void table(StringBuilder page, List<RunManifest.Table> rows) {
    page.append("<table id=\"tables\">\n<thead><tr><th>table</th><th>kind</th><th>rows</th>")
        .append("<th>columns</th><th>requests</th><th>retries</th><th>429s</th>")
        .append("<th>time</th></tr></thead>\n<tbody>\n");
    for (RunManifest.Table row : rows) {
      page.append("<tr><td>").append(escape(row.name())).append(row.reused()
              ? " (kept from an earlier run)" : "").append("</td><td>").append(row.kind())
          .append("</td><td>").append(String.format(Locale.ROOT, "%,d", row.rows()))
          .append("</td><td>").append(row.columns().size()).append("</td><td>")
          .append(String.format(Locale.ROOT, "%,d", row.requests())).append("</td><td>")
          .append(row.retries()).append("</td><td>").append(row.rateLimited())
          .append("</td><td>").append(span(row.firstAnswer(), row.lastAnswer()))
          .append("</td></tr>\n");
    }
    page.append("</tbody>\n</table>\n");
  }

  private static String span(String first, String last) {
    if (first == null || last == null) {
      return "&ndash;";
    }
    double seconds = (Instant.parse(last).toEpochMilli() - Instant.parse(first).toEpochMilli())
        / 1000.0;
    return String.format(Locale.ROOT, "%.1f s", seconds);
  }

  /**
   * What held the run back. The rate limit when the readers spent a good part of their time
   * waiting for it or the requests came close to the budget; else HubSpot's answer time when
   * the requests' own time dominated; else this machine (writing, the runner).
   */
  static String verdict(List<RunProgress.Sample> samples, Budget budget) {
    if (samples.size() < 2) {
      return "The run was too short to tell what limited it.";
    }
    RunProgress.Sample last = samples.get(samples.size() - 1);
    double seconds = Math.max(1e-3, last.seconds());
    double requestsPerSecond = (last.requests() - last.searches()) / seconds;
    double allowed = budget.requestsPerTenSeconds() / 10;
    long waited = last.throttledMillis();
    long asked = last.requestMillis();
    double waitShare = waited + asked == 0 ? 0 : (double) waited / (waited + asked);
    String figures = String.format(Locale.ROOT, " (%.1f requests/s%s; readers waited on the"
            + " rate limit %.0f%% of their time; %d answered 429)", requestsPerSecond,
        allowed > 0 ? String.format(Locale.ROOT, " of %.1f allowed", allowed) : ", not paced",
        100 * waitShare, last.rateLimited());
    if (waitShare >= 0.3 || allowed > 0 && requestsPerSecond >= 0.8 * allowed) {
      return "Limited by HubSpot's rate limit" + figures + ": a higher limit (the API add-on)"
          + " or a smaller --count would make it faster.";
    }
    double meanLatency = last.requests() == 0 ? 0 : (double) asked / last.requests();
    if (meanLatency >= 150) {
      return String.format(Locale.ROOT, "Limited by HubSpot's answer time: %.0f ms per request"
          + " on average%s.", meanLatency, figures);
    }
    return "Limited by this machine: HubSpot answered fast and the rate limit was not reached"
        + figures + "; more cores or the Flink runner would make it faster.";
  }

  private static void requestsChart(StringBuilder page, List<RunProgress.Sample> samples,
      Budget budget) {
    // Runners commit metrics per bundle, so per-second counts come in steps: a three-sample
    // average shows the pace.
    List<double[]> general = new ArrayList<>();
    List<double[]> search = new ArrayList<>();
    for (int i = 1; i < samples.size(); i++) {
      RunProgress.Sample a = samples.get(Math.max(0, i - 3));
      RunProgress.Sample b = samples.get(i);
      double dt = Math.max(1e-3, b.seconds() - a.seconds());
      general.add(new double[] {b.seconds(),
          ((b.requests() - b.searches()) - (a.requests() - a.searches())) / dt});
      search.add(new double[] {b.seconds(), (b.searches() - a.searches()) / dt});
    }
    double peak = 1;
    for (double[] p : general) {
      peak = Math.max(peak, p[1]);
    }
    for (double[] p : search) {
      peak = Math.max(peak, p[1]);
    }
    // A budget far above anything the run did (an unlimited portal) would flatten the chart.
    double allowed = budget.requestsPerTenSeconds() / 10;
    boolean drawBudget = allowed > 0 && allowed <= 20 * peak;
    double maxY = Math.max(peak * 1.1, drawBudget ? allowed * 1.15 : 0);
    double maxX = samples.isEmpty() ? 1 : Math.max(1, samples.get(samples.size() - 1).seconds());
    StringBuilder svg = chartFrame("requests", maxX, maxY, "requests/s");
    if (drawBudget) {
      double y = y(allowed, maxY);
      svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\""
          + " stroke=\"#d62728\" stroke-dasharray=\"6 4\"/>\n", LEFT, y, WIDTH - RIGHT, y));
      svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\">rate budget %.1f/s"
          + "</text>\n", LEFT + 6, y - 4, allowed));
    }
    series(svg, general, maxX, maxY, "#1f77b4");
    series(svg, search, maxX, maxY, "#2ca02c");
    page.append(svg).append("</svg>\n<p class=\"legend\"><span style=\"color:#1f77b4\">&#9632;"
        + " list, batch and association requests</span><span style=\"color:#2ca02c\">&#9632;"
        + " searches (own limit: ").append(String.format(Locale.ROOT, "%.1f/s",
            budget.searchPerSecond())).append(")</span><span style=\"color:#d62728\">- - rate"
            + " budget").append(drawBudget ? "" : allowed > 0 ? String.format(Locale.ROOT,
                " (%,.0f/s: far above, not drawn)", allowed) : " (none: not paced)")
        .append("</span></p>\n");
  }

  private static void recordsChart(StringBuilder page, List<RunProgress.Sample> samples,
      List<String> objects) {
    double maxX = samples.isEmpty() ? 1 : Math.max(1, samples.get(samples.size() - 1).seconds());
    double maxY = 1;
    for (RunProgress.Sample sample : samples) {
      for (long n : sample.records().values()) {
        maxY = Math.max(maxY, n * 1.05);
      }
    }
    StringBuilder svg = chartFrame("records", maxX, maxY, "records");
    StringBuilder legend = new StringBuilder("<p class=\"legend\">");
    for (int i = 0; i < objects.size(); i++) {
      String objectType = objects.get(i);
      String color = COLORS[i % COLORS.length];
      List<double[]> points = new ArrayList<>();
      points.add(new double[] {0, 0});
      for (RunProgress.Sample sample : samples) {
        points.add(new double[] {sample.seconds(), sample.records().getOrDefault(objectType, 0L)});
      }
      series(svg, points, maxX, maxY, color);
      legend.append("<span style=\"color:").append(color).append("\">&#9632; ")
          .append(escape(objectType)).append("</span>");
    }
    page.append(svg).append("</svg>\n").append(legend).append("</p>\n");
  }

  private static StringBuilder chartFrame(String id, double maxX, double maxY, String unit) {
    StringBuilder svg = new StringBuilder(String.format(Locale.ROOT,
        "<svg class=\"chart\" id=\"%s\" xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\""
            + " height=\"%d\" viewBox=\"0 0 %d %d\">\n", id, WIDTH, HEIGHT, WIDTH, HEIGHT));
    svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\""
        + " fill=\"#fafafa\" stroke=\"#ccc\"/>\n", LEFT, TOP, WIDTH - LEFT - RIGHT,
        HEIGHT - TOP - BOTTOM));
    for (int i = 0; i <= 4; i++) {
      double value = maxY * i / 4;
      svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s"
          + "</text>\n", LEFT - 4, y(value, maxY) + 4, tick(value)));
      double seconds = maxX * i / 4;
      svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">"
          + "%.0f s</text>\n", x(seconds, maxX), HEIGHT - 10, seconds));
    }
    svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">%s</text>\n", LEFT + 6,
        TOP + 14, unit));
    return svg;
  }

  private static void series(StringBuilder svg, List<double[]> points, double maxX, double maxY,
      String color) {
    if (points.isEmpty()) {
      return;
    }
    svg.append("<polyline class=\"series\" fill=\"none\" stroke=\"").append(color)
        .append("\" stroke-width=\"2\" points=\"");
    for (double[] p : points) {
      svg.append(String.format(Locale.ROOT, "%.1f,%.1f ", x(p[0], maxX), y(p[1], maxY)));
    }
    svg.append("\"/>\n");
  }

  private static double x(double seconds, double maxX) {
    return LEFT + (WIDTH - LEFT - RIGHT) * seconds / maxX;
  }

  private static double y(double value, double maxY) {
    return HEIGHT - BOTTOM - (HEIGHT - TOP - BOTTOM) * value / maxY;
  }

  private static String tick(double value) {
    return value >= 10_000 ? String.format(Locale.ROOT, "%.0fk", value / 1000)
        : value >= 10 ? String.format(Locale.ROOT, "%.0f", value)
        : String.format(Locale.ROOT, "%.1f", value);
  }

  static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
