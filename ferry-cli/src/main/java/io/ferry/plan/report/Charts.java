package io.ferry.plan.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Locale;

/**
 * The report's two inline SVG charts: a timeline of the steps with a time axis, and rows per table.
 * SVG does not lay text out, so each chart sizes its label columns from the longest label, measured
 * with {@link #textWidth}, and no label runs past the chart's edge or into the bars.
 */
final class Charts {
    /** The charts' width in user units; the page scales them down to fit narrower windows. */
    static final int WIDTH = 880;
    private static final int FONT = 12;
    private static final int GAP = 8;

    private Charts() {
    }

    /** One bar per step, placed end to end by duration, over an axis in seconds. */
    static String timeline(List<JsonNode> steps) {
        long totalMs = steps.stream().mapToLong(s -> s.path("duration_ms").asLong(0)).sum();
        double seconds = totalMs / 1000.0;
        double tick = tickStep(seconds);
        double label = steps.stream().mapToDouble(s -> textWidth(s.path("name").asText())).max().orElse(0) + GAP;
        double right = GAP + Math.max(textWidth(axisLabel(Math.floor(seconds / tick) * tick, tick)) / 2,
                steps.stream().mapToDouble(s -> textWidth(timeLabel(s))).max().orElse(0));
        label = Math.min(label, WIDTH / 3.0);
        double area = WIDTH - label - right;
        int rowHeight = 24;
        int axisY = steps.size() * rowHeight + 6;
        int height = axisY + 22;
        StringBuilder svg = open("timeline of the steps", height);
        for (int i = 0; i * tick <= seconds + 1e-9; i++) {
            double t = i * tick;
            double x = label + (seconds == 0 ? 0 : area * t / seconds);
            svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"0\" x2=\"%.1f\" y2=\"%d\" stroke=\"#e3e3e3\"/>"
                    + "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" fill=\"#555\">%s</text>\n", x, x, axisY + 4, x,
                    axisY + 17, axisLabel(t, tick)));
        }
        svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#888\"/>\n",
                label, axisY, label + area, axisY));
        long offset = 0;
        int y = 4;
        for (JsonNode s : steps) {
            long ms = s.path("duration_ms").asLong(0);
            String name = s.path("name").asText();
            svg.append(text(0, y + 13, fit(name, label - GAP), name));
            if (s.has("duration_ms")) {
                double x = label + (totalMs == 0 ? 0 : area * offset / totalMs);
                double w = totalMs == 0 ? 2 : Math.max(2, area * ms / totalMs);
                String fill = s.path("status").asText().equals("failed") ? "#b3261e" : "#2f6db5";
                svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"16\" "
                        + "fill=\"%s\"><title>%s</title></rect>", x, y, w, fill, Html.esc(name + ": " + timeLabel(s))));
                svg.append(text(x + w + 4, y + 13, timeLabel(s), null));
            } else {
                svg.append(text(label + (totalMs == 0 ? 0 : area * offset / totalMs), y + 13, timeLabel(s), null));
            }
            offset += ms;
            y += rowHeight;
        }
        return svg.append("</svg>\n").toString();
    }

    /** Rows before and after per table, as pairs of bars, for the tables given (those that hold rows). */
    static String rows(List<JsonNode> tables) {
        long max = tables.stream().mapToLong(t -> Math.max(t.path("before").asLong(0), t.path("after").asLong(0)))
                .max().orElse(0);
        double label = tables.stream().mapToDouble(t -> textWidth(t.path("table").asText())).max().orElse(0) + GAP;
        label = Math.min(label, WIDTH / 3.0);
        double right = tables.stream().mapToDouble(t -> textWidth(rowsLabel(t))).max().orElse(0) + 4 + GAP;
        double area = Math.max(WIDTH / 4.0, WIDTH - label - right);
        double scale = max == 0 ? 0 : area / max;
        int rowHeight = 22;
        StringBuilder svg = open("rows per table, before and after", tables.size() * rowHeight + 24);
        svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"2\" width=\"12\" height=\"8\" fill=\"#9bb7dc\"/>"
                + "%s<rect x=\"%.1f\" y=\"2\" width=\"12\" height=\"8\" fill=\"#2f6db5\"/>%s\n", label,
                text(label + 16, 10, "before (copied)", null), label + 30 + textWidth("before (copied)"),
                text(label + 46 + textWidth("before (copied)"), 10, "after (now)", null)));
        int y = 20;
        for (JsonNode t : tables) {
            long before = t.path("before").asLong(0);
            long after = t.path("after").asLong(0);
            String name = t.path("table").asText();
            svg.append(text(0, y + 12, fit(name, label - GAP), name));
            svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"8\" fill=\"#9bb7dc\"/>"
                    + "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"8\" fill=\"#2f6db5\"/>", label, y,
                    before * scale, label, y + 9, after * scale));
            svg.append(text(label + Math.max(before, after) * scale + 4, y + 12, rowsLabel(t), null)).append('\n');
            y += rowHeight;
        }
        return svg.append("</svg>\n").toString();
    }

    /** "before / after", with a note when one of them is missing on purpose. */
    static String rowsLabel(JsonNode t) {
        return Html.count(t.path("before")) + " / " + Html.count(t.path("after"))
                + (t.path("note").isTextual() ? " (" + t.path("note").asText() + ")" : "");
    }

    private static String timeLabel(JsonNode step) {
        String status = step.path("status").asText();
        if (!step.has("duration_ms")) {
            return status;
        }
        String time = String.format(Locale.ROOT, "%.1f s", step.path("duration_ms").asLong() / 1000.0);
        return status.equals("finished") ? time : status + " after " + time;
    }

    /** A tick every 1, 2 or 5 times a power of ten, so that the axis has about five to ten ticks. */
    static double tickStep(double seconds) {
        if (seconds <= 0) {
            return 1;
        }
        double step = Math.pow(10, Math.floor(Math.log10(seconds / 5)));
        for (double m : new double[] {1, 2, 5, 10}) {
            if (seconds / (step * m) <= 10) {
                return step * m;
            }
        }
        return step * 10;
    }

    /** Seconds with as many decimals as the tick step has. */
    private static String axisLabel(double seconds, double tick) {
        int decimals = (int) Math.max(0, -Math.floor(Math.log10(tick) + 1e-9));
        return String.format(Locale.ROOT, "%." + decimals + "f s", seconds);
    }

    private static StringBuilder open(String label, int height) {
        return new StringBuilder(String.format(Locale.ROOT, "<svg role=\"img\" aria-label=\"%s\" width=\"%d\" "
                + "height=\"%d\" viewBox=\"0 0 %d %d\">\n", label, WIDTH, height, WIDTH, height));
    }

    private static String text(double x, int y, String text, String title) {
        return String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\">%s%s</text>", x, y, Html.esc(text),
                title == null || title.equals(text) ? "" : "<title>" + Html.esc(title) + "</title>");
    }

    /** The text, cut with an ellipsis if wider than {@code width}; the full text stays in a title. */
    private static String fit(String text, double width) {
        if (textWidth(text) <= width) {
            return text;
        }
        String cut = text;
        while (!cut.isEmpty() && textWidth(cut + "…") > width) {
            cut = cut.substring(0, cut.length() - 1);
        }
        return cut + "…";
    }

    /**
     * The width of a label in the charts' 12 px sans-serif, erring on the wide side: the widths are
     * those of the widest common sans-serif faces (DejaVu Sans, Debian's default), rounded up.
     */
    static double textWidth(String text) {
        double em = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (" .,:;'|!iljtfr()[]/-".indexOf(c) >= 0) {
                em += 0.44;
            } else if ("mwMW@%".indexOf(c) >= 0 || c > 0x2e7f) {
                em += 1.0;
            } else if (Character.isUpperCase(c)) {
                em += 0.8;
            } else {
                em += 0.66;
            }
        }
        return em * FONT;
    }
}
