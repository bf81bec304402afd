package io.ferry.ckan.generate;

/**
 * Publishers (organizations: {@code "group"} rows with is_organization) and the few thematic groups,
 * their revisions, and the publishers' extras with the keys data.gov.uk kept there (contact and FOI
 * details, category, abbreviation, closed, replaced_by).
 */
final class GroupWriter {
    private static final String[] GROUP = Tables.columns("id", "name", "title", "description", "created", "state",
            "revision_id", "type", "approval_status", "image_url", "is_organization");
    private static final String[] GROUP_REVISION = Tables.columns("id", "name", "title", "description", "created",
            "state", "revision_id", "continuity_id", "revision_timestamp", "expired_timestamp", "current", "type",
            "approval_status", "image_url", "is_organization");
    private static final String[] EXTRA = Tables.columns("id", "group_id", "key", "value", "state", "revision_id");
    private static final String[] EXTRA_REVISION = Tables.columns("id", "group_id", "key", "value", "state",
            "revision_id", "continuity_id", "revision_timestamp", "expired_timestamp", "current");
    private static final String[] EXTRA_KEYS = {"contact-name", "contact-email", "foi-name", "foi-email", "category",
        "abbreviation", "closed", "replaced_by"};

    private GroupWriter() {
    }

    static void write(Catalog c, Tables tables) {
        tables.copy("\"group\"", GROUP, out -> forEach(c, (g, revision) -> {
            group(c, g, out);
            out.end();
        }));
        tables.copy("group_revision", GROUP_REVISION, out -> forEach(c, (g, revision) -> {
            group(c, g, out);
            out.end();
        }));
        tables.copy("group_extra", EXTRA, out -> {
            for (int p = 0; p < c.publishers; p++) {
                for (int k = 0; k < EXTRA_KEYS.length; k++) {
                    String value = extra(c, p, k);
                    if (value != null) {
                        out.text(extraId(c, p, k)).text(c.publisherId(p)).text(EXTRA_KEYS[k]).text(value)
                                .text("active").text(c.groupRevisionId(p));
                        out.end();
                    }
                }
            }
        });
        tables.copy("group_extra_revision", EXTRA_REVISION, out -> {
            for (int p = 0; p < c.publishers; p++) {
                for (int k = 0; k < EXTRA_KEYS.length; k++) {
                    String value = extra(c, p, k);
                    if (value != null) {
                        String id = extraId(c, p, k);
                        out.text(id).text(c.publisherId(p)).text(EXTRA_KEYS[k]).text(value).text("active")
                                .text(c.groupRevisionId(p)).text(id).time(c.publisherCreated(p))
                                .text("9999-12-31 00:00:00").bool(true);
                        out.end();
                    }
                }
            }
        });
    }

    private interface GroupVisitor {
        void visit(int g, String revisionId);
    }

    /** Publishers are groups 0..publishers-1, thematic groups follow. */
    private static void forEach(Catalog c, GroupVisitor visitor) {
        for (int g = 0; g < c.publishers + c.groups; g++) {
            visitor.visit(g, c.groupRevisionId(g));
        }
    }

    /**
     * The group's columns; a group_revision row additionally gets continuity, period and current in
     * the middle, written here when the stream has that many columns.
     */
    private static void group(Catalog c, int g, CopyStream out) {
        boolean publisher = g < c.publishers;
        String id = publisher ? c.publisherId(g) : c.groupId(g - c.publishers);
        String title = publisher ? Words.publisherTitle(g) : "Open data: " + Words.TAG_WORDS[g % Words.TAG_WORDS.length]
                + (g - c.publishers >= Words.TAG_WORDS.length ? " " + (g - c.publishers) : "");
        long created = c.publisherCreated(g);
        boolean deleted = publisher && g >= c.dataPublishers && new Rng(c.seed, Ids.PUBLISHER, g, 3).chance(0.03);
        out.text(id).text(publisher ? c.publisherName(g) : Words.slug(title, 100)).text(title)
                .text(publisher ? title + " publishes its data here." : "Datasets about " + title.substring(11) + ".")
                .time(created).text(deleted ? "deleted" : "active").text(c.groupRevisionId(g));
        if (out.columns() > GROUP.length) {
            out.text(id).time(created).text("9999-12-31 00:00:00").bool(true);
        }
        out.text(publisher ? "organization" : "group").text("approved").text(null).bool(publisher);
    }

    private static String extraId(Catalog c, int p, int k) {
        return Ids.uuid(c.seed, Ids.GROUP_EXTRA, Ids.child(p, k, 4));
    }

    /** Publisher {@code p}'s value for EXTRA_KEYS[k], or null when it has none. */
    private static String extra(Catalog c, int p, int k) {
        Rng r = new Rng(c.seed, Ids.GROUP_EXTRA, p, k);
        String name = c.publisherName(p);
        return switch (k) {
            case 0 -> r.chance(0.7) ? "Data team" : null;
            case 1 -> r.chance(0.7) ? "data@" + name + ".example.gov.uk" : null;
            case 2 -> r.chance(0.4) ? "FOI officer" : null;
            case 3 -> r.chance(0.4) ? "foi@" + name + ".example.gov.uk" : null;
            case 4 -> p < Words.DEPARTMENTS.length ? Words.CATEGORIES[p % 3] : Words.CATEGORIES[3 + r.nextInt(5)];
            case 5 -> r.chance(0.5) ? abbreviation(Words.publisherTitle(p)) : null;
            case 6 -> r.chance(0.05) ? "true" : null;
            default -> p > 0 && r.chance(0.01) ? c.publisherName(p - 1) : null;
        };
    }

    private static String abbreviation(String title) {
        StringBuilder b = new StringBuilder();
        for (String word : title.split("[ ,]+")) {
            if (!word.isEmpty() && Character.isUpperCase(word.charAt(0))) {
                b.append(word.charAt(0));
            }
        }
        return b.toString();
    }
}
