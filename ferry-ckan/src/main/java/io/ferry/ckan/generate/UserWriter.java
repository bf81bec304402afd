package io.ferry.ckan.generate;

/**
 * The {@code "user"} table: sysadmins (the {@code 2ndline} support account, the site user, one
 * without a full name), publishers' admins and editors, and users who publish nothing, with the
 * traps data.gov.uk's conversion had to live with, on purpose and at a small rate:
 * <ul>
 *   <li>users without a full name (a sysadmin, a publisher's admin, some others);</li>
 *   <li>a user whose {@code sysadmin} is NULL rather than false;</li>
 *   <li>pairs of publishing users with the same full name, which collide once names are replaced by
 *       full names: in even pairs the second user is deleted, in odd pairs both are active.</li>
 * </ul>
 * Legacy names are {@code user_d<Drupal uid>}, and the full name is the Drupal user name.
 */
final class UserWriter {
    private static final String[] COLUMNS = Tables.columns("id", "name", "apikey", "created", "about", "openid",
            "password", "fullname", "email", "reset_key", "sysadmin", "activity_streams_email_notifications", "state");

    private UserWriter() {
    }

    static void write(Catalog c, Tables tables) {
        tables.copy("\"user\"", COLUMNS, out -> {
            for (int u = 0; u < c.users; u++) {
                row(c, u, out);
            }
        });
    }

    /** The Drupal user name of user {@code u}, or null for the users who have none. */
    static String fullname(Catalog c, int u) {
        if (u == Catalog.SUPPORT_USER) {
            return "2ndline";
        }
        if (u == Catalog.SITE_USER || u == Catalog.NAMELESS_SYSADMIN || u == c.idleStart + 1
                || u == c.staffStart[c.dataPublishers - 1]) {
            return null;
        }
        if (u >= c.trapStart && u < c.idleStart) {
            int pair = (u - c.trapStart) / 2;
            return Words.FIRST[pair % Words.FIRST.length] + "." + Words.LAST[pair % Words.LAST.length] + "-shared" + pair;
        }
        Rng r = new Rng(c.seed, Ids.USER, u);
        if (u >= c.staffStart[0] && r.chance(u >= c.idleStart ? 0.01 : 0.005)) {
            return null;
        }
        return r.pick(Words.FIRST) + "." + r.pick(Words.LAST) + u;
    }

    static String state(Catalog c, int u) {
        if (u >= c.trapStart && u < c.idleStart) {
            int offset = u - c.trapStart;
            return offset % 4 == 1 ? "deleted" : "active"; // the second user of each even pair
        }
        if (u < c.idleStart) {
            return "active";
        }
        double v = new Rng(c.seed, Ids.USER, u, 1).nextDouble();
        return v < 0.88 ? "active" : v < 0.94 ? "pending" : "deleted";
    }

    static Boolean sysadmin(Catalog c, int u) {
        if (u < Catalog.SYSADMINS) {
            return true;
        }
        if (u == c.idleStart || (u > c.idleStart && new Rng(c.seed, Ids.USER, u, 2).chance(0.003))) {
            return null;
        }
        return false;
    }

    private static void row(Catalog c, int u, CopyStream out) {
        Rng r = new Rng(c.seed, Ids.USER, u, 3);
        String fullname = fullname(c, u);
        String name = c.userName(u);
        boolean site = u == Catalog.SITE_USER;
        out.text(c.userId(u))
                .text(name)
                .text(Ids.uuid(c.seed, Ids.API_KEY, u))
                .time(Catalog.START - 400 * Catalog.DAY + (long) r.nextInt(2200) * Catalog.DAY + r.nextInt(86400))
                .text(r.chance(0.02) ? "Data manager.\nAsk me about our spending files." : null)
                .text(r.chance(0.01) ? "https://openid.example.org/" + name : null)
                .text(site ? null : "$pbkdf2-sha512$19000$" + r.hex(22) + "$" + r.hex(86))
                .text(fullname)
                .text(site ? null : (fullname == null ? name : fullname.replace(' ', '.')) + "@example.gov.uk")
                .nul()
                .bool(sysadmin(c, u))
                .bool(false)
                .text(state(c, u));
        out.end();
    }
}
