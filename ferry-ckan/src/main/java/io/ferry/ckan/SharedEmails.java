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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The e-mail addresses the {@code dgu} module changed so that no two active users share one (recorded
 * in {@code ferry.ckan_shared_email}), and giving them back. CKAN 2.10 and later allow one active user
 * per address, so giving a user its address back takes it from whoever has it now, who gets a
 * sub-address of it in exchange ({@code local+<name>@domain}, as the module gave the others).
 */
public final class SharedEmails {
    /** One changed address: the user's name now, what the address was and is, and who kept the address. */
    public record Changed(String userId, String name, String emailThen, String emailNow, String keptBy,
                          String changedAt, String restoredAt) {
    }

    private SharedEmails() {
    }

    /** Everyone recorded, by address then and name; empty when the module never ran. */
    public static List<Changed> list(Connection c) throws SQLException {
        if (!recorded(c)) {
            return List.of();
        }
        List<Changed> out = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("""
                SELECT s.user_id, u.name, s.email_then, u.email, k.name,
                       to_char(s.changed_at, 'YYYY-MM-DD HH24:MI:SS'), to_char(s.restored_at, 'YYYY-MM-DD HH24:MI:SS')
                FROM ferry.ckan_shared_email s
                LEFT JOIN "user" u ON u.id = s.user_id
                LEFT JOIN "user" k ON k.id = s.kept_by
                ORDER BY s.email_then, u.name""")) {
            while (rs.next()) {
                out.add(new Changed(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getString(7)));
            }
        }
        return out;
    }

    /**
     * Gives the named users (current names) their recorded address back, in one transaction; an active
     * user that has the address now gets its sub-address instead, recorded like the module's own
     * changes. With no names, every recorded user gets its address back, which is only allowed while
     * the database has no unique index on active addresses (before CKAN 2.10). Returns the names.
     *
     * @throws FerryException VALIDATION_FAILED when nothing was recorded, a name is not a recorded
     *                        user still without its address, or all are asked for on CKAN 2.10+
     */
    public static List<String> restore(Connection c, List<String> names) throws SQLException {
        if (!recorded(c)) {
            throw new FerryException(ErrorCode.VALIDATION_FAILED,
                    "no changed e-mail addresses are recorded in this database (the dgu module has not run)");
        }
        List<Changed> open = list(c).stream().filter(x -> x.restoredAt() == null && x.name() != null).toList();
        List<Changed> chosen = new ArrayList<>();
        if (names.isEmpty()) {
            if (uniqueIndexPresent(c)) {
                throw new FerryException(ErrorCode.VALIDATION_FAILED, "this database allows one active user per"
                        + " e-mail address (CKAN 2.10's idx_only_one_active_email): name the users to give their"
                        + " address back; whoever has it now gets a sub-address of it instead");
            }
            chosen.addAll(open);
        } else {
            Set<String> unknown = new LinkedHashSet<>(names);
            for (Changed x : open) {
                if (unknown.remove(x.name())) {
                    chosen.add(x);
                }
            }
            if (!unknown.isEmpty()) {
                throw new FerryException(ErrorCode.VALIDATION_FAILED, "not a user whose e-mail address is recorded"
                        + " as changed (and not yet given back): " + String.join(", ", unknown));
            }
        }
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            for (Changed x : chosen) {
                Optional<Holder> holder = names.isEmpty() ? Optional.empty() : holder(c, x);
                if (holder.isPresent()) {
                    giveSubAddress(c, holder.get(), x);
                }
                update(c, "UPDATE \"user\" SET email = ? WHERE id = ?", x.emailThen(), x.userId());
                update(c, "UPDATE ferry.ckan_shared_email SET restored_at = now() WHERE user_id = ?", x.userId());
            }
            c.commit();
        } catch (SQLException | RuntimeException e) {
            Transactions.rollbackAfter(c, e);
            throw e;
        } finally {
            c.setAutoCommit(auto);
        }
        return chosen.stream().map(Changed::name).toList();
    }

    /** {@code local+name@domain}, or {@code address+name} when the address has no "@" (as the module writes it). */
    static String subAddress(String email, String name) {
        int at = email.lastIndexOf('@');
        return at < 0 ? email + "+" + name : email.substring(0, at) + "+" + name + email.substring(at);
    }

    private record Holder(String id, String name, String email) {
    }

    private static Optional<Holder> holder(Connection c, Changed x) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id, name, email FROM \"user\" "
                + "WHERE state = 'active' AND email = ? AND id <> ?")) {
            ps.setString(1, x.emailThen());
            ps.setString(2, x.userId());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Holder(rs.getString(1), rs.getString(2), rs.getString(3)))
                        : Optional.empty();
            }
        }
    }

    private static void giveSubAddress(Connection c, Holder h, Changed x) throws SQLException {
        String sub = subAddress(h.email(), h.name());
        update(c, "UPDATE \"user\" SET email = ? WHERE id = ?", sub, h.id());
        update(c, "INSERT INTO ferry.ckan_shared_email (user_id, email_then, email_now, kept_by) VALUES (?, ?, ?, ?) "
                + "ON CONFLICT (user_id) DO UPDATE SET email_then = EXCLUDED.email_then, email_now = EXCLUDED.email_now, "
                + "kept_by = EXCLUDED.kept_by, changed_at = now(), restored_at = NULL", h.id(), h.email(), sub, x.userId());
    }

    private static void update(Connection c, String sql, String... values) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                ps.setString(i + 1, values[i]);
            }
            ps.executeUpdate();
        }
    }

    private static boolean uniqueIndexPresent(Connection c) throws SQLException {
        return ask(c, "SELECT to_regclass('idx_only_one_active_email') IS NOT NULL");
    }

    private static boolean recorded(Connection c) throws SQLException {
        return ask(c, "SELECT to_regclass('ferry.ckan_shared_email') IS NOT NULL");
    }

    private static boolean ask(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getBoolean(1);
        }
    }
}
