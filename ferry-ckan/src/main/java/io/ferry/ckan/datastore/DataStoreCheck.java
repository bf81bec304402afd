package io.ferry.ckan.datastore;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.connect.ConnectionSpec;
import io.ferry.sql.Identifiers;
import io.ferry.sql.SqlErrors;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Checks that a CKAN catalog and its DataStore agree, and that the DataStore's roles can do what
 * CKAN needs: every resource marked {@code datastore_active} has its table, every table and alias
 * belongs to such a resource, the read role can read everything (the grants and default privileges
 * {@code set-permissions} gives), the write role owns everything, and CKAN's own objects (the
 * {@code _table_metadata} view, the full-text function and each table's trigger) are there.
 *
 * <p>Both databases are only read. The DataStore's catalog (tables, owners, grants) is read in one
 * repeatable-read transaction; rows and sizes are then counted table by table, each in a transaction
 * of its own, since one transaction holding a lock on each of thousands of tables and their indexes
 * runs out of the server's lock table. A resource counts as
 * marked when its {@code extras} hold {@code "datastore_active": true} and it is not deleted (CKAN
 * drops a deleted resource's table and unmarks it).
 */
public final class DataStoreCheck {
    private DataStoreCheck() {
    }

    /** One relation of the DataStore's public schema. */
    private record Relation(String name, char kind, String owner, boolean trigger, boolean readable) {
    }

    /**
     * @throws FerryException USAGE when the catalog has no {@code resource} table with {@code extras}
     */
    public static DataStoreReport run(ConnectionSpec catalog, ConnectionSpec datastore, DataStoreRoles roles) {
        Map<String, String> marked = markedResources(catalog);
        try (Connection c = datastore.open()) {
            return check(c, catalog, datastore, roles, marked);
        } catch (SQLException e) {
            throw new FerryException(ErrorCode.INTERNAL, "checking the DataStore " + datastore.display() + ": "
                    + SqlErrors.describe(e), e);
        }
    }

    /** The resources the catalog marks datastore_active: id to name (or URL). */
    private static Map<String, String> markedResources(ConnectionSpec catalog) {
        try (Connection c = catalog.open(); Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT 1 FROM information_schema.columns WHERE table_schema = "
                    + "current_schema() AND table_name = 'resource' AND column_name = 'extras'")) {
                if (!rs.next()) {
                    throw new FerryException(ErrorCode.USAGE, catalog.display() + " holds no CKAN catalog (no resource "
                            + "table with extras)");
                }
            }
            // A pattern rather than a JSON cast: one resource with extras that are not JSON must not stop the check.
            Map<String, String> marked = new TreeMap<>();
            try (ResultSet rs = st.executeQuery("""
                    SELECT id, coalesce(nullif(name, ''), url, '') FROM resource
                    WHERE state IS DISTINCT FROM 'deleted' AND extras ~ '"datastore_active"\\s*:\\s*true'""")) {
                while (rs.next()) {
                    marked.put(rs.getString(1), rs.getString(2));
                }
            }
            return marked;
        } catch (SQLException e) {
            throw new FerryException(ErrorCode.INTERNAL, "reading " + catalog.display() + ": " + SqlErrors.describe(e), e);
        }
    }

    private static DataStoreReport check(Connection c, ConnectionSpec catalog, ConnectionSpec datastore,
                                         DataStoreRoles roles, Map<String, String> marked) throws SQLException {
        c.setAutoCommit(false);
        c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        c.setReadOnly(true);
        Set<String> existing = existingRoles(c, roles);
        boolean readExists = existing.contains(roles.read());
        List<DataStoreReport.Item> missingRoles = new ArrayList<>();
        for (String role : List.of(roles.write(), roles.read())) {
            if (!existing.contains(role)) {
                missingRoles.add(DataStoreReport.Item.of(role, (role.equals(roles.write()) ? "write" : "read")
                        + " role does not exist"));
            }
        }
        Map<String, Relation> relations = relations(c, readExists ? roles.read() : null);
        Map<String, String> aliasOf = aliasTargets(c);
        String functionOwner = functionOwner(c);
        List<DataStoreReport.Item> access = readExists ? access(c, roles, existing.contains(roles.write())) : List.of();
        c.rollback();
        c.setAutoCommit(true);

        Findings f = new Findings();
        f.roles.addAll(missingRoles);
        marked.forEach((id, name) -> {
            Relation r = relations.get(id);
            if (r == null || r.kind() != 'r') {
                f.missing.add(DataStoreReport.Item.of(id, r == null ? "no table (resource " + quoted(name) + ")"
                        : "is a view, not a table (resource " + quoted(name) + ")"));
            }
        });
        for (Relation r : relations.values()) {
            judge(c, r, marked, aliasOf, f);
            if (readExists && !r.readable()) {
                f.unreadable.add(DataStoreReport.Item.of(r.name(), (r.kind() == 'r' ? "table" : "view")
                        + ": no SELECT for " + roles.read()));
            }
            if (existing.contains(roles.write()) && !r.owner().equals(roles.write())) {
                f.notOwned.add(DataStoreReport.Item.of(r.name(), "owned by " + r.owner()));
            }
        }
        if (!relations.containsKey(SetPermissions.TABLE_METADATA)) {
            f.ckan.add(0, DataStoreReport.Item.of(SetPermissions.TABLE_METADATA, "view missing"));
        }
        if (functionOwner == null) {
            f.ckan.add(0, DataStoreReport.Item.of(SetPermissions.FULL_TEXT_FUNCTION + "()", "function missing"));
        } else if (existing.contains(roles.write()) && !functionOwner.equals(roles.write())) {
            f.notOwned.add(DataStoreReport.Item.of(SetPermissions.FULL_TEXT_FUNCTION + "()", "owned by " + functionOwner));
        }
        f.unreadable.addAll(0, access);
        return new DataStoreReport(catalog.display(), datastore.display(), roles, f.tables, f.aliases, f.rows, f.bytes,
                marked.size(), f.list());
    }

    /** What is gathered, check by check, and the totals. */
    private static final class Findings {
        final List<DataStoreReport.Item> roles = new ArrayList<>();
        final List<DataStoreReport.Item> missing = new ArrayList<>();
        final List<DataStoreReport.Item> orphans = new ArrayList<>();
        final List<DataStoreReport.Item> dangling = new ArrayList<>();
        final List<DataStoreReport.Item> unreadable = new ArrayList<>();
        final List<DataStoreReport.Item> notOwned = new ArrayList<>();
        final List<DataStoreReport.Item> ckan = new ArrayList<>();
        long tables;
        long aliases;
        long rows;
        long bytes;

        List<DataStoreReport.Finding> list() {
            return List.of(
                    new DataStoreReport.Finding("roles", "DataStore roles that do not exist", roles),
                    new DataStoreReport.Finding("missing-table", "resources marked datastore_active without a table",
                            missing),
                    new DataStoreReport.Finding("orphan-table", "tables no resource marked datastore_active names",
                            orphans),
                    new DataStoreReport.Finding("dangling-alias", "aliases that read no table of a marked resource",
                            dangling),
                    new DataStoreReport.Finding("read-grant", "what the read role cannot read", unreadable),
                    new DataStoreReport.Finding("owner", "tables, views and the trigger function the write role does "
                            + "not own", notOwned),
                    new DataStoreReport.Finding("ckan-objects", "CKAN's view, function and triggers that are missing",
                            ckan));
        }
    }

    /** A table: counted, an orphan unless a marked resource names it, with its trigger; a view: an alias of what. */
    private static void judge(Connection c, Relation r, Map<String, String> marked, Map<String, String> aliasOf,
                              Findings f) throws SQLException {
        if (r.kind() == 'r') {
            f.tables++;
            long[] size = rowsAndBytes(c, r.name());
            f.rows += size[0];
            f.bytes += size[1];
            if (!marked.containsKey(r.name())) {
                f.orphans.add(new DataStoreReport.Item(r.name(), String.format(Locale.ROOT, "%,d rows, %s", size[0],
                        DataStoreReport.size(size[1])), size[0], size[1]));
            }
            if (!r.trigger()) {
                f.ckan.add(DataStoreReport.Item.of(r.name(), "table without the " + SetPermissions.FULL_TEXT_TRIGGER
                        + " trigger (" + SetPermissions.FULL_TEXT_FUNCTION + ")"));
            }
        } else if (r.kind() == 'v' && !r.name().equals(SetPermissions.TABLE_METADATA)) {
            f.aliases++;
            String target = aliasOf.get(r.name());
            if (target == null) {
                f.dangling.add(DataStoreReport.Item.of(r.name(), "reads no table"));
            } else if (!marked.containsKey(target)) {
                f.dangling.add(DataStoreReport.Item.of(r.name(), "reads " + target
                        + ", which no resource marked datastore_active names"));
            }
        }
    }

    private static String quoted(String name) {
        return "'" + name + "'";
    }

    private static Set<String> existingRoles(Connection c, DataStoreRoles roles) throws SQLException {
        Set<String> existing = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT rolname FROM pg_roles WHERE rolname IN (?, ?)")) {
            ps.setString(1, roles.write());
            ps.setString(2, roles.read());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    existing.add(rs.getString(1));
                }
            }
        }
        return existing;
    }

    /** Tables and views of public, by name (byte order); {@code readable} asks about {@code read} (null: not asked). */
    private static Map<String, Relation> relations(Connection c, String read) throws SQLException {
        Map<String, Relation> relations = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT cl.relname, cl.relkind, pg_get_userbyid(cl.relowner),
                       EXISTS (SELECT 1 FROM pg_trigger t WHERE t.tgrelid = cl.oid AND t.tgname = ?),
                       CASE WHEN ?::text IS NULL THEN true ELSE has_table_privilege(?::text, cl.oid, 'SELECT') END
                FROM pg_class cl
                WHERE cl.relnamespace = 'public'::regnamespace AND cl.relkind IN ('r', 'p', 'v', 'm')
                ORDER BY cl.relname COLLATE "C\"""")) {
            ps.setString(1, SetPermissions.FULL_TEXT_TRIGGER);
            ps.setString(2, read);
            ps.setString(3, read);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String kind = rs.getString(2);
                    relations.put(rs.getString(1), new Relation(rs.getString(1), kind.equals("v") ? 'v'
                            : kind.equals("m") ? 'm' : 'r', rs.getString(3), rs.getBoolean(4), rs.getBoolean(5)));
                }
            }
        }
        return relations;
    }

    /** Each view of public and the table of public it reads (as {@code _table_metadata} finds it). */
    private static Map<String, String> aliasTargets(Connection c) throws SQLException {
        Map<String, String> targets = new HashMap<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("""
                SELECT DISTINCT v.relname, t.relname
                FROM pg_class v
                JOIN pg_rewrite r ON r.ev_class = v.oid
                JOIN pg_depend d ON d.objid = r.oid
                JOIN pg_class t ON t.oid = d.refobjid
                WHERE v.relnamespace = 'public'::regnamespace AND v.relkind = 'v'
                  AND t.relnamespace = 'public'::regnamespace AND t.relkind IN ('r', 'p') AND t.oid <> v.oid""")) {
            while (rs.next()) {
                targets.put(rs.getString(1), rs.getString(2));
            }
        }
        return targets;
    }

    /** The table's rows and its size with indexes and TOAST data. */
    private static long[] rowsAndBytes(Connection c, String table) throws SQLException {
        String name = "public." + Identifiers.quote(table);
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT count(*), pg_total_relation_size("
                + Identifiers.literal(name) + "::regclass) FROM " + name)) {
            rs.next();
            return new long[] {rs.getLong(1), rs.getLong(2)};
        }
    }

    private static String functionOwner(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_get_userbyid(proowner) FROM pg_proc "
                + "WHERE pronamespace = 'public'::regnamespace AND proname = ? AND pronargs = 0")) {
            ps.setString(1, SetPermissions.FULL_TEXT_FUNCTION);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    /**
     * The read role's way in: CONNECT on the database, USAGE on public, and the write role's default
     * privileges granting it SELECT on the tables created later.
     */
    private static List<DataStoreReport.Item> access(Connection c, DataStoreRoles roles, boolean writeExists)
            throws SQLException {
        List<DataStoreReport.Item> items = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT current_database(),
                       has_database_privilege(?, current_database(), 'CONNECT'),
                       has_schema_privilege(?, 'public', 'USAGE'),
                       EXISTS (SELECT 1 FROM pg_default_acl a, aclexplode(a.defaclacl) x
                               WHERE a.defaclrole = (SELECT oid FROM pg_roles WHERE rolname = ?)
                                 AND a.defaclnamespace IN (0, 'public'::regnamespace) AND a.defaclobjtype = 'r'
                                 AND x.grantee = (SELECT oid FROM pg_roles WHERE rolname = ?)
                                 AND x.privilege_type = 'SELECT')""")) {
            ps.setString(1, roles.read());
            ps.setString(2, roles.read());
            ps.setString(3, roles.write());
            ps.setString(4, roles.read());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                if (!rs.getBoolean(2)) {
                    items.add(DataStoreReport.Item.of("database " + rs.getString(1), "no CONNECT for " + roles.read()));
                }
                if (!rs.getBoolean(3)) {
                    items.add(DataStoreReport.Item.of("schema public", "no USAGE for " + roles.read()));
                }
                if (writeExists && !rs.getBoolean(4)) {
                    items.add(DataStoreReport.Item.of("default privileges", "tables " + roles.write()
                            + " creates are not readable by " + roles.read()
                            + " (ALTER DEFAULT PRIVILEGES ... GRANT SELECT ON TABLES missing)"));
                }
            }
        }
        return items;
    }
}
