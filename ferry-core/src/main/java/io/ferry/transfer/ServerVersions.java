package io.ferry.transfer;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.schema.model.Constraint;
import io.ferry.schema.model.Extension;
import io.ferry.schema.model.Index;
import io.ferry.schema.model.Schema;
import io.ferry.schema.model.View;
import io.ferry.sql.Identifiers;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * What a move between two PostgreSQL versions cannot carry, found before anything is written: a
 * feature of the source that the target's version lacks (refused, one line naming the objects),
 * and tables {@code WITH OIDS} (gone from 12 on: refused unless {@code --drop-oids}). Row checksums
 * use a hash both servers have ({@link RowHash}).
 */
public final class ServerVersions {
    private ServerVersions() {
    }

    /** The server's {@code server_version_num}, e.g. 120022 or 90624. */
    static int of(Connection c) throws SQLException {
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT current_setting('server_version_num')::int")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** "9.6" or "12": how messages name a version. */
    static String name(int versionNum) {
        return versionNum >= 100000 ? String.valueOf(versionNum / 10000)
                : versionNum / 10000 + "." + versionNum / 100 % 100;
    }

    /**
     * Checks a move of {@code schema} from a server of {@code source} to one of {@code target}
     * (both {@code server_version_num}); {@code snapshot} reads the source.
     */
    static void check(Connection snapshot, int source, int target, Schema schema, TransferOptions options,
                      Consumer<String> note) throws SQLException {
        List<String> missing = new ArrayList<>();
        if (target < 150000) {
            for (Index index : schema.indexes().values()) {
                if (index.definition().contains(" NULLS NOT DISTINCT")) {
                    missing.add("index " + index.name() + " (NULLS NOT DISTINCT, 15)");
                }
            }
            for (Constraint constraint : schema.constraints().values()) {
                if (constraint.definition().contains(" NULLS NOT DISTINCT")) {
                    missing.add("constraint " + constraint.name() + " on " + constraint.table() + " (NULLS NOT DISTINCT, 15)");
                }
            }
            for (View view : schema.views().values()) {
                if (view.options().stream().anyMatch(o -> o.startsWith("security_invoker="))) {
                    missing.add("view " + view.name() + " (security_invoker, 15)");
                }
            }
        }
        if (!missing.isEmpty()) {
            throw new FerryException(ErrorCode.INPUT, "the target runs PostgreSQL " + name(target)
                    + ", which lacks what the source uses: " + String.join(", ", missing));
        }
        List<String> withOids = source < 120000 ? tablesWithOids(snapshot) : List.of();
        if (!withOids.isEmpty() && target >= 120000) {
            if (!options.dropOids()) {
                throw new FerryException(ErrorCode.UNSAFE_CHANGE, "tables WITH OIDS cannot move to PostgreSQL " + name(target)
                        + " (12 dropped the oid column): " + String.join(", ", withOids)
                        + "; --drop-oids moves them without it");
            }
            note.accept("moved without their oid column (--drop-oids): " + String.join(", ", withOids));
        }
    }

    /**
     * The schema with each extension at a version the target offers: an extension's versions come
     * with the server (a 9.6 source's citext 1.3 is not shipped with 15), so one the target lacks is
     * created at the target's default version instead, and said so.
     */
    public static Schema withTargetsExtensions(Connection target, Schema schema, Consumer<String> note) throws SQLException {
        Map<String, Extension> adapted = new TreeMap<>(schema.extensions());
        boolean changed = false;
        for (Extension e : schema.extensions().values()) {
            String offered = offeredVersion(target, e);
            if (offered != null && !offered.equals(e.version())) {
                adapted.put(e.ref().key(), new Extension(e.name(), e.schema(), offered, e.comment()));
                note.accept("extension " + e.name() + " " + e.version() + " is not available on the target; created at "
                        + offered);
                changed = true;
            }
        }
        if (!changed) {
            return schema;
        }
        return new Schema(schema.schemas(), adapted, schema.collations(), schema.enums(), schema.domains(),
                schema.compositeTypes(), schema.sequences(), schema.functions(), schema.tables(), schema.views(),
                schema.constraints(), schema.indexes(), schema.triggers(), schema.policies(), schema.privileges(),
                schema.dependencies(), schema.unmodelled());
    }

    /** The extension's own version when the target offers it, else the target's default (null if none). */
    private static String offeredVersion(Connection target, Extension e) throws SQLException {
        try (PreparedStatement ps = target.prepareStatement("SELECT (SELECT v.version FROM pg_available_extension_versions v "
                + "WHERE v.name = a.name AND v.version = ?), a.default_version FROM pg_available_extensions a WHERE a.name = ?")) {
            ps.setString(1, e.version());
            ps.setString(2, e.name());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                return rs.getString(1) != null ? rs.getString(1) : rs.getString(2);
            }
        }
    }

    /**
     * Tables that binary COPY cannot carry from one major version to another, as {@link Chunk#table()}
     * names them: a column of a type with no binary form (ltree before 13, say), or an array or
     * composite of a type of the database's own, whose binary form holds type OIDs that the target
     * gives other values. They go as text.
     */
    static Set<String> binaryUnsafeTables(Connection source) throws SQLException {
        Set<String> tables = new TreeSet<>();
        try (Statement st = source.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT DISTINCT n.nspname, c.relname FROM pg_attribute a"
                        + " JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
                        + " JOIN pg_type t ON t.oid = a.atttypid"
                        + " LEFT JOIN pg_type b ON b.oid = CASE WHEN t.typtype = 'd' THEN t.typbasetype ELSE t.oid END"
                        + " LEFT JOIN pg_type e ON e.oid = b.typelem AND b.typlen = -1"
                        + " WHERE c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped"
                        + " AND n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'information_schema'"
                        + " AND (b.typsend = 0 OR b.typtype = 'c' OR (e.oid IS NOT NULL AND (e.oid >= 16384 OR e.typtype = 'c')))")) {
            while (rs.next()) {
                tables.add(Identifiers.quote(rs.getString(1)) + "." + Identifiers.quote(rs.getString(2)));
            }
        }
        return tables;
    }

    private static List<String> tablesWithOids(Connection c) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT format('%I.%I', n.nspname, c.relname) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                        + " WHERE c.relhasoids AND c.relkind = 'r' AND n.nspname NOT LIKE 'pg\\_%'"
                        + " AND n.nspname <> 'information_schema' ORDER BY 1")) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        }
        return tables;
    }
}
