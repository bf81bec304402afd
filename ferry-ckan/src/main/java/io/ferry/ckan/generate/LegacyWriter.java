package io.ferry.ckan.generate;

/**
 * What an old CKAN 2.2 site still carried that CKAN 2.8 no longer has or rarely sees: related items
 * and their datasets, the old authorization model's role rows (system roles for sysadmins, package
 * and group roles for early objects), and the site settings in {@code system_info}.
 */
final class LegacyWriter {
    private static final String[] RELATED = Tables.columns("id", "type", "title", "description", "image_url", "url",
            "created", "owner_id", "view_count", "featured");
    private static final String[] RELATED_DATASET = Tables.columns("id", "dataset_id", "related_id", "status");
    private static final String[] ROLE = Tables.columns("id", "user_id", "context", "role");
    private static final String[] SYSTEM_INFO = Tables.columns("id", "key", "value", "revision_id");
    private static final String[] SYSTEM_INFO_REVISION = Tables.columns("id", "key", "value", "revision_id",
            "continuity_id");
    private static final String[][] SETTINGS = {
        {"ckan.site_title", "data.gov.uk"},
        {"ckan.site_description", "Opening up government"},
        {"ckan.site_about", "Find data published by central government,\nlocal authorities and public bodies."}
    };

    private LegacyWriter() {
    }

    static String systemRevisionId(Catalog c) {
        return Ids.uuid(c.seed, Ids.REVISION, Long.MIN_VALUE);
    }

    static int relatedItems(Catalog c) {
        return Math.max(2, c.datasets / 100);
    }

    /** Datasets with a package role from the old model (the earliest ones). */
    static int packageRoles(Catalog c) {
        return Math.min(c.datasets, 1 + c.datasets / 50);
    }

    /** Publishers with a group role from the old model. */
    static int groupRoles(Catalog c) {
        return Math.min(c.dataPublishers, 20);
    }

    static void write(Catalog c, Tables tables) {
        String[] types = {"App", "Idea", "Visualization", "News Article", "Paper"};
        tables.copy("related", RELATED, out -> {
            for (int k = 0; k < relatedItems(c); k++) {
                Rng r = new Rng(c.seed, Ids.MISC, k, 11);
                int owner = c.idleStart + r.nextInt(c.users - c.idleStart);
                out.text(relatedId(c, k)).text(types[k % types.length]).text("Spending explorer " + k)
                        .text("An app built on government data.").text(null)
                        .text("https://apps.example.org/" + k).time(Catalog.START + (long) r.nextInt(2000) * Catalog.DAY)
                        .text(c.userId(owner)).number(r.nextInt(5000)).number(r.chance(0.1) ? 1 : 0);
                out.end();
            }
        });
        tables.copy("related_dataset", RELATED_DATASET, out -> {
            for (int k = 0; k < relatedItems(c); k++) {
                out.text(Ids.uuid(c.seed, Ids.MISC, Ids.child(k, 2, 3))).text(c.packageId((int) ((k * 97L) % c.datasets)))
                        .text(relatedId(c, k)).text("approved");
                out.end();
            }
        });
        tables.copy("user_object_role", ROLE, out -> {
            for (int u = 0; u < Catalog.SYSADMINS; u++) {
                out.text(roleId(c, u, 3)).text(c.userId(u)).text("System").text("admin");
                out.end();
            }
            for (int i = 0; i < packageRoles(c); i++) {
                out.text(roleId(c, i, 4)).text(c.userId(c.dataset(i).creator)).text("Package").text("admin");
                out.end();
            }
            for (int p = 0; p < groupRoles(c); p++) {
                out.text(roleId(c, p, 6)).text(c.userId(c.staffStart[p])).text("Group").text("admin");
                out.end();
            }
        });
        tables.copy("system_role", Tables.columns("user_object_role_id"), out -> {
            for (int u = 0; u < Catalog.SYSADMINS; u++) {
                out.text(roleId(c, u, 3));
                out.end();
            }
        });
        tables.copy("package_role", Tables.columns("user_object_role_id", "package_id"), out -> {
            for (int i = 0; i < packageRoles(c); i++) {
                out.text(roleId(c, i, 4)).text(c.packageId(i));
                out.end();
            }
        });
        tables.copy("group_role", Tables.columns("user_object_role_id", "group_id"), out -> {
            for (int p = 0; p < groupRoles(c); p++) {
                out.text(roleId(c, p, 6)).text(c.publisherId(p));
                out.end();
            }
        });
        tables.copy("system_info", SYSTEM_INFO, out -> {
            for (int k = 0; k < SETTINGS.length; k++) {
                out.number(k + 1).text(SETTINGS[k][0]).text(SETTINGS[k][1]).text(systemRevisionId(c));
                out.end();
            }
        });
        tables.copy("system_info_revision", SYSTEM_INFO_REVISION, out -> {
            for (int k = 0; k < SETTINGS.length; k++) {
                out.number(k + 1).text(SETTINGS[k][0]).text(SETTINGS[k][1]).text(systemRevisionId(c)).number(k + 1);
                out.end();
            }
        });
    }

    /** Rows copied into system_info with explicit ids: the serial's sequence must continue after them. */
    static String systemInfoSequenceFix() {
        return "SELECT setval(pg_get_serial_sequence('system_info', 'id'), " + SETTINGS.length + ")";
    }

    private static String relatedId(Catalog c, int k) {
        return Ids.uuid(c.seed, Ids.MISC, Ids.child(k, 1, 3));
    }

    private static String roleId(Catalog c, long owner, int kind) {
        return Ids.uuid(c.seed, Ids.MISC, Ids.child(owner, kind, 3));
    }
}
