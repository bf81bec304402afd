package io.ferry.diff;

import static io.ferry.diff.Change.Statement.of;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.diff.Change.Statement;
import io.ferry.schema.model.Column;
import io.ferry.schema.model.Identity;
import io.ferry.schema.model.ObjectRef;
import io.ferry.schema.model.QualifiedName;
import io.ferry.schema.model.Schema;
import io.ferry.schema.model.Sequence;
import io.ferry.schema.model.SequenceOptions;
import io.ferry.schema.model.Table;
import io.ferry.sql.Identifiers;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * The changes to one table that is in both schemas, column by column. Column order is not compared:
 * changing it would mean rebuilding the table, and nothing that names columns depends on it.
 *
 * <p>Columns a child inherits are changed on the parent (PostgreSQL passes the change on), so a
 * child leaves them alone; a parent that loses a column which a child keeps as its own drops it
 * with {@code ONLY}, so the child's copy stays.
 */
final class TableDiff {
    /**
     * @param pre statements to run before anything is dropped (detach from a partitioned parent,
     *     leave an inheritance parent)
     * @param alter the changes, run when the table's turn comes in the new schema's order
     * @param drops column drops, run with the other drops at the end
     * @param notNull in a phased diff, NOT NULL set on new columns and on columns that gain it, run
     *     once the data is in (else empty: NOT NULL goes with the other changes)
     * @param breaking whether a column's type changes or a column goes: views on the table must be
     *     dropped first and made again afterwards
     * @param replace whether the table must be dropped and created (its partitioning changes)
     * @param indexSettings new settings naming an index ({@code CLUSTER ON}, {@code REPLICA IDENTITY
     *     USING INDEX}), by the index's name: they run once that index exists
     */
    record Result(List<Statement> pre, List<Statement> alter, List<Statement> drops, List<Statement> notNull,
                  boolean breaking, boolean replace, Map<QualifiedName, List<Statement>> indexSettings) {
        boolean isEmpty() {
            return pre.isEmpty() && alter.isEmpty() && drops.isEmpty() && notNull.isEmpty() && !replace
                    && indexSettings.isEmpty();
        }
    }

    private final Table before;
    private final Table after;
    private final Schema a;
    private final Schema b;
    private final String table;
    private final boolean phased;
    private final List<Statement> pre = new ArrayList<>();
    private final List<Statement> alter = new ArrayList<>();
    private final List<Statement> drops = new ArrayList<>();
    private final List<Statement> notNull = new ArrayList<>();
    private final Map<QualifiedName, List<Statement>> indexSettings = new TreeMap<>();
    private boolean breaking;

    private TableDiff(Table before, Table after, Schema a, Schema b, boolean phased) {
        this.before = before;
        this.after = after;
        this.a = a;
        this.b = b;
        this.table = "ALTER TABLE " + after.name().sql();
        // A child's NOT NULL must match its parents' when it joins them, so it stays with the other changes.
        this.phased = phased && after.parents().isEmpty() && before.parents().isEmpty();
    }

    static Result compare(Table before, Table after, Schema a, Schema b, boolean phased) {
        if (!Objects.equals(before.partitionKey(), after.partitionKey())) {
            return new Result(List.of(), List.of(), List.of(), List.of(), true, true, Map.of());
        }
        TableDiff diff = new TableDiff(before, after, a, b, phased);
        diff.compare();
        return new Result(diff.pre, diff.alter, diff.drops, diff.notNull, diff.breaking, false, diff.indexSettings);
    }

    private void compare() {
        leaveParents();
        for (Column column : after.columns()) {
            Column old = before.column(column.name());
            if (old == null) {
                if (!column.inherited()) {
                    alter.add(addColumn(column));
                }
                if (column.comment() != null) {
                    alter.add(of(commentOnColumn(column)));
                }
            } else {
                compareColumn(old, column);
            }
        }
        for (Column old : before.columns()) {
            if (after.column(old.name()) == null && !(old.inherited() && parentDrops(old.name()))) {
                breaking = true;
                String only = childKeeps(b, after.name(), old.name()) ? "ALTER TABLE ONLY " + after.name().sql() : table;
                drops.add(of(only + " DROP COLUMN " + Identifiers.quote(old.name()), Hazard.DESTRUCTIVE,
                        Hazard.ACCESS_EXCLUSIVE));
            }
        }
        compareTable();
        joinParents();
    }

