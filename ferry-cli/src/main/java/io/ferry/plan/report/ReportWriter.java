package io.ferry.plan.report;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.Json;
import io.ferry.connect.Secrets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes report.json, report.md and report.html into a folder (scrubbed of any known password). */
public final class ReportWriter {
    private ReportWriter() {
    }

    /** The absolute path of the HTML page that {@link #write} writes into {@code dir}. */
    public static Path htmlPath(Path dir) {
        return dir.resolve("report.html").toAbsolutePath();
    }

    /** Returns the absolute path of the HTML page. */
    public static Path write(Path dir, ObjectNode report) {
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("report.json"), Secrets.redact(Json.pretty().writeValueAsString(report)));
            Files.writeString(dir.resolve("report.md"), Secrets.redact(Markdown.render(report)));
            Path html = htmlPath(dir);
            Files.writeString(html, Secrets.redact(Html.render(report)));
            return html;
        } catch (IOException e) {
            throw new FerryException(ErrorCode.INPUT, "cannot write the report into " + dir + ": " + e.getMessage(), e);
        }
    }
}
