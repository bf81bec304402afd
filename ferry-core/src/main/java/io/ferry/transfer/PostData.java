package io.ferry.transfer;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.connect.ConnectionSpec;
import io.ferry.schema.script.TransferScript;
import io.ferry.sql.SqlErrors;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;

/**
 * Builds what comes after the data: keys and indexes of different tables in parallel, then the rest
 * of the post-data script in order, then foreign key validations in parallel. Each statement runs in
 * a transaction with a marker row in {@code ferry.transfer_step}, so a resumed transfer skips what
 * was built and redoes nothing twice.
 */
final class PostData {
    private final ConnectionSpec target;
    private final int jobs;
    private final Consumer<String> log;

    PostData(ConnectionSpec target, int jobs, Consumer<String> log) {
        this.target = target;
        this.jobs = jobs;
        this.log = log;
    }

    static void createState(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("CREATE TABLE IF NOT EXISTS ferry.transfer_step (statement_hash text PRIMARY KEY, "
                    + "done_at timestamptz NOT NULL DEFAULT now())");
        }
    }

    void run(TransferScript script) {
        Set<String> done = done();
        List<List<String>> perTable = new ArrayList<>(script.keysByTable().values());
        parallel(perTable, done);
        runInOrder(script.postData(), done);
        parallel(script.validations().stream().map(List::of).toList(), done);
    }

    /** One table's keys and indexes, in order, skipping what is already built. */
    void runTable(List<String> statements) {
        runInOrder(statements, done());
    }

    private Set<String> done() {
        Set<String> done = new HashSet<>();
        try (Connection c = target.open(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT statement_hash FROM ferry.transfer_step")) {
            while (rs.next()) {
                done.add(rs.getString(1));
            }
        } catch (SQLException e) {
            throw new FerryException(ErrorCode.INTERNAL, "cannot read the transfer state: " + SqlErrors.describe(e), e);
        }
        return done;
    }

    /** Runs each group's statements in order, groups side by side. */
    private void parallel(List<List<String>> groups, Set<String> done) {
        if (groups.isEmpty()) {
            return;
        }
        ConcurrentLinkedQueue<List<String>> queue = new ConcurrentLinkedQueue<>(groups);
        Workers.run("post-data", Math.min(jobs, groups.size()), queue::clear, () -> {
            List<String> group;
            while ((group = queue.poll()) != null) {
                runInOrder(group, done);
            }
        });
    }

    private void runInOrder(List<String> statements, Set<String> done) {
        try (Connection c = target.open()) {
            SessionSettings.forIndexing(c);
            c.setAutoCommit(false);
            for (String sql : statements) {
                String hash = hash(sql);
                if (done.contains(hash)) {
                    continue;
                }
                try (Statement st = c.createStatement();
                     PreparedStatement mark = c.prepareStatement(
                             "INSERT INTO ferry.transfer_step (statement_hash) VALUES (?) ON CONFLICT DO NOTHING")) {
                    st.setEscapeProcessing(false);
                    long start = System.nanoTime();
                    st.execute(sql);
                    mark.setString(1, hash);
                    mark.execute();
                    c.commit();
                    long ms = (System.nanoTime() - start) / 1_000_000;
                    if (ms >= 1000) {
                        log.accept(String.format("%.1f s  %s", ms / 1000.0, shorten(sql)));
                    }
                } catch (SQLException e) {
                    c.rollback();
                    throw new FerryException(ErrorCode.INTERNAL, "post-data statement failed: " + SqlErrors.describe(e)
                            + " in: " + shorten(sql), e);
                }
            }
        } catch (SQLException e) {
            throw new FerryException(ErrorCode.INTERNAL, "post-data failed: " + SqlErrors.describe(e), e);
        }
    }

    private static String shorten(String sql) {
        String one = sql.replaceAll("\\s+", " ");
        return one.length() > 120 ? one.substring(0, 117) + "..." : one;
    }

    private static String hash(String sql) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(sql.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
