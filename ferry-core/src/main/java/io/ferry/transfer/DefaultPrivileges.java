package io.ferry.transfer;

import io.ferry.sql.Identifiers;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * An archive's default privileges ({@code ALTER DEFAULT PRIVILEGES}), which the schema model does not
 * hold: the statements that set them, run on the target once its objects exist (they apply only to
 * objects created later, so running them earlier would change what the load itself creates), and
 * what {@code pg_default_acl} then holds, one line per privilege, to compare the target with.
 *
 * @param statements the archive's statements, in its order
 * @param expected   the lines {@link #read} gives where the statements ran as the archive meant
 * @param roles      the roles the lines name (the roles the privileges belong to, and the grantees)
 */
public record DefaultPrivileges(List<String> statements, List<String> expected, Set<String> roles) {
    public static final DefaultPrivileges NONE = new DefaultPrivileges(List.of(), List.of(), Set.of());

    /**
     * What each entry of {@code pg_default_acl} changes, one privilege a row: what it grants beyond the
     * built-in default and what of that default it revokes. (An entry for every schema holds the whole
     * list, the built-in default included; an entry for one schema holds only what it adds.)
     */
    private static final String QUERY = """
            WITH d AS (
                SELECT pg_get_userbyid(d.defaclrole) AS role,
                       CASE WHEN d.defaclnamespace = 0 THEN NULL ELSE n.nspname END AS schema,
                       CASE d.defaclobjtype WHEN 'r' THEN 'TABLES' WHEN 'S' THEN 'SEQUENCES' WHEN 'f' THEN 'FUNCTIONS'
                           WHEN 'T' THEN 'TYPES' WHEN 'n' THEN 'SCHEMAS' ELSE d.defaclobjtype::text END AS kind,
                       d.defaclacl AS acl,
                       CASE WHEN d.defaclnamespace = 0
                           THEN acldefault(CASE WHEN d.defaclobjtype = 'S' THEN 's'::"char" ELSE d.defaclobjtype END,
                                           d.defaclrole)
                           ELSE NULL END AS base
                FROM pg_default_acl d
                LEFT JOIN pg_namespace n ON n.oid = d.defaclnamespace
            )
            SELECT d.role, d.schema, d.kind, 'GRANT' AS change,
                   CASE WHEN x.grantee = 0 THEN NULL ELSE pg_get_userbyid(x.grantee) END AS grantee,
                   x.privilege_type, x.is_grantable
            FROM d CROSS JOIN LATERAL (
                SELECT a.grantee, a.privilege_type, a.is_grantable FROM aclexplode(d.acl) a
                EXCEPT SELECT b.grantee, b.privilege_type, b.is_grantable FROM aclexplode(d.base) b) x
            UNION ALL
            SELECT d.role, d.schema, d.kind, 'REVOKE',
                   CASE WHEN x.grantee = 0 THEN NULL ELSE pg_get_userbyid(x.grantee) END, x.privilege_type, false
            FROM d CROSS JOIN LATERAL (
                SELECT b.grantee, b.privilege_type FROM aclexplode(d.base) b
                EXCEPT SELECT a.grantee, a.privilege_type FROM aclexplode(d.acl) a) x
            """;

    public DefaultPrivileges {
        statements = List.copyOf(statements);
        expected = List.copyOf(expected);
        roles = Set.copyOf(roles);
    }

    /** The statements, with what they made on {@code connection} (where they ran as the archive meant). */
    public static DefaultPrivileges of(List<String> statements, Connection connection) throws SQLException {
        Set<String> roles = new TreeSet<>();
        List<String> lines = read(connection, roles);
        return new DefaultPrivileges(statements, lines, roles);
    }

    /** What {@code pg_default_acl} holds, one sorted line per privilege. */
    public static List<String> read(Connection connection) throws SQLException {
        return read(connection, new TreeSet<>());
    }

    private static List<String> read(Connection connection, Set<String> roles) throws SQLException {
        Set<String> lines = new TreeSet<>();
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(QUERY)) {
            while (rs.next()) {
                String role = rs.getString("role");
                String schema = rs.getString("schema");
                String grantee = rs.getString("grantee");
                roles.add(role);
                if (grantee != null) {
                    roles.add(grantee);
                }
                boolean grant = rs.getString("change").equals("GRANT");
                lines.add("default privilege of " + Identifiers.quote(role)
                        + (schema == null ? "" : " in schema " + Identifiers.quote(schema)) + ": "
                        + (grant ? "GRANT " : "REVOKE ") + rs.getString("privilege_type") + " ON "
                        + rs.getString("kind") + (grant ? " TO " : " FROM ")
                        + (grantee == null ? "PUBLIC" : Identifiers.quote(grantee))
                        + (rs.getBoolean("is_grantable") ? " WITH GRANT OPTION" : ""));
            }
        }
        return new ArrayList<>(lines);
    }

    /**
     * How the target's default privileges differ from {@link #expected}: one line each for what is
     * missing there and for what is there but not meant.
     */
    List<String> differences(Connection t) throws SQLException {
        List<String> actual = read(t);
        List<String> found = new ArrayList<>();
        for (String line : expected) {
            if (!actual.contains(line)) {
                found.add("missing on the target: " + line);
            }
        }
        for (String line : actual) {
            if (!expected.contains(line)) {
                found.add("not in the archive: " + line);
            }
        }
        return found;
    }
}
