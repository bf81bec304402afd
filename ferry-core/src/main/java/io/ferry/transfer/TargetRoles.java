package io.ferry.transfer;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.sql.Identifiers;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The target's roles a move gives its objects to ({@code --owner}) and grants reading to
 * ({@code --grant-read}), as CKAN's DataStore wants its database: everything owned by the write role,
 * and the read role's access exactly as {@code ckan datastore set-permissions} gives it (CONNECT on the
 * database, USAGE on schema {@code public}, SELECT on its tables and views, and the default privilege
 * that gives it SELECT on every table the write role creates there later; {@code public}'s CREATE and
 * USAGE taken from PUBLIC and given to the write role).
 *
 * <p>Ownership is changed on the target once the move has built everything, by statements the
 * server lists from its catalog: one query and a few batches whatever the number of tables, and the
 * same for a transfer and for a load, which only has the dump's script. The grants are
 * set-permissions' own bulk statements ({@code ON ALL TABLES IN SCHEMA}). Both are idempotent, so a
 * resumed run simply applies them again.
 *
 * @param owner     the role to own every object, or null to leave owners as created
 * @param readRole  the role to grant reading, or null for no grants
 */
public record TargetRoles(String owner, String readRole) {
    public static final TargetRoles NONE = new TargetRoles(null, null);

    /** Objects of Ferry's kinds outside the system schemas and extensions: kind, name (SQL), owner oid. */
    private static final String OBJECTS = """
            WITH ns AS (
                SELECT oid, nspname FROM pg_namespace
                WHERE nspname NOT IN ('pg_catalog', 'information_schema') AND nspname NOT LIKE 'pg\\_%'
            ), ext AS (
                SELECT classid, objid FROM pg_depend WHERE deptype = 'e'
            )
            SELECT CASE c.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW' WHEN 'S' THEN 'SEQUENCE'
                       WHEN 'f' THEN 'FOREIGN TABLE' ELSE 'TABLE' END AS kind,
                   format('%I.%I', ns.nspname, c.relname) AS name, c.relowner AS owner, 2 AS step
            FROM pg_class c JOIN ns ON ns.oid = c.relnamespace
            WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')
              AND NOT EXISTS (SELECT 1 FROM ext WHERE ext.classid = 'pg_class'::regclass AND ext.objid = c.oid)
              -- a serial's or identity's sequence goes with its table, and cannot be given away alone
              AND NOT (c.relkind = 'S' AND EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass
                       AND d.objid = c.oid AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')))
            UNION ALL
            SELECT CASE coalesce(to_jsonb(p) ->> 'prokind', CASE WHEN (to_jsonb(p) ->> 'proisagg')::boolean
                       THEN 'a' ELSE 'f' END) WHEN 'p' THEN 'PROCEDURE' WHEN 'a' THEN 'AGGREGATE' ELSE 'FUNCTION' END,
                   format('%I.%I(%s)', ns.nspname, p.proname, pg_get_function_identity_arguments(p.oid)),
                   p.proowner, 3
            FROM pg_proc p JOIN ns ON ns.oid = p.pronamespace
            WHERE NOT EXISTS (SELECT 1 FROM ext WHERE ext.classid = 'pg_proc'::regclass AND ext.objid = p.oid)
            UNION ALL
            SELECT CASE t.typtype WHEN 'd' THEN 'DOMAIN' ELSE 'TYPE' END, format('%I.%I', ns.nspname, t.typname),
                   t.typowner, 1
            FROM pg_type t JOIN ns ON ns.oid = t.typnamespace
            WHERE (t.typtype IN ('e', 'r', 'd')
                   OR t.typtype = 'c' AND (SELECT relkind FROM pg_class WHERE oid = t.typrelid) = 'c')
              AND NOT EXISTS (SELECT 1 FROM ext WHERE ext.classid = 'pg_type'::regclass AND ext.objid = t.oid)
            UNION ALL
            SELECT 'COLLATION', format('%I.%I', ns.nspname, o.collname), o.collowner, 1
            FROM pg_collation o JOIN ns ON ns.oid = o.collnamespace
            WHERE NOT EXISTS (SELECT 1 FROM ext WHERE ext.classid = 'pg_collation'::regclass AND ext.objid = o.oid)
            UNION ALL
            -- public is the database's own, there before the move: left as it is
            SELECT 'SCHEMA', format('%I', ns.nspname), n.nspowner, 0
            FROM ns JOIN pg_namespace n ON n.oid = ns.oid
            WHERE ns.nspname <> 'public'
              AND NOT EXISTS (SELECT 1 FROM ext WHERE ext.classid = 'pg_namespace'::regclass AND ext.objid = n.oid)
            """;

    public TargetRoles {
        if (owner != null && owner.isBlank() || readRole != null && readRole.isBlank()) {
            throw new FerryException(ErrorCode.USAGE, "--owner and --grant-read need a role name");
        }
    }

    public boolean any() {
        return owner != null || readRole != null;
    }

    /**
     * Refuses, in one line, a role the target does not have; call it before anything is written.
     */
    public void requireExist(Connection t, String display) throws SQLException {
        requireRole(t, owner, "--owner", display);
        requireRole(t, readRole, "--grant-read", display);
    }

