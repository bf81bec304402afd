package io.ferry.plan;

import io.ferry.cli.Database;
import io.ferry.connect.CkanIni;
import io.ferry.connect.ConnectionSpec;
import io.ferry.connect.Environment;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The plan's connections, opened on first use and kept for the run: {@code embedded:NAME} starts (or
 * attaches to) Ferry's embedded server once, and {@code ckan_ini:PATH} reads the site's CKAN config
 * (its sqlalchemy.url is the database; steps take its Solr, site id and plugins from the plan's context).
 */
final class Connections implements AutoCloseable {
    private final Map<String, String> texts;
    private final Environment env;
    private final Map<String, Database> open = new HashMap<>();
    private final List<Database> order = new ArrayList<>();

    Connections(Map<String, String> texts, Environment env) {
        this.texts = texts;
        this.env = env;
    }

    synchronized ConnectionSpec spec(String name) {
        Database db = open.get(name);
        if (db == null) {
            String text = texts.get(name);
            if (text == null) {
                throw new IllegalArgumentException("no connection " + name);
            }
            db = text.startsWith(PlanReader.CKAN_INI)
                    ? Database.resolve(null, Path.of(text.substring(PlanReader.CKAN_INI.length())), env)
                    : Database.resolve(text, null, env);
            open.put(name, db);
            order.add(db);
        }
        return db.spec();
    }

    /** How messages show a connection, without opening it (and never with a password). */
    String display(String name) {
        String text = texts.get(name);
        if (text.startsWith(PlanReader.EMBEDDED) || text.startsWith(PlanReader.CKAN_INI)) {
            return text;
        }
        return new io.ferry.connect.ConnectionParser(env).parse(text).display();
    }

    /**
     * For a {@code ckan_ini:} connection, what the plan takes from the site's config (database, Solr,
     * site id, DataStore, plugins), one line per setting with where it came from; passwords as ***.
     */
    List<String> siteSettings(String name) {
        String text = texts.get(name);
        if (!text.startsWith(PlanReader.CKAN_INI)) {
            return List.of();
        }
        CkanIni site = CkanIni.read(Path.of(text.substring(PlanReader.CKAN_INI.length())), env);
        List<String> lines = new ArrayList<>();
        for (String key : CkanIni.MOVE_KEYS) {
            lines.add(key + " = " + site.setting(key).map(s -> s.shown() + " (" + s.source() + ")")
                    .orElse(key.equals(CkanIni.SITE_ID) ? CkanIni.DEFAULT_SITE_ID + " (not set: CKAN's default)"
                            : "(not set)"));
        }
        return lines;
    }

    @Override
    public synchronized void close() {
        // The first embedded connection started the server; close it last, after those attached to it.
        for (int i = order.size() - 1; i >= 0; i--) {
            order.get(i).close();
        }
        order.clear();
        open.clear();
    }
}
