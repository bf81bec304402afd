package io.ferry.ckan.generate;

/**
 * The harvest tables: sources of every type data.gov.uk ran (gemini-single, gemini-csw, gemini-waf,
 * data_json, dkan), each owned by a publisher, with jobs, the objects each job fetched (older
 * objects of a dataset superseded by newer ones, a few failed objects without a dataset), object
 * extras, gather and object errors, and DGU's coupled resources. In the {@link HarvestShape#PRE_V2}
 * shape only the leading columns the old tables have are written, and the tables they lack are
 * skipped.
 */
final class HarvestWriter {
    private static final String[] SOURCE = Tables.columns("id", "url", "description", "config", "created", "type",
            "active", "user_id", "publisher_id", "title", "frequency", "next_run", "name");
    private static final String[] JOB = Tables.columns("id", "created", "gather_started", "gather_finished",
            "source_id", "status", "finished");
    private static final String[] OBJECT = Tables.columns("id", "guid", "gathered", "fetch_started", "content",
            "fetch_finished", "metadata_modified_date", "retry_times", "harvest_job_id", "package_id", "current",
            "harvest_source_id", "harvest_source_reference", "import_started", "import_finished", "state",
            "report_status");
    private static final String[] OBJECT_EXTRA = Tables.columns("id", "harvest_object_id", "key", "value");
    private static final String[] GATHER_ERROR = Tables.columns("id", "harvest_job_id", "message", "created");
    private static final String[] OBJECT_ERROR = Tables.columns("id", "harvest_object_id", "message", "stage",
            "created", "line");
    private static final String[] COUPLED = Tables.columns("id", "service_record_package_id",
            "harvest_source_reference", "dataset_record_package_id");
    private static final String[] FREQUENCIES = {"MANUAL", "WEEKLY", "DAILY", "MONTHLY"};

    private HarvestWriter() {
    }

    static void write(Catalog c, Tables tables) {
        boolean old = c.harvestShape == HarvestShape.PRE_V2;
        tables.copy("harvest_source", old ? 9 : SOURCE.length, SOURCE, out -> {
            for (int s = 0; s < c.sources; s++) {
                source(c, s, out);
                out.end();
            }
        });
        tables.copy("harvest_job", old ? 6 : JOB.length, JOB, out -> {
            for (int s = 0; s < c.sources; s++) {
                for (int j = 0; j < c.sourceJobs[s]; j++) {
                    long created = jobTime(c, s, j);
                    boolean running = j == c.sourceJobs[s] - 1 && s % 10 == 3;
                    out.text(c.jobId(s, j)).time(created).time(created + 60).time(created + 900)
                            .text(c.sourceId(s)).text(running ? "Running" : "Finished");
                    if (running) {
                        out.nul();
                    } else {
                        out.time(created + 3600);
                    }
                    out.end();
                }
            }
        });
        tables.copy("harvest_object", old ? 10 : OBJECT.length, OBJECT, out -> {
            forEachObject(c, (d, k) -> {
                long gathered = d.revisionTimes[Math.min(k, d.revisions() - 1)] - 600;
                String guid = d.guid(c);
                out.text(d.harvestObjectId(c, k)).text(guid).time(gathered).time(gathered + 5)
                        .text(content(c, d)).time(gathered + 7).time(gathered - Catalog.DAY).number(0)
                        .text(c.jobId(d.source, d.harvestJob(c, k))).text(d.id).bool(k == d.harvestObjects - 1)
                        .text(c.sourceId(d.source)).text(guid).time(gathered + 10).time(gathered + 12)
                        .text("COMPLETE").text(k == 0 ? "added" : "updated");
                out.end();
            });
            forEachFailedObject(c, (s, j) -> {
                long gathered = jobTime(c, s, j) + 120;
                out.text(failedObjectId(c, s, j)).text(Ids.uuid(c.seed, Ids.MISC, Ids.child(Ids.child(s, j, 8), 0, 3)))
                        .time(gathered).time(gathered + 5).text(null).time(gathered + 7).nul().number(1)
                        .text(c.jobId(s, j)).nul().bool(false).text(c.sourceId(s)).nul().nul().nul().text("ERROR")
                        .text("errored");
                out.end();
            });
        });
        if (!old) {
            tables.copy("harvest_object_extra", OBJECT_EXTRA, out -> forEachObject(c, (d, k) -> {
                out.text(Ids.uuid(c.seed, Ids.HARVEST_OBJECT_EXTRA, Ids.child(d.index, k, 3)))
                        .text(d.harvestObjectId(c, k)).text("status").text(k == 0 ? "new" : "change");
                out.end();
            }));
        }
        tables.copy("harvest_gather_error", GATHER_ERROR, out -> {
            for (int s = 0; s < c.sources; s++) {
                for (int j = 0; j < c.sourceJobs[s]; j++) {
                    if ((Rng.mix(c.seed ^ Ids.child(s, j, 8) ^ 0x9a7L) % 10) == 0) {
                        out.text(Ids.uuid(c.seed, Ids.HARVEST_ERROR, Ids.child(Ids.child(s, j, 8), 0, 1)))
                                .text(c.jobId(s, j)).text("Unable to get content for URL: " + sourceUrl(c, s)
                                        + ": HTTP Error 500: Internal Server Error").time(jobTime(c, s, j) + 60);
                        out.end();
                    }
                }
            }
        });
        tables.copy("harvest_object_error", old ? 5 : OBJECT_ERROR.length, OBJECT_ERROR, out ->
                forEachFailedObject(c, (s, j) -> {
                    out.text(Ids.uuid(c.seed, Ids.HARVEST_ERROR, Ids.child(Ids.child(s, j, 8), 1, 1)))
                            .text(failedObjectId(c, s, j))
                            .text("Validation error: Element '{http://www.isotc211.org/2005/gmd}MD_Metadata': "
                                    + "Missing child element(s).")
                            .text("Import").time(jobTime(c, s, j) + 130).nul();
                    out.end();
                }));
        if (!old) {
            tables.copy("harvest_coupled_resource", COUPLED, out -> forEachObject(c, (d, k) -> {
                if (k == d.harvestObjects - 1 && c.sourceType(d.source).equals("gemini-csw") && d.index % 9 == 0) {
                    out.text(Ids.uuid(c.seed, Ids.MISC, Ids.child(d.index, 6, 3))).text(d.id).text(d.guid(c))
                            .text(c.packageId((d.index + 1) % c.datasets));
                    out.end();
                }
            }));
        }
    }

