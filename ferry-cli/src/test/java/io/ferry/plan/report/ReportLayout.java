package io.ferry.plan.report;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.ferry.Json;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;

/**
 * Lays a report page out in headless Chromium at a given window width and measures it as a reader
 * would see it: the page itself has no script, so the measuring script goes into a copy of it, runs
 * after the layout (every {@code <details>} unfolded first, the widest the page gets), and leaves its
 * findings in the DOM that Chromium dumps.
 */
public final class ReportLayout {
    /** What the script finds; every list names the offending element. */
    public record Measured(int scrollWidth, int clientWidth, List<String> clippedTexts, List<String> hiddenOutcomes,
                           List<String> stepStatuses, String dom) {
        /** Fails with what is wrong: a sideways scroll, text outside a chart, an outcome out of view. */
        public void assertFits() {
            assertTrue(scrollWidth <= clientWidth, "the page scrolls sideways: " + scrollWidth + " px wide in a "
                    + clientWidth + " px window");
            assertTrue(clippedTexts.isEmpty(), "chart text outside its chart: " + clippedTexts);
            assertTrue(hiddenOutcomes.isEmpty(), "assertion outcomes out of view: " + hiddenOutcomes);
        }
    }

    private static final String SCRIPT = """
            <script>
            (function () {
              document.querySelectorAll('details').forEach(function (d) { d.open = true; });
              var root = document.documentElement;
              var out = {scrollWidth: Math.max(root.scrollWidth, document.body.scrollWidth),
                         clientWidth: root.clientWidth, clipped: [], hidden: [], statuses: []};
              document.querySelectorAll('svg').forEach(function (svg) {
                var width = svg.viewBox.baseVal.width;
                svg.querySelectorAll('text').forEach(function (t) {
                  var box = t.getBBox();
                  if (box.x < -0.5 || box.x + box.width > width + 0.5) {
                    out.clipped.push(t.firstChild.textContent + ' spans ' + box.x.toFixed(1) + ' to '
                        + (box.x + box.width).toFixed(1) + ' of ' + width);
                  }
                });
              });
              document.querySelectorAll('td.outcome').forEach(function (td) {
                var r = td.getBoundingClientRect();
                if (r.width < 1 || r.left < 0 || r.right > root.clientWidth) {
                  out.hidden.push(td.textContent + ' at ' + r.left.toFixed(0) + '..' + r.right.toFixed(0));
                }
              });
              document.querySelectorAll('table.steps td.status').forEach(function (td) {
                out.statuses.push(td.parentNode.firstChild.textContent + ': ' + td.textContent);
              });
              var pre = document.createElement('pre');
              pre.id = 'ferry-measured';
              pre.textContent = JSON.stringify(out);
              document.body.appendChild(pre);
            })();
            </script>
            """;
    private static final Pattern MEASURED = Pattern.compile("<pre id=\"ferry-measured\">(.*?)</pre>", Pattern.DOTALL);

    private ReportLayout() {
    }

    /**
     * Chromium's path, or the test is skipped when it is missing; under CI=true a missing Chromium
     * fails instead, since CI installs it.
     */
    public static String chromium() {
        for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
            for (String folder : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
                if (Files.isExecutable(Path.of(folder, name))) {
                    return Path.of(folder, name).toString();
                }
            }
        }
        Assumptions.assumeFalse("true".equals(System.getenv("CI")), "CI=true but chromium is not installed");
        Assumptions.abort("chromium is not installed (CI installs it; see .ci/run)");
        return null;
    }

    /** Lays out a copy of {@code html} (in {@code work}) at {@code width} px and measures it. */
    public static Measured measure(Path html, Path work, int width) throws Exception {
        String page = Files.readString(html);
        Path copy = Files.createTempFile(work, "measured", ".html");
        Files.writeString(copy, page.replace("</body>", SCRIPT + "</body>"));
        String dom = dumpDom(copy, work, width);
        Matcher m = MEASURED.matcher(dom);
        assertTrue(m.find(), "the measuring script left nothing in the DOM:\n" + dom);
        JsonNode out = Json.compact().readTree(m.group(1).replace("&lt;", "<").replace("&gt;", ">")
                .replace("&amp;", "&"));
        return new Measured(out.path("scrollWidth").asInt(), out.path("clientWidth").asInt(), strings(out.path("clipped")),
                strings(out.path("hidden")), strings(out.path("statuses")), dom);
    }

    /** The DOM of the page after it loaded, as Chromium dumps it. */
    public static String dumpDom(Path html, Path work, int width) throws Exception {
        Path profile = Files.createTempDirectory(work, "chromium");
        Process p = new ProcessBuilder(chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + profile, "--window-size=" + width + ",1000", "--dump-dom", html.toUri().toString())
                .redirectError(work.resolve("chromium.err").toFile()).start();
        String dom = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "chromium did not finish");
        return dom;
    }

    private static List<String> strings(JsonNode array) {
        List<String> list = new ArrayList<>();
        array.forEach(n -> list.add(n.asText()));
        return list;
    }
}
