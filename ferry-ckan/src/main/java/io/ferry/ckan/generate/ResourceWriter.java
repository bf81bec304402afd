package io.ferry.ckan.generate;

import java.time.LocalDate;

/**
 * {@code resource_group} (one per dataset, as CKAN 2.2 always made it) and {@code resource}, both
 * with their revisions, and DGU's {@code data_cache} rows for some resources. Organogram datasets
 * carry senior and junior staff CSVs under data.gov.uk's files path, and the "Organogram viewer"
 * link the new site soft-deleted.
 */
final class ResourceWriter {
    /** Where data.gov.uk's Drupal kept uploaded organogram files. */
    static final String ORGANOGRAM_FILES = "https://data.gov.uk/sites/default/files/organogram/";

    private static final String[] GROUP = Tables.columns("id", "package_id", "label", "sort_order", "state",
            "revision_id");
    private static final String[] GROUP_REVISION = Tables.columns("id", "package_id", "label", "sort_order", "state",
            "revision_id", "continuity_id", "revision_timestamp", "expired_timestamp", "current");
    private static final String[] RESOURCE = Tables.columns("id", "url", "format", "description", "\"position\"",
            "revision_id", "hash", "state", "resource_group_id", "extras", "name", "resource_type", "mimetype", "size",
            "created", "url_type");
    private static final String[] RESOURCE_REVISION = Tables.columns("id", "url", "format", "description",
            "\"position\"", "revision_id", "hash", "state", "resource_group_id", "extras", "name", "resource_type",
            "mimetype", "size", "created", "url_type", "continuity_id", "revision_timestamp", "expired_timestamp",
            "current");
    private static final String[] DATA_CACHE = Tables.columns("id", "object_id", "key", "value", "created");

    private ResourceWriter() {
    }

    static void write(Catalog c, Tables tables) {
        tables.copy("resource_group", GROUP, out -> {
            for (int i = 0; i < c.datasets; i++) {
                Dataset d = c.dataset(i);
                out.text(groupId(c, i)).text(d.id).text("default").text("").text("active")
                        .text(c.datasetRevisionId(i, 0));
                out.end();
            }
        });
        tables.copy("resource_group_revision", GROUP_REVISION, out -> {
            for (int i = 0; i < c.datasets; i++) {
                Dataset d = c.dataset(i);
                out.text(groupId(c, i)).text(d.id).text("default").text("").text("active")
                        .text(c.datasetRevisionId(i, 0)).text(groupId(c, i)).time(d.created())
                        .text(DatasetWriter.OPEN_END).bool(true);
                out.end();
            }
        });
        tables.copy("resource", RESOURCE, out -> forEach(c, (d, r) -> {
            resource(c, d, r, out);
            out.end();
        }));
        tables.copy("resource_revision", RESOURCE_REVISION, out -> forEach(c, (d, r) -> {
            resource(c, d, r, out);
            String id = resourceId(c, d.index, r);
            out.text(id).time(d.revisionTimes[d.resourceRevision(c, r)]).text(DatasetWriter.OPEN_END).bool(true);
            out.end();
        }));
        tables.copy("data_cache", DATA_CACHE, out -> forEach(c, (d, r) -> {
            long number = Ids.child(d.index, r, 12);
            if ((Rng.mix(c.seed ^ number ^ 0xcac4eL) % 10) == 0) {
                out.text(Ids.uuid(c.seed, Ids.MISC, Ids.child(number, 5, 3))).text(resourceId(c, d.index, r))
                        .text("openness_score").text(String.valueOf(1 + (number % 5)))
                        .time(d.revisionTimes[d.resourceRevision(c, r)] + Catalog.DAY);
                out.end();
            }
        }));
    }

    private interface Visitor {
        void visit(Dataset d, int r);
    }