    private Statement addColumn(Column column) {
        boolean rewrite = column.generated() != null || column.identity() != null;
        if (phased && column.notNull() && !rewrite) {
            // Nullable for now: rows get their values first, NOT NULL comes with the new constraints.
            notNull.add(setNotNull(column));
            column = new Column(column.name(), column.type(), false, column.defaultExpr(), null, null,
                    column.collation(), column.inherited(), column.comment());
        }
        String sql = table + " ADD COLUMN " + column.definitionSql();
        return rewrite ? of(sql, Hazard.TABLE_REWRITE, Hazard.ACCESS_EXCLUSIVE) : of(sql, Hazard.ACCESS_EXCLUSIVE);
    }

    private String alterColumn(Column column) {
        return table + " ALTER COLUMN " + Identifiers.quote(column.name());
    }

    /** {@code ALTER TABLE ONLY}: a default set on a parent must not overwrite its children's own. */
    private String alterColumnOnly(Column column) {
        return "ALTER TABLE ONLY " + after.name().sql() + " ALTER COLUMN " + Identifiers.quote(column.name());
    }

    private void compareColumn(Column old, Column column) {
        if (!Objects.equals(old.generated(), column.generated())) {
            if (column.generated() == null) {
                alter.add(of(alterColumn(column) + " DROP EXPRESSION", Hazard.ACCESS_EXCLUSIVE));
            } else {
                // A generated expression cannot be added to or changed on an existing column.
                breaking = true;
                alter.add(of(table + " DROP COLUMN " + Identifiers.quote(old.name()), Hazard.DESTRUCTIVE,
                        Hazard.ACCESS_EXCLUSIVE));
                alter.add(addColumn(column));
                return;
            }
        }
        boolean inherited = old.inherited() && column.inherited();
        boolean typeChanges = !old.type().equals(column.type()) || !Objects.equals(old.collation(), column.collation());
        boolean defaultChanges = !Objects.equals(old.defaultExpr(), column.defaultExpr());
        if (typeChanges && !inherited) {
            breaking = true;
            if (old.defaultExpr() != null) {
                // The old default may not cast to the new type; it is set again below.
                alter.add(of(alterColumnOnly(column) + " DROP DEFAULT"));
                defaultChanges = column.defaultExpr() != null;
            }
            alter.add(typeChange(old, column));
        }
        if (old.identity() != null && column.identity() == null) {
            alter.add(of(alterColumn(column) + " DROP IDENTITY", Hazard.ACCESS_EXCLUSIVE));
        }
        if (defaultChanges && column.identity() == null && column.generated() == null) {
            alter.add(of(alterColumnOnly(column)
                    + (column.defaultExpr() == null ? " DROP DEFAULT" : " SET DEFAULT " + column.defaultExpr())));
        } else if (defaultChanges && old.defaultExpr() != null) {
            alter.add(of(alterColumnOnly(column) + " DROP DEFAULT"));
        }
        if (old.notNull() != column.notNull() && !(column.inherited() && parentSetsNotNull(column))) {
            // An identity added below needs NOT NULL first.
            boolean later = phased && column.notNull() && (column.identity() == null || old.identity() != null);
            (later ? notNull : alter).add(column.notNull() ? setNotNull(column) : of(alterColumn(column) + " DROP NOT NULL"));
        }
        compareIdentity(old, column);
        if (!Objects.equals(old.comment(), column.comment())) {
            alter.add(of(commentOnColumn(column)));
        }
    }

    private Statement setNotNull(Column column) {
        return of(alterColumn(column) + " SET NOT NULL", Hazard.ACCESS_EXCLUSIVE);
    }

    private String commentOnColumn(Column column) {
        return "COMMENT ON COLUMN " + after.name().sql() + "." + Identifiers.quote(column.name()) + " IS "
                + (column.comment() == null ? "NULL" : Identifiers.literal(column.comment()));
    }

