package io.ferry.transfer;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.Workers;
import io.ferry.connect.ConnectionSpec;
import io.ferry.schema.script.TransferScript;
import io.ferry.sql.SqlErrors;
import io.ferry.sql.Transactions;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;

/**
 * Builds what comes after the data: keys and indexes in parallel ({@link TableBuilds}), each table
 * analyzed once they are built, then the rest of the post-data script in order, then foreign key
 * validations, different tables' in parallel. Each statement runs in
 * a transaction with a marker row in {@code ferry.transfer_step}, so a resumed transfer skips what
 * was built and redoes nothing twice.
 */
final class PostData {
    /**
     * Tables below this size (of their rows) are built many to a transaction: their keys, indexes and
     * {@code ANALYZE} take less time than the round trips and commits of one transaction each.
     */
    static final long SMALL_BYTES = 4L << 20;

    /** Statements of small tables' builds, or of the post-data script, run at most this many to a transaction. */
    static final int GROUP_STATEMENTS = 400;

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

    /** @param tables the tables rows were copied into (quoted), analyzed with the tables that have keys */
    void run(TransferScript script, Collection<String> tables) {
        Set<String> done = done();
        TableBuilds builds = new TableBuilds(this, jobs, done);
        Map<String, List<String>> steps = tableSteps(script, tables);
        Set<String> small = small(steps.keySet());
        steps.forEach((table, statements) -> {
            if (small.contains(table)) {
                builds.startSmall(statements, () -> { });
            } else {
                builds.start(statements);
            }
        });
        builds.finish();
        runGrouped(script.postData(), done);
        parallel(new ArrayList<>(script.validationsByTable()), done);
    }

    /**
     * Tables (quoted names) small enough on the target ({@link #SMALL_BYTES}) to be built many to a
     * transaction; one query for all of them.
     */
    private Set<String> small(Collection<String> tables) {
        Set<String> small = new HashSet<>();
        if (tables.isEmpty()) {
            return small;
        }
        try (Connection c = target.open(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT '\"' || replace(n.nspname, '\"', '\"\"') || '\".\"' "
                     + "|| replace(c.relname, '\"', '\"\"') || '\"' FROM pg_class c "
                     + "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind = 'r' "
                     + "AND pg_relation_size(c.oid) < " + SMALL_BYTES)) {
            while (rs.next()) {
                small.add(rs.getString(1));
            }
        } catch (SQLException e) {
            throw new FerryException(ErrorCode.INTERNAL, "cannot read the tables' sizes: " + SqlErrors.describe(e), e);
        }
        small.retainAll(tables);
        return small;
    }

    /**
     * Per table (quoted name): its keys and indexes, then {@code ANALYZE} of it. Analyzing each table
     * as soon as it is built spreads over the workers what one {@code ANALYZE} of the whole database
     * at the end did on a single connection (20 s of 85 for a 2.6 GB CKAN catalog), and the
     * statistics still cover expression indexes.
     */
    static Map<String, List<String>> tableSteps(TransferScript script, Collection<String> tables) {
        Map<String, List<String>> steps = new LinkedHashMap<>();
        script.keysByTable().forEach((table, keys) -> steps.put(table.sql(), new ArrayList<>(keys)));
        tables.forEach(table -> steps.computeIfAbsent(table, t -> new ArrayList<>()));
        steps.forEach((table, statements) -> statements.add("ANALYZE " + table));
        return steps;
    }

    /**
     * Analyzes what the per-table steps leave out: partitioned tables (their statistics span their
     * partitions, and autovacuum never gathers them) and materialized views, once refreshed.
     */
    static void analyzeParentsAndViews(Connection c) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT format('%I.%I', n.nspname, c.relname) FROM pg_class c "
                     + "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('p', 'm') "
                     + "AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'ferry') "
                     + "AND n.nspname NOT LIKE 'pg\\_temp%' ORDER BY 1")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        if (!names.isEmpty()) {
            try (Statement st = c.createStatement()) {
                st.execute("ANALYZE " + String.join(", ", names));
            }
        }
    }

    /** Hashes of the statements built so far (by an earlier run, when resuming). */
    Set<String> done() {
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
        Workers.repeat("post-data", Math.min(jobs, groups.size()), queue::clear, () -> {
            List<String> group;
            while ((group = queue.poll()) != null) {
                runInOrder(group, done);
            }
        });
    }

    /** Runs the statements in order on one connection, each with its marker, skipping those in {@code done}. */
    void runInOrder(List<String> statements, Set<String> done) {
        if (statements.stream().allMatch(s -> done.contains(hash(s)))) {
            return; // built by an earlier run: no connection needed
        }
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
                        log.accept(String.format(Locale.ROOT, "%.1f s  %s", ms / 1000.0, shorten(sql)));
                    }
                } catch (SQLException e) {
                    FerryException failure = new FerryException(ErrorCode.INTERNAL, "post-data statement failed: "
                            + SqlErrors.describe(e) + " in: " + shorten(sql), e);
                    Transactions.rollbackAfter(c, failure);
                    throw failure;
                }
            }
        } catch (SQLException e) {
            throw new FerryException(ErrorCode.INTERNAL, "post-data failed: " + SqlErrors.describe(e), e);
        }
    }

    /** Runs the statements in order, {@link #GROUP_STATEMENTS} to a transaction ({@link #runBatch}). */
    void runGrouped(List<String> statements, Set<String> done) {
        for (int from = 0; from < statements.size(); from += GROUP_STATEMENTS) {
            runBatch(statements.subList(from, Math.min(statements.size(), from + GROUP_STATEMENTS)), done);
        }
    }

    /**
     * Runs the statements in order in one transaction, sent in one batch with their markers, skipping
     * those in {@code done}: all of them are recorded built, or none (a resumed run redoes the group).
     * When one fails, the group is rolled back and run again one statement to a transaction
     * ({@link #runInOrder}), which builds what can be built and names the statement that fails.
     */
    void runBatch(List<String> statements, Set<String> done) {
        List<String> todo = statements.stream().filter(s -> !done.contains(hash(s))).toList();
        if (todo.isEmpty()) {
            return;
        }
        try (Connection c = target.open()) {
            SessionSettings.forIndexing(c);
            c.setAutoCommit(false);
            StringBuilder marks = new StringBuilder("INSERT INTO ferry.transfer_step (statement_hash) VALUES ");
            try (Statement st = c.createStatement()) {
                st.setEscapeProcessing(false);
                for (int i = 0; i < todo.size(); i++) {
                    st.addBatch(todo.get(i));
                    // A hash is hex digits only: safe as a literal.
                    marks.append(i == 0 ? "('" : ", ('").append(hash(todo.get(i))).append("')");
                }
                st.addBatch(marks.append(" ON CONFLICT DO NOTHING").toString());
                st.executeBatch();
                c.commit();
                return;
            } catch (SQLException e) {
                c.rollback();
            }
        } catch (SQLException e) {
            throw new FerryException(ErrorCode.INTERNAL, "post-data failed: " + SqlErrors.describe(e), e);
        }
        runInOrder(todo, done);
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
