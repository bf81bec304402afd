package io.ferry.schema.read;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.schema.model.Column;
import io.ferry.schema.model.ColumnRef;
import io.ferry.schema.model.Identity;
import io.ferry.schema.model.ObjectKind;
import io.ferry.schema.model.ObjectRef;
import io.ferry.schema.model.QualifiedName;
import io.ferry.schema.model.Schema;
import io.ferry.schema.model.Sequence;
import io.ferry.schema.model.SequenceOptions;
import io.ferry.schema.model.Table;
import io.ferry.schema.model.View;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads sequences, columns, tables and views. Columns are read once for all relations (composite
 * types included) and handed out by relation name; an identity column gets its sequence's
 * parameters from the sequences query.
 */
final class RelationReader {
    /** Ferry's migration history: Ferry's own, never part of a user's schema. */
    static final QualifiedName HISTORY_TABLE = QualifiedName.of("public", "ferry_schema_history");

    private final Queries queries;
    private final Map<QualifiedName, List<Column>> columns = new HashMap<>();

    private final boolean includeHistory;

    RelationReader(Queries queries, boolean includeHistory) {
        this.includeHistory = includeHistory;
        this.queries = queries;
    }

    /** A sequence as the query returns it, before we know whether it stands alone. */
    private record SequenceRow(Sequence sequence, char ownedHow) {
    }

    void read(Schema.Builder builder) {
        List<SequenceRow> sequences = readSequences();
        Map<ColumnRef, Sequence> identitySequences = new HashMap<>();
        for (SequenceRow row : sequences) {
            if (row.ownedHow() == 'i') {
                identitySequences.put(row.sequence().ownedBy(), row.sequence());
            }
        }
        readColumns(identitySequences);
        readTables(builder);
        readViews(builder);
        for (SequenceRow row : sequences) {
            Sequence sequence = row.sequence();
            boolean identity = row.ownedHow() == 'i';
            // A sequence owned by a table outside the model (Ferry's history table) goes with it.
            boolean orphan = sequence.ownedBy() != null
                    && !builder.contains(new ObjectRef(ObjectKind.TABLE, ObjectRef.key(sequence.ownedBy().table())));
            if (!identity && !orphan) {
                builder.add(sequence);
            }
        }
    }

    /** The columns of every table, view, materialized view and composite type, by relation. */
    Map<QualifiedName, List<Column>> columns() {
        return columns;
    }

    private List<SequenceRow> readSequences() {
        List<SequenceRow> rows = new ArrayList<>();
        queries.run("sequences", rs -> {
            SequenceOptions options = new SequenceOptions(rs.getString("type"), rs.getLong("start"),
                    rs.getLong("increment"), rs.getLong("min"), rs.getLong("max"), rs.getLong("cache"),
                    rs.getBoolean("cycle"));
            QualifiedName table = Rows.name(rs, "table_schema", "table_name");
            ColumnRef ownedBy = table == null ? null : new ColumnRef(table, rs.getString("column_name"));
            Sequence sequence = new Sequence(Rows.name(rs, "schema", "name"), options, ownedBy,
                    rs.getString("owner"), rs.getString("comment"));
            rows.add(new SequenceRow(sequence, Rows.code(rs, "owned_how")));
        });
        return rows;
    }

    private void readColumns(Map<ColumnRef, Sequence> identitySequences) {
        queries.run("columns", rs -> {
            QualifiedName relation = Rows.name(rs, "schema", "relation");
            String name = rs.getString("name");
            Identity identity = identity(rs, identitySequences.get(new ColumnRef(relation, name)));
            Column column = new Column(name, rs.getString("type"), rs.getBoolean("not_null"),
                    rs.getString("default_expr"), identity, rs.getString("generated"),
                    Rows.name(rs, "collation_schema", "collation_name"), rs.getBoolean("inherited"),
                    rs.getString("comment"));
            columns.computeIfAbsent(relation, k -> new ArrayList<>()).add(column);
        });
    }

    private static Identity identity(ResultSet rs, Sequence sequence) throws SQLException {
        char code = Rows.code(rs, "identity");
        if (code == '\0') {
            return null;
        }
        if (sequence == null) {
            throw new FerryException(ErrorCode.INTERNAL, "identity column " + rs.getString("relation") + "."
                    + rs.getString("name") + " has no sequence in pg_depend");
        }
        return new Identity(code == 'a', sequence.name(), sequence.options());
    }

    private void readTables(Schema.Builder builder) {
        Map<QualifiedName, List<String>> settings = new HashMap<>();
        queries.run("table_settings", rs -> settings.computeIfAbsent(Rows.name(rs, "schema", "name"),
                k -> new ArrayList<>()).add(rs.getString("setting")));
        queries.run("tables", rs -> {
            QualifiedName name = Rows.name(rs, "schema", "name");
            if (name.equals(HISTORY_TABLE) && !includeHistory) {
                return;
            }
            List<String> parentSchemas = Rows.strings(rs, "parent_schemas");
            List<String> parentNames = Rows.strings(rs, "parent_names");
            List<QualifiedName> parents = new ArrayList<>();
            for (int i = 0; i < parentNames.size(); i++) {
                parents.add(QualifiedName.of(parentSchemas.get(i), parentNames.get(i)));
            }
            builder.add(new Table(name, rs.getBoolean("unlogged"), rs.getString("partition_key"),
                    rs.getString("partition_bound"), parents, columns.getOrDefault(name, List.of()),
                    Rows.strings(rs, "options"), rs.getBoolean("row_security"), rs.getBoolean("force_row_security"),
                    rs.getString("owner"), rs.getString("comment"), settings.getOrDefault(name, List.of())));
        });
    }

    private void readViews(Schema.Builder builder) {
        queries.run("views", rs -> {
            QualifiedName name = Rows.name(rs, "schema", "name");
            builder.add(new View(name, rs.getBoolean("materialized"), withoutSemicolon(rs.getString("definition")),
                    columns.getOrDefault(name, List.of()), Rows.strings(rs, "options"), rs.getString("owner"),
                    rs.getString("comment")));
        });
    }

    /** pg_get_viewdef ends the query with a semicolon, which has no place inside CREATE VIEW. */
    static String withoutSemicolon(String definition) {
        String text = definition.stripTrailing();
        return text.endsWith(";") ? text.substring(0, text.length() - 1) : text;
    }
}
