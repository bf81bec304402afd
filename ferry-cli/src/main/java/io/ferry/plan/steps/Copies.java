package io.ferry.plan.steps;

import io.ferry.Counts;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.Json;
import io.ferry.connect.ConnectionSpec;
import io.ferry.plan.Options;
import io.ferry.plan.Progress;
import io.ferry.plan.StepResult;
import io.ferry.transfer.Checksum;
import io.ferry.transfer.Chunk;
import io.ferry.transfer.TargetRoles;
import io.ferry.transfer.Transfer;
import io.ferry.transfer.TransferOptions;
import io.ferry.transfer.Verify;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/** What the transfer and load steps share: their options, progress and result. */
final class Copies {
    private Copies() {
    }

    static TransferOptions options(Options options, boolean resume) {
        int jobs = options.integer("jobs", Runtime.getRuntime().availableProcessors());
        String verify = options.string("verify", "checksums");
        Verify mode;
        try {
            mode = Verify.valueOf(verify.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw options.error("verify must be none, counts or checksums, not '" + verify + "'");
        }
        List<String> excluded = options.strings("exclude_table_data");
        if (jobs < 1) {
            throw options.error("jobs must be at least 1");
        }
        return new TransferOptions(jobs, mode, resume, false, false, false, excluded,
                TransferOptions.DEFAULT_CHUNK_BYTES, true).withRoles(new TargetRoles(given(options, "owner"),
                given(options, "grant_read")));
    }

    /** A role named by the step ({@code owner}, {@code grant_read}); null when absent or left empty. */
    private static String given(Options options, String key) {
        String role = options.string(key, null);
        return role == null || role.isBlank() ? null : role.strip();
    }

    /** The same options, every one of them, resuming or not. */
    static TransferOptions resuming(TransferOptions o, boolean resume) {
        return o.withResume(resume);
    }

    /** The planner's estimate of a database's rows, for a progress bar's total (0 when never analyzed). */
    static long estimatedRows(ConnectionSpec spec) {
        try (Connection c = spec.open(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT coalesce(sum(greatest(c.reltuples, 0)), 0)::bigint FROM pg_class c "
                        + "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind = 'r' "
                        + "AND n.nspname NOT IN ('pg_catalog', 'information_schema')")) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            return 0;
        }
    }

    /** Feeds a transfer's chunks into a progress task. */
    static Transfer.Listener listener(Progress.Task task) {
        return new Transfer.Listener() {
            @Override
            public void phase(String description) {
                task.note(description);
            }

            @Override
            public void note(String line) {
                task.note(line);
            }

            @Override
            public void chunkCopied(Chunk chunk, long rows, long bytes) {
                task.advance(rows);
            }
        };
    }

    /** The step's result from a transfer or archive load; fails the step when verification failed. */
    static StepResult result(Transfer.Report report, String verb) {
        if (!report.ok()) {
            throw new FerryException(ErrorCode.VALIDATION_FAILED, "the target does not match the source ("
                    + report.mismatches().size() + " data and " + report.schemaDifferences().size()
                    + " schema differences: " + String.join("; ", Stream.concat(report.mismatches().stream().limit(3),
                    report.schemaDifferences().stream().limit(3)).toList()) + ")");
        }
        ObjectNode details = Json.compact().createObjectNode();
        ObjectNode tables = details.putObject("tables");
        long rows = 0;
        for (Map.Entry<String, Checksum> e : report.tables().entrySet()) {
            tables.put(e.getKey(), e.getValue().rows());
            rows += e.getValue().rows();
        }
        details.putPOJO("structure_only", report.excluded());
        details.put("sequences", report.sequences());
        details.put("resumed", report.resumed());
        return new StepResult(String.format(Locale.ROOT, "%s %s in %s (%d structure only), verified",
                verb, Counts.of(rows, "row"), Counts.of(report.tables().size(), "table"), report.excluded().size()), details, List.of());
    }
}