    private static void source(Catalog c, int s, CopyStream out) {
        Rng r = new Rng(c.seed, Ids.HARVEST_SOURCE, s, 2);
        int p = c.sourcePublisher[s];
        String type = c.sourceType(s);
        String title = Words.publisherTitle(p) + " " + switch (type) {
            case "gemini-single" -> "metadata record";
            case "gemini-csw" -> "CSW server";
            case "gemini-waf" -> "web accessible folder";
            case "data_json" -> "data.json catalogue";
            default -> "DKAN site";
        };
        int admin = c.staffCount(p) > 0 ? c.staffStart[p] : Catalog.SITE_USER;
        out.text(c.sourceId(s)).text(sourceUrl(c, s)).text(r.chance(0.5) ? "Harvested from " + title : null)
                .text(type.startsWith("gemini") && r.chance(0.4) ? "{\"default_tags\": [\"inspire\"]}" : null)
                .time(c.publisherCreated(p) + 30 * Catalog.DAY).text(type)
                .bool(s == c.sources - 1 || r.chance(0.9)).text(c.userId(admin)).text(c.publisherId(p))
                .text(title).text(r.pick(FREQUENCIES)).nul().text(Words.slug(title, 90) + "-" + s);
    }

    private static String sourceUrl(Catalog c, int s) {
        String host = "https://data." + c.publisherName(c.sourcePublisher[s]) + ".example.gov.uk";
        return switch (c.sourceType(s)) {
            case "gemini-single" -> host + "/metadata/record-" + s + ".xml";
            case "gemini-csw" -> host + "/geonetwork/srv/en/csw";
            case "gemini-waf" -> host + "/waf/";
            case "data_json" -> host + "/data.json";
            default -> host; // DKAN sites were registered by their root; data.json is appended later
        };
    }

    private static long jobTime(Catalog c, int s, int j) {
        return Catalog.END - (long) (c.sourceJobs[s] - j) * 30 * Catalog.DAY + (s % 24) * 3600L;
    }

    private static String content(Catalog c, Dataset d) {
        String type = c.sourceType(d.source);
        if (type.startsWith("gemini")) {
            return "<gmd:MD_Metadata xmlns:gmd=\"http://www.isotc211.org/2005/gmd\"><gmd:fileIdentifier>"
                    + d.guid(c) + "</gmd:fileIdentifier><title>" + d.title.replace("&", "&amp;")
                    + "</title></gmd:MD_Metadata>";
        }
        return "{\"identifier\": \"" + d.guid(c) + "\", \"title\": " + Words.json(d.title) + "}";
    }

    private static String failedObjectId(Catalog c, int s, int j) {
        return Ids.uuid(c.seed, Ids.HARVEST_OBJECT, -1L - Ids.child(s, j, 8));
    }

    private interface ObjectVisitor {
        void visit(Dataset d, int k);
    }

    private interface JobVisitor {
        void visit(int source, int job);
    }

    private static void forEachObject(Catalog c, ObjectVisitor visitor) {
        for (int i = 0; i < c.datasets; i++) {
            Dataset d = c.dataset(i);
            for (int k = 0; k < d.harvestObjects; k++) {
                visitor.visit(d, k);
            }
        }
    }

    /** About a quarter of the jobs fetched one record that failed to import. */
    private static void forEachFailedObject(Catalog c, JobVisitor visitor) {
        for (int s = 0; s < c.sources; s++) {
            for (int j = 0; j < c.sourceJobs[s]; j++) {
                if ((Rng.mix(c.seed ^ Ids.child(s, j, 8)) & 3) == 0) {
                    visitor.visit(s, j);
                }
            }
        }
    }
}
