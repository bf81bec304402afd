package io.ferry.diff;

import io.ferry.schema.model.Column;
import io.ferry.schema.model.ObjectKind;
import io.ferry.schema.model.QualifiedName;
import io.ferry.schema.model.Schema;
import io.ferry.schema.model.Table;
import io.ferry.sql.Identifiers;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A migration file written from the difference between a database and a model, in the order CKAN's
 * guide asks for and in five phases, each marked with a comment:
 * <ol>
 * <li>renames (declared with {@code --rename}; rename candidates are named, not guessed);
 * <li>additive changes: new tables, new columns (nullable for now), old constraints, indexes and
 *     views in the way dropped, and every other create and alter;
 * <li>the data move, while the old structure is still there and the new constraints are not: an
 *     {@code UPDATE ... FROM} along an old foreign-key path the model shortens, or a placeholder
 *     whose assertion fails until the developer writes the move ({@link DataMove});
 * <li>new constraints: NOT NULL, keys, foreign keys, indexes, triggers, policies
 *     ({@link Change.Stage#CONSTRAIN});
 * <li>drops of what the model no longer has ({@link Change.Stage#LATE_DROP}).
 * </ol>
 * Captures, run before the statements, count the rows of every rewritten table, the old links a
 * move carries, the rows of each dropped table and the values of each dropped column (recorded in
 * the history row); assertions, after the statements, check that rewritten tables keep their rows
 * and that no row lost its link where the old link existed.
 */
public final class PhasedMigration {
    private static final String[] PHASES = {
        "renames",
        "additive changes: new tables, new columns (nullable for now), old constraints and indexes in the way dropped",
        "data move: the old structure is still here, the new constraints are not yet",
        "new constraints: NOT NULL, keys, foreign keys, indexes, triggers",
        "drops of what the model no longer has (what they remove is captured at the top)"};

    private final Diff diff;
    private final Schema renamed;
    private final Schema after;
    private final OldNames old;
    private final List<DataMove> moves;
    private final List<RenameCandidate> candidates;

    private PhasedMigration(Diff diff, Schema renamed, Schema after, OldNames old) {
        this.diff = diff;
        this.renamed = renamed;
        this.after = after;
        this.old = old;
        this.moves = DataMove.find(renamed, after);
        this.candidates = RenameCandidate.find(renamed, after);
    }

    /** The migration that turns {@code a} into {@code b}, compared as {@code options} say. */
    public static PhasedMigration between(Schema a, Schema b, DiffOptions options) {
        Diff diff = SchemaDiff.between(a, b, options.withPhases(true));
        Schema renamed = Renames.apply(Scope.restrict(a, options.schemas()), options.renames()).schema();
        return new PhasedMigration(diff, renamed, Scope.restrict(b, options.schemas()), new OldNames(options.renames()));
    }

    public Diff diff() {
        return diff;
    }

    /** The new columns rows must be given values for: inferred moves and placeholders. */
    public List<DataMove> moves() {
        return moves;
    }

    /** Dropped and added tables and columns of the same shape, written as drop and add. */
    public List<RenameCandidate> renameCandidates() {
        return candidates;
    }

    /** The migration file's text. */
    public String text() {
        List<String> captures = new ArrayList<>();
        List<String> asserts = new ArrayList<>();
        List<QualifiedName> touched = TouchedTables.of(diff, after);
        if (!touched.isEmpty()) {
            captures.add("-- Rows of each table the statements rewrite:");
            asserts.add("-- Each rewritten table keeps its rows:");
        }
        for (int i = 0; i < touched.size(); i++) {
            captures.add("-- ferry:capture rows_" + (i + 1) + ": SELECT count(*) FROM " + old.table(touched.get(i)).sql());
            asserts.add("-- ferry:assert SELECT :rows_" + (i + 1) + " = (SELECT count(*) FROM " + touched.get(i).sql() + ")");
        }
        int moved = 0;
        for (DataMove move : moves) {
            if (move.inferred()) {
                String name = "moved_" + ++moved;
                captures.add("-- Rows of " + move.table().sql() + " linked through the old path (phase 3 carries each link across):");
                captures.add("-- ferry:capture " + name + ": " + move.captureSql(old));
                asserts.add("-- No row of " + move.table().sql() + " lost its link where the old link existed:");
                asserts.add("-- ferry:assert " + move.assertSql(name));
            } else {
                asserts.add("-- Placeholder: fails until the data move for " + move.target() + " is written (phase 3):");
                asserts.add("-- ferry:assert " + move.placeholderAssertSql());
            }
        }
        captures.addAll(dropCaptures());

        StringBuilder sql = new StringBuilder();
        if (!diff.transactional()) {
            sql.append("-- ferry:no-transaction\n");
        }
        sql.append("-- Written by ferry new from the difference between the database and the model, in five phases:\n")
                .append("-- renames, additive changes, the data move, new constraints, drops. Captures run before the\n")
                .append("-- statements and assertions after them; a false assertion rolls the migration back.\n");
        captures.forEach(line -> sql.append(line).append('\n'));
        sql.append('\n').append(Diff.PREAMBLE).append(";\n");
        for (int phase = 1; phase <= PHASES.length; phase++) {
            sql.append("\n-- Phase ").append(phase).append(": ").append(PHASES[phase - 1]).append("\n\n");
            int before = sql.length();
            if (phase == 1) {
                candidateNotes(sql);
            }
            if (phase == 3) {
                moves(sql);
            }
            for (Change change : diff.changes()) {
                if (phase(change) == phase) {
                    change.statements().forEach(s -> sql.append(s.sql()).append(";\n\n"));
                }
            }
            if (sql.length() == before) {
                sql.append(phase == 3 ? "-- (nothing to move: no new foreign key column, no new NOT NULL column without a default)\n"
                        : "-- (none)\n");
            }
        }
        if (!asserts.isEmpty()) {
            sql.append('\n');
            asserts.forEach(line -> sql.append(line).append('\n'));
        }
        return sql.toString();
    }

    /** Which of the five phases a change belongs to, from the stage the diff gave it. */
    static int phase(Change change) {
        return switch (change.stage()) {
            case RENAME -> 1;
            case PRE, EARLY_DROP, MAIN -> 2;
            case CONSTRAIN -> 4;
            case LATE_DROP -> 5;
        };
    }

    private void candidateNotes(StringBuilder sql) {
        if (candidates.isEmpty()) {
            return;
        }
        sql.append("-- Dropped and added, not renamed (to rename instead, run ferry new again with the option):\n");
        candidates.forEach(c -> sql.append("--   ").append(c.describe()).append('\n'));
        sql.append('\n');
    }

    private void moves(StringBuilder sql) {
        for (DataMove move : moves) {
            if (move.inferred()) {
                sql.append("-- ").append(move.describe()).append(": each row's link carried across\n")
                        .append(move.updateSql()).append(";\n\n");
            } else {
                sql.append("-- PLACEHOLDER: write the UPDATE that fills ").append(move.target()).append(" here.\n")
                        .append("-- ferry new could not: ").append(move.reason()).append(".\n")
                        .append("-- The placeholder's assertion at the end of the file fails until you replace it with one\n")
                        .append("-- that checks your move.\n\n");
            }
        }
    }

    /** A capture of the rows of each dropped table and the values of each dropped column, by old name. */
    private List<String> dropCaptures() {
        Set<String> tables = new LinkedHashSet<>();
        diff.changes().stream().filter(c -> c.kind() == Change.Kind.DROP && c.ref().kind() == ObjectKind.TABLE)
                .forEach(c -> tables.add(c.ref().key()));
        List<String> captures = new ArrayList<>();
        int n = 0;
        for (String key : tables) {
            Table was = renamed.tables().get(key);
            Table now = after.tables().get(key);
            if (was == null) {
                continue;
            }
            String from = " FROM " + old.table(was.name()).sql();
            if (now == null) {
                captures.add("-- ferry:capture dropped_" + ++n + ": SELECT count(*)" + from);
                continue;
            }
            for (Column column : was.columns()) {
                if (now.column(column.name()) == null) {
                    captures.add("-- ferry:capture dropped_" + ++n + ": SELECT count("
                            + Identifiers.quote(old.column(was.name(), column.name())) + ")" + from);
                }
            }
        }
        if (!captures.isEmpty()) {
            captures.add(0, "-- What the drops remove (rows of a dropped table, values of a dropped column), kept in the history:");
        }
        return captures;
    }
}
