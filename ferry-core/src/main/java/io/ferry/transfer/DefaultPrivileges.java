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

    /** Each privilege of {@code pg_default_acl}: role, schema (or every schema), kind of object, grantee, privilege. */
    private static final String QUERY = """
            SELECT pg_get_userbyid(d.defaclrole) AS role,
                   CASE WHEN d.defaclnamespace = 0 THEN NULL ELSE n.nspname END AS schema,
                   CASE d.defaclobjtype WHEN 'r' THEN 'TABLES' WHEN 'S' THEN 'SEQUENCES' WHEN 'f' THEN 'FUNCTIONS'
                       WHEN 'T' THEN 'TYPES' WHEN 'n' THEN 'SCHEMAS' ELSE d.defaclobjtype::text END AS kind,
                   CASE WHEN a.grantee = 0 THEN NULL ELSE pg_get_userbyid(a.grantee) END AS grantee,
                   a.privilege_type, a.is_grantable
            FROM pg_default_acl d
            LEFT JOIN pg_namespace n ON n.oid = d.defaclnamespace
            CROSS JOIN LATERAL aclexplode(d.defaclacl) a
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
                lines.add("default privilege of " + Identifiers.quote(role)
                        + (schema == null ? "" : " in schema " + Identifiers.quote(schema)) + ": "
                        + rs.getString("privilege_type") + " ON " + rs.getString("kind") + " TO "
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
