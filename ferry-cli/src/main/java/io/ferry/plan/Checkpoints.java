package io.ferry.plan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.Json;
import io.ferry.sql.SqlErrors;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The steps of a plan, as the target records them in {@code ferry.plan_step}: started, finished (with
 * the step's result) or failed (with the error). A step is marked finished in one statement after it
 * has done its work, so after a crash a step is either recorded as finished or run again by
 * {@code --resume}; each step kind makes running again safe (a transfer resumes its own chunks, the
 * migration engine skips applied migrations).
 */
public final class Checkpoints {
    private static final String CREATE = """
            CREATE SCHEMA IF NOT EXISTS ferry;
            CREATE TABLE IF NOT EXISTS ferry.plan_step (
                plan text NOT NULL,
                step text NOT NULL,
                position integer NOT NULL,
                kind text NOT NULL,
                status text NOT NULL CHECK (status IN ('started', 'finished', 'failed')),
                started_at timestamptz NOT NULL,
                finished_at timestamptz,
                duration_ms bigint,
                summary text,
                result jsonb,
                error text,
                PRIMARY KEY (plan, step)
            )""";

    /** One step's record. */
    public record Row(String step, int position, String kind, String status, OffsetDateTime startedAt,
               OffsetDateTime finishedAt, Long durationMs, String summary, ObjectNode result, String error) {
        public boolean finished() {
            return "finished".equals(status);
        }
    }

    private final Connection connection;
    private final String plan;

    private Checkpoints(Connection connection, String plan) {
        this.connection = connection;
        this.plan = plan;
    }

    /** Opens the plan's records on the target (an autocommit connection of the caller's), creating the table. */
    static Checkpoints open(Connection connection, String plan) {
        try (Statement st = connection.createStatement()) {
            st.execute(CREATE);
        } catch (SQLException e) {
            throw new FerryException(ErrorCode.CONNECTION, "cannot keep the plan's checkpoints on the target: "
                    + SqlErrors.describe(e), e);
        }
        return new Checkpoints(connection, plan);
    }

    /** Every recorded step of this plan, by step name, in plan order. */
    Map<String, Row> read() {
        Map<String, Row> rows = new LinkedHashMap<>();
        try (PreparedStatement ps = connection.prepareStatement("SELECT step, position, kind, status, started_at, "
                + "finished_at, duration_ms, summary, result::text, error FROM ferry.plan_step WHERE plan = ? "
                + "ORDER BY position")) {
            ps.setString(1, plan);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String json = rs.getString(9);
                    long ms = rs.getLong(7);
                    rows.put(rs.getString(1), new Row(rs.getString(1), rs.getInt(2), rs.getString(3),
                            rs.getString(4), rs.getObject(5, OffsetDateTime.class),
                            rs.getObject(6, OffsetDateTime.class), rs.wasNull() ? null : ms, rs.getString(8),
                            json == null ? null : (ObjectNode) Json.compact().readTree(json), rs.getString(10)));
                }
            }
        } catch (SQLException e) {
            throw failure(e);
        } catch (JsonProcessingException e) {
            throw new FerryException(ErrorCode.INTERNAL, "a checkpoint's result is not JSON: " + e.getMessage(), e);
        }
        return rows;
    }

    void started(String step, int position, String kind) {
        update("INSERT INTO ferry.plan_step (plan, step, position, kind, status, started_at) "
                + "VALUES (?, ?, ?, ?, 'started', now()) ON CONFLICT (plan, step) DO UPDATE SET position = "
                + "EXCLUDED.position, kind = EXCLUDED.kind, status = 'started', started_at = now(), "
                + "finished_at = NULL, duration_ms = NULL, summary = NULL, result = NULL, error = NULL",
                plan, step, position, kind);
    }

    void finished(String step, long durationMs, StepResult result) {
        ObjectNode json = result.details().deepCopy();
        json.putPOJO("warnings", result.warnings());
        update("UPDATE ferry.plan_step SET status = 'finished', finished_at = now(), duration_ms = ?, summary = ?, "
                + "result = ?::jsonb, error = NULL WHERE plan = ? AND step = ?",
                durationMs, result.summary(), json.toString(), plan, step);
    }

    void failed(String step, long durationMs, String error) {
        update("UPDATE ferry.plan_step SET status = 'failed', finished_at = now(), duration_ms = ?, error = ? "
                + "WHERE plan = ? AND step = ?", durationMs, error, plan, step);
    }

    /** Forgets this plan's records (a fresh run after a finished one). */
    void clear() {
        update("DELETE FROM ferry.plan_step WHERE plan = ?", plan);
    }

    private void update(String sql, Object... values) {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            int i = 1;
            for (Object value : values) {
                ps.setObject(i++, value);
            }
            ps.executeUpdate();
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    private static FerryException failure(SQLException e) {
        return new FerryException(ErrorCode.CONNECTION, "cannot record the plan's progress on the target: "
                + SqlErrors.describe(e), e);
    }
}