    private static void forEach(Catalog c, Visitor visitor) {
        for (int i = 0; i < c.datasets; i++) {
            Dataset d = c.dataset(i);
            for (int r = 0; r < d.resources; r++) {
                visitor.visit(d, r);
            }
        }
    }

    static String groupId(Catalog c, int i) {
        return Ids.uuid(c.seed, Ids.RESOURCE_GROUP, i);
    }

    static String resourceId(Catalog c, int i, int r) {
        return Ids.uuid(c.seed, Ids.RESOURCE, Ids.child(i, r, 12));
    }

    /**
     * Whether resource {@code r} of the dataset is one DataPusher would have loaded into the DataStore:
     * active, CSV or XLS. Re-derives the first draws {@link #resource} makes (state, then format).
     */
    static boolean tabular(Catalog c, Dataset d, int r) {
        Rng rng = new Rng(c.seed, Ids.RESOURCE, Ids.child(d.index, r, 12));
        if (rng.chance(0.03)) {
            return false;
        }
        if (d.organogram != Dataset.NOT_ORGANOGRAM) {
            return r != d.resources - 1;
        }
        String format = Words.FORMATS[rng.nextInt(Words.FORMATS.length)];
        return format.equals("CSV") || format.equals("XLS");
    }

    /** The resource's columns up to url_type, shared by the live and the revision row. */
    private static void resource(Catalog c, Dataset d, int r, CopyStream out) {
        Rng rng = new Rng(c.seed, Ids.RESOURCE, Ids.child(d.index, r, 12));
        int revision = d.resourceRevision(c, r);
        String url;
        String format;
        String mimetype;
        String description;
        String extras;
        String state = rng.chance(0.03) ? "deleted" : "active";
        if (d.organogram != Dataset.NOT_ORGANOGRAM) {
            LocalDate period = LocalDate.of(2012, 3, 31).plusMonths(6L * (r / 2));
            if (r == d.resources - 1) {
                url = "https://data.gov.uk/organogram/" + c.publisherName(d.publisher);
                format = "HTML";
                mimetype = "text/html";
                description = "Organogram viewer";
                state = "active";
            } else {
                String grade = r % 2 == 0 ? "senior" : "junior";
                url = ORGANOGRAM_FILES + c.publisherName(d.publisher) + "/" + period + "/" + period + "-organogram-"
                        + grade + ".csv";
                format = "CSV";
                mimetype = "text/csv";
                description = "Organogram (" + grade + " staff) " + period;
            }
            extras = "{\"datafile-date\": \"" + period + "\", \"resource-type\": \"file\"}";
        } else {
            int f = rng.nextInt(Words.FORMATS.length);
            format = Words.FORMATS[f];
            mimetype = Words.MIMETYPES[f];
            url = "https://www." + c.publisherName(d.publisher) + ".example.gov.uk/files/" + d.name + "-" + r
                    + (format.isEmpty() ? "" : "." + format.toLowerCase(java.util.Locale.ROOT));
            description = rng.chance(0.1) ? "" : d.title + (r > 0 ? " (part " + (r + 1) + ")" : "");
            extras = rng.chance(0.3) ? "{}" : "{\"datafile-date\": \"" + (2009 + rng.nextInt(8)) + "\", "
                    + "\"resource-type\": \"" + (rng.chance(0.8) ? "file" : "documentation") + "\"}";
        }
        out.text(resourceId(c, d.index, r)).text(url).text(format).text(description).number(r)
                .text(c.datasetRevisionId(d.index, revision)).text(rng.chance(0.4) ? rng.hex(40) : "").text(state)
                .text(groupId(c, d.index)).text(extras).text(rng.chance(0.5) ? null : description)
                .text(rng.chance(0.2) ? "file.upload" : null).text(mimetype);
        if (rng.chance(0.3)) {
            out.number(1000L + rng.nextInt(50_000_000));
        } else {
            out.nul();
        }
        out.time(d.revisionTimes[revision]).text(rng.chance(0.02) ? "upload" : null);
    }
}
