package io.dataspoke.report;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The report as one static HTML page with its charts drawn in inline SVG: nothing to load, so it
 * opens from a file, a mail or an artifact store. Each dataset's metric over time with its
 * anomalies (red dots) and incident windows (shaded), each team's documentation health per day, and
 * the incident timeline.
 */
public final class ReportPage {

    static final int WIDTH = 900;
    static final int HEIGHT = 220;
    static final int PAD = 40;
    private static final String[] COLOURS = {
        "#1f77b4", "#ff7f0e", "#2ca02c", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22",
        "#17becf"
    };
    private static final DateTimeFormatter DAY =
            DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ROOT).withZone(ZoneOffset.UTC);

    private ReportPage() {}

    public static String render(ReportData data, Instant generatedAt) {
        StringBuilder h = new StringBuilder();
        h.append(
                "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>DataSpoke"
                    + " report</title><style>body{font-family:sans-serif;margin:24px;color:#222}"
                    + "h2{margin-top:32px}section{margin-bottom:24px}.meta{color:#666}svg{background:#fafafa;border:1px"
                    + " solid #ddd}.legend span{margin-right:16px}</style></head><body>");
        h.append("<h1>DataSpoke report</h1><p class=\"meta\">Generated ")
                .append(escape(generatedAt.toString()))
                .append(": ")
                .append(data.datasets().size())
                .append(" datasets with anomalies or incidents, ")
                .append(data.teams().size())
                .append(" teams, ")
                .append(data.incidents().size())
                .append(" incidents.</p>");

        h.append("<h2>Datasets</h2>");
        for (ReportData.DatasetChart d : data.datasets()) {
            h.append("<section class=\"dataset\"><h3>")
                    .append(escape(d.urn()))
                    .append("</h3><p class=\"meta\">")
                    .append(escape(d.metric()))
                    .append(": ")
                    .append(d.series().size())
                    .append(" points, ")
                    .append(d.anomalies().size())
                    .append(" anomalies, ")
                    .append(d.incidents().size())
                    .append(" incidents</p>")
                    .append(datasetChart(d))
                    .append("</section>");
        }

        h.append("<h2>Team documentation health</h2><section class=\"teams\">")
                .append(teamChart(data.teams()))
                .append("<p class=\"legend\">");
        int i = 0;
        for (String team : data.teams().keySet()) {
            h.append("<span style=\"color:")
                    .append(COLOURS[i++ % COLOURS.length])
                    .append("\">&#9632; ")
                    .append(escape(team))
                    .append("</span>");
        }
        h.append("</p></section>");

        h.append("<h2>Incident timeline</h2><section class=\"incidents\">")
                .append(timeline(data.incidents()))
                .append("</section></body></html>\n");
        return h.toString();
    }

    private static String datasetChart(ReportData.DatasetChart d) {
        Scale x = Scale.of(d.series(), true);
        Scale y = Scale.of(d.series(), false);
        for (ReportData.Point a : d.anomalies()) {
            x = x.include(a.at());
            y = y.include(a.value());
        }
        StringBuilder s = svg(HEIGHT);
        for (ReportData.IncidentSpan span : d.incidents()) {
            double x0 = x.px(span.openedAt(), WIDTH);
            double x1 = x.px(span.resolvedAt() == 0 ? (long) x.max : span.resolvedAt(), WIDTH);
            s.append(
                    String.format(
                            Locale.ROOT,
                            "<rect class=\"incident\" x=\"%.1f\" y=\"%d\" width=\"%.1f\""
                                    + " height=\"%d\" fill=\"#f4b6b6\""
                                    + " opacity=\"0.6\"><title>%s</title></rect>",
                            x0,
                            PAD / 2,
                            Math.max(2, x1 - x0),
                            HEIGHT - PAD,
                            escape(span.title())));
        }
        s.append(polyline(d.series(), x, y, HEIGHT, COLOURS[0]));
        for (ReportData.Point a : d.anomalies()) {
            s.append(
                    String.format(
                            Locale.ROOT,
                            "<circle class=\"anomaly\" cx=\"%.1f\" cy=\"%.1f\" r=\"4\""
                                    + " fill=\"#d62728\"><title>anomaly %s</title></circle>",
                            x.px(a.at(), WIDTH),
                            y.py(a.value(), HEIGHT),
                            escape(DAY.format(Instant.ofEpochMilli(a.at())))));
        }
        axes(s, x, y, HEIGHT);
        return s.append("</svg>").toString();
    }

    private static String teamChart(Map<String, List<ReportData.Point>> teams) {
        List<ReportData.Point> all = new ArrayList<>();
        teams.values().forEach(all::addAll);
        Scale x = Scale.of(all, true);
        Scale y = new Scale(0, 100);
        StringBuilder s = svg(HEIGHT + 60);
        int i = 0;
        for (List<ReportData.Point> series : teams.values()) {
            s.append(polyline(series, x, y, HEIGHT + 60, COLOURS[i++ % COLOURS.length]));
        }
        axes(s, x, y, HEIGHT + 60);
        return s.append("</svg>").toString();
    }

    private static String timeline(List<ReportData.IncidentSpan> incidents) {
        int row = 22;
        int height = PAD + row * Math.max(1, incidents.size());
        Scale x = new Scale(Double.MAX_VALUE, -Double.MAX_VALUE);
        for (ReportData.IncidentSpan i : incidents) {
            x = x.include(i.openedAt());
            x = x.include(i.resolvedAt() == 0 ? i.openedAt() : i.resolvedAt());
        }
        StringBuilder s = svg(height);
        int n = 0;
        for (ReportData.IncidentSpan i : incidents) {
            double x0 = x.px(i.openedAt(), WIDTH);
            double x1 = x.px(i.resolvedAt() == 0 ? (long) x.max : i.resolvedAt(), WIDTH);
            int y = PAD / 2 + n++ * row;
            double w = Math.max(3, x1 - x0);
            // The label goes on the side of the bar with more room.
            boolean left = x0 + w / 2 > WIDTH / 2.0;
            s.append(
                    String.format(
                            Locale.ROOT,
                            "<rect class=\"span\" x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\""
                                + " fill=\"%s\"><title>%s</title></rect><text x=\"%.1f\" y=\"%d\""
                                + " font-size=\"11\" text-anchor=\"%s\">%s</text>",
                            x0,
                            y,
                            w,
                            row - 6,
                            severityColour(i.severity()),
                            escape(i.title()),
                            left ? x0 - 4 : x0 + w + 4,
                            y + row - 10,
                            left ? "end" : "start",
                            escape(i.severity() + " " + i.title())));
        }
        return s.append("</svg>").toString();
    }

    private static String severityColour(String severity) {
        return switch (severity) {
            case "CRITICAL" -> "#7f0000";
            case "HIGH" -> "#d62728";
            case "MEDIUM" -> "#ff7f0e";
            default -> "#bcbd22";
        };
    }

    private static StringBuilder svg(int height) {
        return new StringBuilder(
                String.format(
                        Locale.ROOT,
                        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\""
                                + " viewBox=\"0 0 %d %d\">",
                        WIDTH,
                        height,
                        WIDTH,
                        height));
    }

    private static String polyline(
            List<ReportData.Point> series, Scale x, Scale y, int height, String colour) {
        StringBuilder points = new StringBuilder();
        for (ReportData.Point p : series) {
            points.append(
                    String.format(
                            Locale.ROOT,
                            "%.1f,%.1f ",
                            x.px(p.at(), WIDTH),
                            y.py(p.value(), height)));
        }
        return "<polyline class=\"series\" fill=\"none\" stroke=\""
                + colour
                + "\" stroke-width=\"1.5\" points=\""
                + points.toString().strip()
                + "\"/>";
    }

    private static void axes(StringBuilder s, Scale x, Scale y, int height) {
        s.append(
                String.format(
                        Locale.ROOT,
                        "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#999\"/><text"
                            + " x=\"%d\" y=\"%d\" font-size=\"11\">%s</text><text x=\"%d\" y=\"%d\""
                            + " font-size=\"11\" text-anchor=\"end\">%s</text><text x=\"4\""
                            + " y=\"%d\" font-size=\"11\">%s</text><text x=\"4\" y=\"%d\""
                            + " font-size=\"11\">%s</text>",
                        PAD,
                        height - PAD / 2,
                        WIDTH - PAD / 2,
                        height - PAD / 2,
                        PAD,
                        height - 4,
                        x.min == Double.MAX_VALUE
                                ? ""
                                : DAY.format(Instant.ofEpochMilli((long) x.min)),
                        WIDTH - PAD / 2,
                        height - 4,
                        x.max == -Double.MAX_VALUE
                                ? ""
                                : DAY.format(Instant.ofEpochMilli((long) x.max)),
                        PAD / 2 + 10,
                        number(y.max),
                        height - PAD / 2,
                        number(y.min)));
    }

    private static String number(double v) {
        if (v == Double.MAX_VALUE || v == -Double.MAX_VALUE) {
            return "";
        }
        return Math.abs(v) >= 1000
                ? String.format(Locale.ROOT, "%,.0f", v)
                : String.format(Locale.ROOT, "%.2f", v);
    }

    static String escape(String s) {
        return s.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;");
    }

    /** A linear scale from data to the drawing area. */
    private record Scale(double min, double max) {

        static Scale of(List<ReportData.Point> points, boolean time) {
            Scale s = new Scale(Double.MAX_VALUE, -Double.MAX_VALUE);
            for (ReportData.Point p : points) {
                s = s.include(time ? p.at() : p.value());
            }
            return s;
        }

        Scale include(double v) {
            return new Scale(Math.min(min, v), Math.max(max, v));
        }

        double px(double v, int width) {
            double span = max > min ? max - min : 1;
            return PAD + (v - min) / span * (width - PAD * 1.5);
        }

        double py(double v, int height) {
            double span = max > min ? max - min : 1;
            return height - PAD / 2.0 - (v - min) / span * (height - PAD);
        }
    }
}
