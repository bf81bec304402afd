package io.ferry.ckan.generate;

/**
 * {@code revision}, {@code package} and {@code package_revision}. Every dataset has at least one
 * revision; its live row points at the newest, and its revision rows chain by period
 * (revision_timestamp to expired_timestamp, the newest open until 9999-12-31 and current).
 */
final class DatasetWriter {
    private static final String[] REVISION = Tables.columns("id", "\"timestamp\"", "author", "message", "state");
    private static final String[] PACKAGE = Tables.columns("id", "name", "title", "version", "url", "notes", "author",
            "author_email", "maintainer", "maintainer_email", "revision_id", "state", "license_id", "type",
            "owner_org", "private", "metadata_modified", "creator_user_id");
    private static final String[] PACKAGE_REVISION = Tables.columns("id", "name", "title", "version", "url", "notes",
            "author", "author_email", "maintainer", "maintainer_email", "revision_id", "state", "continuity_id",
            "license_id", "expired_id", "revision_timestamp", "expired_timestamp", "current", "type", "owner_org",
            "private", "metadata_modified", "creator_user_id");
    static final String OPEN_END = "9999-12-31 00:00:00";

    private DatasetWriter() {
    }

    static void write(Catalog c, Tables tables) {
        tables.copy("revision", REVISION, out -> {
            for (int g = 0; g < c.publishers + c.groups; g++) {
                out.text(c.groupRevisionId(g)).time(c.publisherCreated(g)).text(c.userName(Catalog.SITE_USER))
                        .text(g < c.publishers ? "Created organization" : "Created group").text("active");
                out.end();
            }
            out.text(LegacyWriter.systemRevisionId(c)).time(Catalog.START).text(c.userName(Catalog.SUPPORT_USER))
                    .text("Site settings").text("active");
            out.end();
            for (int i = 0; i < c.datasets; i++) {
                Dataset d = c.dataset(i);
                for (int j = 0; j < d.revisions(); j++) {
                    out.text(c.datasetRevisionId(i, j)).time(d.revisionTimes[j]).text(c.userName(d.author(c, j)))
                            .text(message(d, j)).text("active");
                    out.end();
                }
            }
        });
        tables.copy("package", PACKAGE, out -> {
            for (int i = 0; i < c.datasets; i++) {
                Dataset d = c.dataset(i);
                Content text = new Content(c, d);
                out.text(d.id).text(d.name).text(d.title).text(text.version).text(text.url).text(text.notes).nul()
                        .nul().text(text.maintainer).text(text.maintainerEmail)
                        .text(c.datasetRevisionId(i, d.revisions() - 1)).text(d.state).text(text.license)
                        .text("dataset").text(c.publisherId(d.publisher)).bool(d.isPrivate).time(d.modified())
                        .text(c.userId(d.creator));
                out.end();
            }
        });
        tables.copy("package_revision", PACKAGE_REVISION, out -> {
            for (int i = 0; i < c.datasets; i++) {
                Dataset d = c.dataset(i);
                Content text = new Content(c, d);
                int last = d.revisions() - 1;
                for (int j = 0; j <= last; j++) {
                    // A deleted dataset was active until its last revision deleted it.
                    String state = j < last && d.state.equals("deleted") ? "active" : d.state;
                    out.text(d.id).text(d.name).text(d.title).text(text.version).text(text.url).text(text.notes)
                            .nul().nul().text(text.maintainer).text(text.maintainerEmail)
                            .text(c.datasetRevisionId(i, j)).text(state).text(d.id).text(text.license).nul()
                            .time(d.revisionTimes[j]);
                    if (j < last) {
                        out.time(d.revisionTimes[j + 1]);
                    } else {
                        out.text(OPEN_END);
                    }
                    out.bool(j == last).text("dataset").text(c.publisherId(d.publisher)).bool(d.isPrivate)
                            .time(d.revisionTimes[j]).text(c.userId(d.creator));
                    out.end();
                }
            }
        });
    }

    private static String message(Dataset d, int j) {
        if (d.source >= 0) {
            return j == 0 ? "REST API: Create object " + d.name : "REST API: Update object " + d.name;
        }
        return j == 0 ? "Created dataset" : j == d.revisions() - 1 && d.state.equals("deleted")
                ? "Deleted dataset" : "Edited dataset";
    }

    /** A dataset's free text, the same in its live row and every revision row. */
    private static final class Content {
        final String notes;
        final String url;
        final String version;
        final String maintainer;
        final String maintainerEmail;
        final String license;

        Content(Catalog c, Dataset d) {
            Rng r = new Rng(c.seed, Ids.PACKAGE, d.index, 7);
            StringBuilder b = new StringBuilder(d.title).append(" published by ")
                    .append(Words.publisherTitle(d.publisher)).append('.');
            if (r.chance(0.6)) {
                b.append("\n\nThe data is updated ").append(r.pick(Words.FREQUENCIES))
                        .append(" and covers items over £500.\n* Source: finance system\n* Contact: see below");
            }
            if (r.chance(0.02)) {
                b.append("\n\nColumns:\tdate\tamount\tsupplier");
            }
            if (r.chance(0.01)) {
                b.append("\r\nFiles were kept at C:\\data\\exports and \\\\server\\share; \\N is not a null here.");
            }
            notes = r.chance(0.03) ? null : b.toString();
            url = r.chance(0.3) ? "https://www." + c.publisherName(d.publisher) + ".example.gov.uk/data" : null;
            version = r.chance(0.05) ? "1." + r.nextInt(5) : null;
            maintainer = r.chance(0.2) ? "Data team, " + Words.publisherTitle(d.publisher) : null;
            maintainerEmail = maintainer == null ? null : "data@" + c.publisherName(d.publisher) + ".example.gov.uk";
            license = r.chance(0.05) ? null : r.pick(Words.LICENCES);
        }
    }
}