    private Statement typeChange(Column old, Column column) {
        String change = alterColumn(column) + " TYPE " + column.type()
                + (column.collation() == null ? "" : " COLLATE " + column.collation().sql());
        String via = castVia(old.type(), column.type());
        if (via.isEmpty() && !Casts.exists(old.type(), column.type())) {
            throw new FerryException(ErrorCode.VALIDATION_FAILED, "column " + after.name().sql() + "."
                    + Identifiers.quote(column.name()) + " cannot change from " + old.type() + " to " + column.type()
                    + ": PostgreSQL has no cast between them; write that change by hand (" + change
                    + " USING <expression>) or rename the column (--rename) and add the new one");
        }
        String sql = change + " USING " + Identifiers.quote(column.name()) + via + "::" + column.type();
        Set<Hazard> hazards = new HashSet<>(Set.of(Hazard.ACCESS_EXCLUSIVE));
        if (!old.type().equals(column.type()) && TypeChanges.rewrites(old.type(), column.type())) {
            hazards.add(Hazard.TABLE_REWRITE);
        }
        if (!old.type().equals(column.type()) && !TypeChanges.widening(old.type(), column.type())) {
            hazards.add(Hazard.DESTRUCTIVE);
        }
        return new Statement(sql, hazards);
    }

    /** Enums and domains cast to each other only through text. */
    private String castVia(String from, String to) {
        if ((userType(from) || userType(to)) && !to.startsWith("text")) {
            return from.endsWith("[]") ? "::text[]" : "::text";
        }
        return "";
    }

    private boolean userType(String type) {
        String base = type.endsWith("[]") ? type.substring(0, type.length() - 2) : type;
        for (Schema schema : List.of(a, b)) {
            if (schema.enums().values().stream().anyMatch(e -> Names.formatType(e.name()).equals(base))
                    || schema.domains().values().stream().anyMatch(d -> Names.formatType(d.name()).equals(base))) {
                return true;
            }
        }
        return false;
    }

    private void compareIdentity(Column old, Column column) {
        Identity was = old.identity();
        Identity is = column.identity();
        if (is == null || Objects.equals(was, is)) {
            return;
        }
        if (was == null || !was.sequence().equals(is.sequence())) {
            if (was != null) {
                alter.add(of(alterColumn(column) + " DROP IDENTITY", Hazard.ACCESS_EXCLUSIVE));
            }
            if (old.defaultExpr() != null && Objects.equals(old.defaultExpr(), column.defaultExpr())) {
                alter.add(of(alterColumnOnly(column) + " DROP DEFAULT"));
            }
            Sequence serial = serialOf(column);
            String position = serial == null ? null : serial.name().sql();
            if (serial != null && identityTakesOver(serial, b)) {
                // The identity's sequence takes the serial's name: the serial's is put aside until
                // the new one has taken over its position, then dropped.
                String aside = Names.aside(serial.name().name());
                alter.add(of("ALTER SEQUENCE " + serial.name().sql() + " RENAME TO " + Identifiers.quote(aside)));
                position = new QualifiedName(serial.name().schema(), aside).sql();
            } else if (serial != null && !b.sequences().containsKey(serial.ref().key())
                    && DropRules.relationNames(b).contains(serial.ref().key())) {
                position = null; // another relation takes its name, so it is gone by now
            }
            alter.add(of(alterColumn(column) + " ADD " + is.sql(), Hazard.ACCESS_EXCLUSIVE));
            if (position != null) {
                alter.add(continueFrom(is, position));
            }
            if (serial != null && identityTakesOver(serial, b)) {
                alter.add(of("DROP SEQUENCE " + position, Hazard.DESTRUCTIVE));
            }
            return;
        }
        StringBuilder sql = new StringBuilder(alterColumn(column));
        if (was.always() != is.always()) {
            sql.append(" SET GENERATED ").append(is.always() ? "ALWAYS" : "BY DEFAULT");
        }
        if (!was.options().equals(is.options())) {
            SequenceOptions o = is.options();
            sql.append(" SET INCREMENT BY ").append(o.increment()).append(" SET MINVALUE ").append(o.min())
                    .append(" SET MAXVALUE ").append(o.max()).append(" SET START WITH ").append(o.start())
                    .append(" SET CACHE ").append(o.cache()).append(o.cycle() ? " SET CYCLE" : " SET NO CYCLE");
        }
        alter.add(of(sql.toString(), Hazard.ACCESS_EXCLUSIVE));
    }

