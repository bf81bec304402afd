package io.ferry.ckan;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.sql.Transactions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The sysadmins the {@code dgu} module demoted (recorded in {@code ferry.ckan_demoted_sysadmin}), and
 * promoting them again. A demoted user is found by its current name or by the name it had when it
 * was demoted (the module renames users right after demoting them).
 */
public final class Sysadmins {
    /** One demoted user: its current name (null when the user no longer exists) and whether it is a sysadmin now. */
    public record Demoted(String userId, String nameThen, String nameNow, String fullname, boolean sysadminNow,
                          String demotedAt, String restoredAt) {
    }

    private Sysadmins() {
    }

    /** Everyone recorded, by name then; empty when the module never ran. */
    public static List<Demoted> list(Connection c) throws SQLException {
        if (!recorded(c)) {
            return List.of();
        }
        List<Demoted> out = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("""
                SELECT d.user_id, d.name, u.name, d.fullname, coalesce(u.sysadmin, false),
                       to_char(d.demoted_at, 'YYYY-MM-DD HH24:MI:SS'), to_char(d.restored_at, 'YYYY-MM-DD HH24:MI:SS')
                FROM ferry.ckan_demoted_sysadmin d LEFT JOIN "user" u ON u.id = d.user_id
                ORDER BY d.name""")) {
            while (rs.next()) {
                out.add(new Demoted(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getBoolean(5), rs.getString(6), rs.getString(7)));
            }
        }
        return out;
    }

    /**
     * Promotes the named demoted users again (all of them when {@code names} is empty), in one
     * transaction, and marks them restored. Returns the current names of the users promoted.
     *
     * @throws FerryException VALIDATION_FAILED when nothing was recorded or a name is not a demoted
     *                        user (then nobody is promoted)
     */
    public static List<String> restore(Connection c, List<String> names) throws SQLException {
        if (!recorded(c)) {
            throw new FerryException(ErrorCode.VALIDATION_FAILED,
                    "no demoted sysadmins are recorded in this database (the dgu module has not run)");
        }
        List<Demoted> demoted = list(c).stream().filter(d -> d.nameNow() != null).toList();
        List<Demoted> chosen = new ArrayList<>();
        Set<String> unknown = new HashSet<>(names);
        for (Demoted d : demoted) {
            if (names.isEmpty() || names.contains(d.nameNow()) || names.contains(d.nameThen())) {
                chosen.add(d);
                unknown.remove(d.nameNow());
                unknown.remove(d.nameThen());
            }
        }
        if (!unknown.isEmpty()) {
            throw new FerryException(ErrorCode.VALIDATION_FAILED, "not a demoted sysadmin: "
                    + String.join(", ", unknown.stream().sorted().toList()));
        }
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try (PreparedStatement promote = c.prepareStatement("UPDATE \"user\" SET sysadmin = true WHERE id = ?");
             PreparedStatement mark = c.prepareStatement(
                     "UPDATE ferry.ckan_demoted_sysadmin SET restored_at = now() WHERE user_id = ?")) {
            for (Demoted d : chosen) {
                promote.setString(1, d.userId());
                promote.executeUpdate();
                mark.setString(1, d.userId());
                mark.executeUpdate();
            }
            c.commit();
        } catch (SQLException | RuntimeException e) {
            Transactions.rollbackAfter(c, e);
            throw e;
        } finally {
            c.setAutoCommit(auto);
        }
        return chosen.stream().map(Demoted::nameNow).toList();
    }

    private static boolean recorded(Connection c) throws SQLException {
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT to_regclass('ferry.ckan_demoted_sysadmin') IS NOT NULL")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }
}
