package io.ferry.transfer;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.schema.model.Owned;
import io.ferry.schema.model.Roles;
import io.ferry.schema.model.Schema;
import io.ferry.sql.Identifiers;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The roles an archive's owners and grants name, which {@code --keep-owners} and {@code --keep-grants}
 * need on the target: checked before anything is written there, as a missing role would otherwise
 * fail the load midway.
 */
final class ArchiveRoles {
    private ArchiveRoles() {
    }

    /** Refuses, in one line naming them, the roles the kept owners and grants need that the target lacks. */
    static void requireExist(Connection t, String display, Schema schema, DefaultPrivileges defaults,
                             TransferOptions options) throws SQLException {
        Set<String> needed = new TreeSet<>();
        if (options.keepOwners()) {
            schema.objects().filter(o -> o instanceof Owned).forEach(o -> needed.add(((Owned) o).owner()));
        }
        if (options.keepGrants()) {
            schema.privileges().values().forEach(p -> needed.add(p.grantee()));
            needed.addAll(defaults.roles());
        }
        needed.remove(Roles.PUBLIC);
        List<String> missing = missing(t, needed);
        if (missing.isEmpty()) {
            return;
        }
        String asked = options.keepOwners() && options.keepGrants() ? "--keep-owners and --keep-grants"
                : options.keepOwners() ? "--keep-owners" : "--keep-grants";
        throw new FerryException(ErrorCode.USAGE, asked + ": the archive's "
                + (missing.size() == 1 ? "role " : "roles ")
                + String.join(", ", missing.stream().map(Identifiers::quote).toList())
                + (missing.size() == 1 ? " does" : " do") + " not exist on " + display
                + "; create " + (missing.size() == 1 ? "it" : "them") + " first, or load without " + asked
                + " (nothing was changed)");
    }

    private static List<String> missing(Connection t, Set<String> roles) throws SQLException {
        List<String> missing = new ArrayList<>();
        if (roles.isEmpty()) {
            return missing;
        }
        Array names = t.createArrayOf("text", roles.toArray());
        try (PreparedStatement ps = t.prepareStatement(
                "SELECT r FROM unnest(?::text[]) r WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = r) "
                        + "ORDER BY r")) {
            ps.setArray(1, names);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    missing.add(rs.getString(1));
                }
            }
        }
        return missing;
    }

    /** Runs the archive's default privilege statements (idempotent, so a resumed load runs them again). */
    static void setDefaults(Connection t, DefaultPrivileges defaults) throws SQLException {
        try (Statement st = t.createStatement()) {
            st.setEscapeProcessing(false);
            for (String sql : defaults.statements()) {
                st.execute(sql);
            }
        }
    }
}