    private static void requireRole(Connection t, String role, String option, String display) throws SQLException {
        if (role == null) {
            return;
        }
        try (PreparedStatement ps = t.prepareStatement("SELECT 1 FROM pg_roles WHERE rolname = ?")) {
            ps.setString(1, role);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new FerryException(ErrorCode.USAGE, option + ": role " + Identifiers.quote(role)
                            + " does not exist on " + display + "; create it first (nothing was changed)");
                }
            }
        }
    }

    /**
     * Gives every object to the owner and sets the read role's grants, in the connection's current
     * transaction (or autocommitted when there is none).
     */
    public void apply(Connection t) throws SQLException {
        List<String> statements = statements(t);
        if (statements.isEmpty()) {
            return;
        }
        try (Statement st = t.createStatement()) {
            st.setEscapeProcessing(false);
            for (String sql : statements) {
                st.addBatch(sql);
            }
            Batches.execute(st);
        }
    }

    /** What {@link #apply} runs now: the owner given what it does not own yet, then the grants. */
    List<String> statements(Connection t) throws SQLException {
        List<String> statements = new ArrayList<>();
        if (owner != null) {
            for (String[] object : notOwned(t)) {
                statements.add("ALTER " + object[0] + " " + object[1] + " OWNER TO " + Identifiers.quote(owner));
            }
        }
        if (readRole != null) {
            statements.addAll(grants(t));
        }
        return statements;
    }

    /** What set-permissions grants, for this target's database and role names. */
    private List<String> grants(Connection t) throws SQLException {
        String write = Identifiers.quote(writeRole(t));
        String read = Identifiers.quote(readRole);
        return List.of(
                "REVOKE CREATE ON SCHEMA public FROM PUBLIC",
                "REVOKE USAGE ON SCHEMA public FROM PUBLIC",
                "GRANT CREATE ON SCHEMA public TO " + write,
                "GRANT USAGE ON SCHEMA public TO " + write,
                "GRANT CONNECT ON DATABASE " + Identifiers.quote(database(t)) + " TO " + read,
                "GRANT USAGE ON SCHEMA public TO " + read,
                "GRANT SELECT ON ALL TABLES IN SCHEMA public TO " + read,
                "ALTER DEFAULT PRIVILEGES FOR ROLE " + write + " IN SCHEMA public GRANT SELECT ON TABLES TO " + read);
    }

    /** The role that writes: the owner, or the target's user when objects stay the creator's. */
    private String writeRole(Connection t) throws SQLException {
        return owner != null ? owner : single(t, "SELECT current_user");
    }

    /**
     * What on the target is not as these roles want it, one line each: objects another role owns,
     * tables and views of {@code public} the read role cannot read, and each of set-permissions'
     * grants that is missing. Empty when the target is right (or nothing was asked).
     */
    public List<String> differences(Connection t) throws SQLException {
        List<String> found = new ArrayList<>();
        if (owner != null) {
            for (String[] object : notOwned(t)) {
                found.add("not owned by " + Identifiers.quote(owner) + ": " + object[0] + " " + object[1]);
            }
        }
        if (readRole == null) {
            return found;
        }
        String write = writeRole(t);
        try (PreparedStatement ps = t.prepareStatement("""
                SELECT format('%I.%I', n.nspname, c.relname) FROM pg_class c
                JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
                  AND NOT has_table_privilege(?, c.oid, 'SELECT')
                ORDER BY 1""")) {
            ps.setString(1, readRole);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.add(Identifiers.quote(readRole) + " cannot read " + rs.getString(1));
                }
            }
        }
        try (PreparedStatement ps = t.prepareStatement("""
                SELECT has_database_privilege(?, current_database(), 'CONNECT'),
                       has_schema_privilege(?, 'public', 'USAGE'),
                       has_schema_privilege(?, 'public', 'CREATE'),
                       EXISTS (SELECT 1 FROM pg_namespace n, aclexplode(n.nspacl) a
                               WHERE n.nspname = 'public' AND a.grantee = 0),
                       EXISTS (SELECT 1 FROM pg_default_acl d, aclexplode(d.defaclacl) a
                               WHERE d.defaclrole = (SELECT oid FROM pg_roles WHERE rolname = ?)
                                 AND d.defaclnamespace = 'public'::regnamespace AND d.defaclobjtype = 'r'
                                 AND a.grantee = (SELECT oid FROM pg_roles WHERE rolname = ?)
                                 AND a.privilege_type = 'SELECT')""")) {
            ps.setString(1, readRole);
            ps.setString(2, readRole);
            ps.setString(3, write);
            ps.setString(4, write);
            ps.setString(5, readRole);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                String read = Identifiers.quote(readRole);
                if (!rs.getBoolean(1)) {
                    found.add(read + " cannot connect to the database");
                }
                if (!rs.getBoolean(2)) {
                    found.add(read + " has no USAGE on schema public");
                }
                if (!rs.getBoolean(3)) {
                    found.add(Identifiers.quote(write) + " has no CREATE on schema public");
                }
                if (rs.getBoolean(4)) {
                    found.add("PUBLIC still has privileges on schema public");
                }
                if (!rs.getBoolean(5)) {
                    found.add("no default privilege giving " + read + " SELECT on the tables "
                            + Identifiers.quote(write) + " creates in public");
                }
            }
        }
        return found;
    }

    /** Kind and name (SQL) of every object the owner does not own, schemas and types before what uses them. */
    private List<String[]> notOwned(Connection t) throws SQLException {
        List<String[]> objects = new ArrayList<>();
        try (PreparedStatement ps = t.prepareStatement("SELECT kind, name FROM (" + OBJECTS + ") o "
                + "WHERE owner <> (SELECT oid FROM pg_roles WHERE rolname = ?) ORDER BY step, kind, name")) {
            ps.setString(1, owner);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    objects.add(new String[] {rs.getString(1), rs.getString(2)});
                }
            }
        }
        return objects;
    }

    private static String database(Connection t) throws SQLException {
        return single(t, "SELECT current_database()");
    }

    private static String single(Connection t, String query) throws SQLException {
        try (Statement st = t.createStatement(); ResultSet rs = st.executeQuery(query)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
