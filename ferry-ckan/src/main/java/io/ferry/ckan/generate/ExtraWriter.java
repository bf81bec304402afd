package io.ferry.ckan.generate;

import java.util.Locale;

/**
 * {@code package_extra} and {@code package_extra_revision} with the keys data.gov.uk's dataset form
 * wrote: theme-primary as a label (mostly one of the twelve themes, a few other values), JSON lists
 * in theme-secondary, mandate, schema and codelist, the contact and FOI details, dates and
 * coverage, harvest provenance (import_source, UKLP, harvest_object_id, guid), and the resource
 * lists (individual_resources, additional_resources, timeseries_resources) the new site dropped.
 */
final class ExtraWriter {
    static final String[] KEYS = {
        "theme-primary", "theme-secondary", "date_released", "date_updated", "update_frequency",
        "geographic_coverage", "temporal_coverage-from", "temporal_coverage-to", "contact-name", "contact-email",
        "contact-phone", "foi-name", "foi-email", "foi-phone", "foi-web", "mandate", "schema", "codelist",
        "licence", "unpublished", "core-dataset", "import_source", "UKLP", "harvest_object_id", "guid",
        "individual_resources", "additional_resources", "timeseries_resources"
    };
    private static final String[] EXTRA = Tables.columns("id", "key", "value", "revision_id", "state", "package_id");
    private static final String[] EXTRA_REVISION = Tables.columns("id", "key", "value", "revision_id", "state",
            "package_id", "continuity_id", "revision_timestamp", "expired_timestamp", "current");

    private ExtraWriter() {
    }

    static void write(Catalog c, Tables tables) {
        tables.copy("package_extra", EXTRA, out -> {
            for (int i = 0; i < c.datasets; i++) {
                Dataset d = c.dataset(i);
                String[] values = values(c, d);
                for (int k = 0; k < KEYS.length; k++) {
                    if (values[k] != null) {
                        out.text(id(c, i, k)).text(KEYS[k]).text(values[k]).text(c.datasetRevisionId(i, 0))
                                .text(state(c, i, k)).text(d.id);
                        out.end();
                    }
                }
            }
        });
        tables.copy("package_extra_revision", EXTRA_REVISION, out -> {
            for (int i = 0; i < c.datasets; i++) {
                Dataset d = c.dataset(i);
                String[] values = values(c, d);
                for (int k = 0; k < KEYS.length; k++) {
                    if (values[k] != null) {
                        String id = id(c, i, k);
                        out.text(id).text(KEYS[k]).text(values[k]).text(c.datasetRevisionId(i, 0))
                                .text(state(c, i, k)).text(d.id).text(id).time(d.created())
                                .text(DatasetWriter.OPEN_END).bool(true);
                        out.end();
                    }
                }
            }
        });
    }

    private static String id(Catalog c, int i, int k) {
        return Ids.uuid(c.seed, Ids.EXTRA, Ids.child(i, k, 6));
    }

    /** A few extras were deleted in the form and kept as deleted rows. */
    private static String state(Catalog c, int i, int k) {
        return (Rng.mix(c.seed ^ Ids.child(i, k, 6)) & 63) == 0 ? "deleted" : "active";
    }

    /** Dataset {@code d}'s value for each of {@link #KEYS}, null where it has none. */
    static String[] values(Catalog c, Dataset d) {
        Rng r = new Rng(c.seed, Ids.EXTRA, d.index);
        String[] v = new String[KEYS.length];
        double theme = r.nextDouble();
        v[0] = theme < 0.82 ? r.pick(Words.THEMES) : theme < 0.85 ? "" : theme < 0.87 ? "Research" : null;
        v[1] = r.chance(0.3) ? "[" + Words.json(r.pick(Words.THEMES)) + ", " + Words.json(r.pick(Words.THEMES)) + "]" : null;
        v[2] = r.chance(0.6) ? date(d.created()) : null;
        v[3] = d.revisions() > 1 && r.chance(0.6) ? date(d.modified()) : null;
        v[4] = r.chance(0.7) ? r.pick(Words.FREQUENCIES) : null;
        v[5] = r.chance(0.6) ? r.pick(Words.COVERAGE) : null;
        if (r.chance(0.5)) {
            int year = 2005 + r.nextInt(11);
            v[6] = year + "-04-01";
            v[7] = (year + 1) + "-03-31";
        }
        boolean contact = r.chance(0.5);
        v[8] = contact ? "Data team" : null;
        v[9] = contact ? "data@" + c.publisherName(d.publisher) + ".example.gov.uk" : null;
        v[10] = contact && r.chance(0.4) ? "0300 123 " + String.format(Locale.ROOT, "%04d", r.nextInt(10000)) : null;
        boolean foi = r.chance(0.3);
        v[11] = foi ? "FOI officer" : null;
        v[12] = foi ? "foi@" + c.publisherName(d.publisher) + ".example.gov.uk" : null;
        v[13] = foi && r.chance(0.3) ? "0300 456 7890" : null;
        v[14] = foi && r.chance(0.3) ? "https://www." + c.publisherName(d.publisher) + ".example.gov.uk/foi" : null;
        v[15] = r.chance(0.1) ? "[\"https://www.legislation.gov.uk/ukpga/2000/36\"]" : null;
        if (d.organogram != Dataset.NOT_ORGANOGRAM) {
            v[16] = "[\"" + (d.organogram == Dataset.DEPARTMENTAL
                    ? Words.ORGANOGRAM_DEPARTMENTAL : Words.ORGANOGRAM_LOCAL_AUTHORITY) + "\"]";
        } else if (r.chance(0.03)) {
            v[16] = "[\"" + Ids.uuid(c.seed, Ids.MISC, 1000 + r.nextInt(20)) + "\"]";
        }
        v[17] = r.chance(0.02) ? "[\"" + Ids.uuid(c.seed, Ids.MISC, 2000 + r.nextInt(20)) + "\"]" : null;
        v[18] = r.chance(0.1) ? "Open Government Licence" : null;
        v[19] = r.chance(0.05) ? (r.chance(0.5) ? "true" : "false") : null;
        v[20] = r.chance(0.02) ? "true" : null;
        boolean gemini = d.source >= 0 && c.sourceType(d.source).startsWith("gemini");
        v[21] = d.source >= 0 ? "harvest" : d.organogram != Dataset.NOT_ORGANOGRAM ? "organograms_v2"
                : r.chance(0.1) ? "COSPREAD" : null;
        v[22] = gemini ? "True" : null;
        v[23] = d.source >= 0 ? d.harvestObjectId(c, d.harvestObjects - 1) : null;
        v[24] = d.source >= 0 ? d.guid(c) : null;
        v[25] = r.chance(0.15) ? "[{\"url\": \"https://www.example.gov.uk/file.csv\", \"description\": \"Data\"}]" : null;
        v[26] = r.chance(0.1) ? "[{\"url\": \"https://www.example.gov.uk/guide.pdf\", \"description\": \"Guide\"}]" : null;
        v[27] = r.chance(0.05) ? "[{\"url\": \"https://www.example.gov.uk/2014.csv\", \"date\": \"2014\"}]" : null;
        return v;
    }

    private static String date(long epochSeconds) {
        return java.time.LocalDate.ofEpochDay(Math.floorDiv(epochSeconds, Catalog.DAY)).toString();
    }
}