    /** The sequence the old column owned (a serial's), or null. */
    private Sequence serialOf(Column column) {
        for (Sequence sequence : a.sequences().values()) {
            if (sequence.ownedBy() != null && sequence.ownedBy().table().equals(before.name())
                    && sequence.ownedBy().column().equals(column.name())) {
                return sequence;
            }
        }
        return null;
    }

    /**
     * The identity's sequence continues where the serial's stood, so the next row does not take a
     * value the column already holds; skipped when that position lies outside the identity's range.
     */
    private static Statement continueFrom(Identity identity, String serial) {
        SequenceOptions o = identity.options();
        return of("SELECT setval(" + Identifiers.literal(identity.sequence().sql()) + "::regclass, s.last_value, s.is_called)"
                + " FROM " + serial + " s WHERE s.last_value BETWEEN " + o.min() + " AND " + o.max());
    }

    private void compareTable() {
        QualifiedName name = after.name();
        if (after.partitionKey() == null && before.unlogged() != after.unlogged()) {
            alter.add(of(table + (after.unlogged() ? " SET UNLOGGED" : " SET LOGGED"), Hazard.TABLE_REWRITE,
                    Hazard.ACCESS_EXCLUSIVE));
        }
        List<String> reset = before.options().stream().filter(o -> !after.options().contains(o))
                .map(o -> o.substring(0, o.indexOf('=') < 0 ? o.length() : o.indexOf('=')))
                .filter(k -> after.options().stream().noneMatch(o -> o.startsWith(k + "="))).toList();
        if (!reset.isEmpty()) {
            alter.add(of(table + " RESET (" + String.join(", ", reset) + ")", Hazard.ACCESS_EXCLUSIVE));
        }
        List<String> set = after.options().stream().filter(o -> !before.options().contains(o)).toList();
        if (!set.isEmpty()) {
            alter.add(of(table + " SET (" + String.join(", ", set) + ")", Hazard.ACCESS_EXCLUSIVE));
        }
        compareSettings();
        if (before.rowSecurity() != after.rowSecurity()) {
            alter.add(of(table + (after.rowSecurity() ? " ENABLE" : " DISABLE") + " ROW LEVEL SECURITY"));
        }
        if (before.forceRowSecurity() != after.forceRowSecurity()) {
            alter.add(of(table + (after.forceRowSecurity() ? " FORCE" : " NO FORCE") + " ROW LEVEL SECURITY"));
        }
        if (!Objects.equals(before.comment(), after.comment())) {
            alter.add(of("COMMENT ON TABLE " + name.sql() + " IS "
                    + (after.comment() == null ? "NULL" : Identifiers.literal(after.comment()))));
        }
    }

    /**
     * Replica identity and statistics targets: a setting the new table lacks goes back to the default
     * (unless the new table sets the same thing another way), one it adds is set.
     */
    private void compareSettings() {
        for (String old : before.settings()) {
            String what = settingSubject(old);
            if (!after.settings().contains(old) && after.settings().stream().noneMatch(s -> settingSubject(s).equals(what))) {
                alter.add(of(table + " " + switch (what) {
                    case "REPLICA IDENTITY" -> "REPLICA IDENTITY DEFAULT";
                    case "CLUSTER" -> "SET WITHOUT CLUSTER";
                    default -> what + " SET STATISTICS -1";
                }));
            }
        }
        for (String now : after.settings()) {
            if (!before.settings().contains(now)) {
                String index = Table.namesIndex(now);
                if (index == null) {
                    alter.add(of(table + " " + now));
                } else {
                    indexSettings.computeIfAbsent(new QualifiedName(after.name().schema(), unquote(index)),
                            k -> new ArrayList<>()).add(of(table + " " + now));
                }
            }
        }
    }

