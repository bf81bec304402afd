package io.ferry.schema.read;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.schema.model.Schema;
import io.ferry.schema.model.View;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.Map;
import java.util.TreeMap;

/**
 * A model's view definitions as another server renders them. {@code pg_get_viewdef} writes the same
 * query differently from one major version to the next (16 leaves out the table's name before the
 * columns of a one-table view, 10 types a bare literal as text where 9.6 left it unknown), so two
 * models read from servers of different versions are compared after the views of one are rendered by
 * the other's server: each definition is made a temporary view there, in a transaction that is
 * rolled back, and read back. A definition the server cannot take (it reads objects that server
 * lacks) is kept as it was.
 */
public final class ServerRendering {
    private ServerRendering() {
    }

    /** The major version of the server behind {@code connection}: 9 for 9.6, else 10, 11, ... */
    public static int major(Connection connection) {
        try {
            return CatalogReader.serverVersionNum(connection) / 10000;
        } catch (SQLException e) {
            throw new FerryException(ErrorCode.INTERNAL, "cannot read the server's version: " + e.getMessage(), e);
        }
    }

    /** {@code schema} with each view's definition as the server behind {@code connection} writes it. */
    public static Schema views(Connection connection, Schema schema) {
        if (schema.views().isEmpty()) {
            return schema;
        }
        try {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                return rendered(connection, schema);
            } finally {
                connection.rollback();
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new FerryException(ErrorCode.INTERNAL, "cannot render the views on the target: " + e.getMessage(), e);
        }
    }

    private static Schema rendered(Connection connection, Schema schema) throws SQLException {
        Map<String, View> views = new TreeMap<>();
        try (Statement st = connection.createStatement()) {
            st.execute(CatalogReader.SETTINGS);
            for (Map.Entry<String, View> entry : schema.views().entrySet()) {
                View view = entry.getValue();
                views.put(entry.getKey(), new View(view.name(), view.materialized(), render(st, connection, view),
                        view.columns(), view.options(), view.owner(), view.comment()));
            }
        }
        return new Schema(schema.schemas(), schema.extensions(), schema.collations(), schema.enums(), schema.domains(),
                schema.compositeTypes(), schema.sequences(), schema.functions(), schema.tables(), views,
                schema.constraints(), schema.indexes(), schema.triggers(), schema.policies(), schema.privileges(),
                schema.dependencies(), schema.unmodelled());
    }

    private static String render(Statement st, Connection connection, View view) throws SQLException {
        Savepoint savepoint = connection.setSavepoint();
        try {
            st.execute("CREATE TEMPORARY VIEW ferry_rendered_view AS " + view.definition());
            try (ResultSet rs = st.executeQuery("SELECT pg_get_viewdef('pg_temp.ferry_rendered_view'::regclass)")) {
                rs.next();
                return RelationReader.withoutSemicolon(rs.getString(1));
            }
        } catch (SQLException e) {
            return view.definition();
        } finally {
            connection.rollback(savepoint);
        }
    }
}