    /** A name as settings write it, always quoted, back to the name. */
    private static String unquote(String quoted) {
        return quoted.substring(1, quoted.length() - 1).replace("\"\"", "\"");
    }

    /**
     * What a setting sets: {@code REPLICA IDENTITY}, {@code CLUSTER}, or {@code ALTER COLUMN "c"} for a
     * statistics target.
     */
    private static String settingSubject(String setting) {
        int at = setting.lastIndexOf(" SET STATISTICS ");
        return at >= 0 ? setting.substring(0, at) : setting.startsWith("CLUSTER ON ") ? "CLUSTER" : "REPLICA IDENTITY";
    }

    /** Detaches from a partitioned parent or leaves inheritance parents the new table does not have. */
    private void leaveParents() {
        if (before.isPartition()) {
            if (!before.parents().equals(after.parents()) || !before.partitionBound().equals(after.partitionBound())) {
                pre.add(of("ALTER TABLE " + before.parents().get(0).sql() + " DETACH PARTITION " + before.name().sql(),
                        Hazard.ACCESS_EXCLUSIVE));
            }
            return;
        }
        for (QualifiedName parent : before.parents()) {
            if (!after.parents().contains(parent) || after.isPartition()) {
                pre.add(of(table + " NO INHERIT " + parent.sql(), Hazard.ACCESS_EXCLUSIVE));
            }
        }
    }

    /** Attaches to a partitioned parent or joins new inheritance parents, once the columns match. */
    private void joinParents() {
        if (after.isPartition()) {
            if (!before.parents().equals(after.parents()) || !Objects.equals(before.partitionBound(), after.partitionBound())) {
                alter.add(of("ALTER TABLE " + after.parents().get(0).sql() + " ATTACH PARTITION " + after.name().sql()
                        + " " + after.partitionBound(), Hazard.ACCESS_EXCLUSIVE));
            }
            return;
        }
        for (QualifiedName parent : after.parents()) {
            if (!before.parents().contains(parent) || before.isPartition()) {
                alter.add(of(table + " INHERIT " + parent.sql(), Hazard.ACCESS_EXCLUSIVE));
            }
        }
    }

    /**
     * Whether a sequence that a column owns (a serial's) is gone in the new schema because the column
     * becomes an identity whose sequence takes its name: the table's change drops it, once the
     * column's default no longer uses it, before the identity is added.
     */
    static boolean identityTakesOver(Sequence sequence, Schema b) {
        if (sequence.ownedBy() == null || b.sequences().containsKey(sequence.ref().key())) {
            return false;
        }
        Table table = b.tables().get(ObjectRef.key(sequence.ownedBy().table()));
        Column column = table == null ? null : table.column(sequence.ownedBy().column());
        return column != null && column.identity() != null && column.identity().sequence().equals(sequence.name());
    }

    /** Whether the parents lose this column, taking the child's inherited copy with them. */
    private boolean parentDrops(String column) {
        for (QualifiedName parent : before.parents()) {
            Table newParent = b.tables().get(parent.sql());
            if (newParent == null || newParent.column(column) == null) {
                return true;
            }
        }
        return false;
    }

    /** Whether a parent's own change of NOT NULL on this column reaches the child already. */
    private boolean parentSetsNotNull(Column column) {
        for (QualifiedName parent : after.parents()) {
            Table oldParent = a.tables().get(parent.sql());
            Table newParent = b.tables().get(parent.sql());
            Column was = oldParent == null ? null : oldParent.column(column.name());
            Column is = newParent == null ? null : newParent.column(column.name());
            if (was != null && is != null && was.notNull() != is.notNull() && is.notNull() == column.notNull()) {
                return true;
            }
        }
        return false;
    }

    /** Whether some child in the new schema keeps {@code column} of {@code parent} as its own. */
    static boolean childKeeps(Schema b, QualifiedName parent, String column) {
        for (Table child : b.tables().values()) {
            if (child.parents().contains(parent) && !child.isPartition()) {
                Column kept = child.column(column);
                if (kept != null) {
                    return true;
                }
            }
        }
        return false;
    }
}
