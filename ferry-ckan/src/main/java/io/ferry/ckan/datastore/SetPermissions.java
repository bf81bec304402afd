package io.ferry.ckan.datastore;

import io.ferry.sql.Identifiers;
import java.util.List;

/**
 * What {@code ckan datastore set-permissions} (CKAN's {@code ckanext/datastore/set_permissions.sql})
 * does to a DataStore database, as statements for the roles given: the schema closed to PUBLIC and
 * opened to the write role; CONNECT, USAGE and SELECT on every table for the read role, and SELECT on
 * the tables the write role creates later (default privileges); the {@code _table_metadata} view and
 * the {@code populate_full_text_trigger} function, both owned by the write role. CKAN's script also
 * grants the catalog's own user CREATE on the schema and revokes the read role's CONNECT on the
 * catalog database; those concern the catalog, not the DataStore, and are left out.
 */
public final class SetPermissions {
    /** The view CKAN lists tables and aliases with (name, and for an alias the table it reads). */
    public static final String TABLE_METADATA = "_table_metadata";
    /** The function behind each table's {@code zfulltext} trigger. */
    public static final String FULL_TEXT_FUNCTION = "populate_full_text_trigger";
    /** The trigger CKAN puts on every DataStore table. */
    public static final String FULL_TEXT_TRIGGER = "zfulltext";

    private SetPermissions() {
    }

    /** The statements, in order, for the database named {@code database}; run them as a superuser. */
    public static List<String> statements(String database, DataStoreRoles roles) {
        String write = Identifiers.quote(roles.write());
        String read = Identifiers.quote(roles.read());
        return List.of(
                "REVOKE CREATE ON SCHEMA public FROM PUBLIC",
                "REVOKE USAGE ON SCHEMA public FROM PUBLIC",
                "GRANT CREATE ON SCHEMA public TO " + write,
                "GRANT USAGE ON SCHEMA public TO " + write,
                "GRANT CONNECT ON DATABASE " + Identifiers.quote(database) + " TO " + read,
                "GRANT USAGE ON SCHEMA public TO " + read,
                "GRANT SELECT ON ALL TABLES IN SCHEMA public TO " + read,
                "ALTER DEFAULT PRIVILEGES FOR USER " + write + " IN SCHEMA public GRANT SELECT ON TABLES TO " + read,
                tableMetadataView(),
                "ALTER VIEW public." + TABLE_METADATA + " OWNER TO " + write,
                "GRANT SELECT ON public." + TABLE_METADATA + " TO " + read,
                fullTextFunction(),
                "ALTER FUNCTION public." + FULL_TEXT_FUNCTION + "() OWNER TO " + write);
    }

    /** CKAN's definition of {@code _table_metadata}: every table and view of public, a view with the table it reads. */
    static String tableMetadataView() {
        return """
                CREATE OR REPLACE VIEW public._table_metadata AS
                    SELECT DISTINCT
                        substr(md5(dependee.relname || COALESCE(dependent.relname, '')), 0, 17) AS "_id",
                        dependee.relname AS name,
                        dependee.oid AS oid,
                        dependent.relname AS alias_of
                    FROM pg_class AS dependee
                        LEFT OUTER JOIN pg_rewrite AS r ON r.ev_class = dependee.oid
                        LEFT OUTER JOIN pg_depend AS d ON d.objid = r.oid
                        LEFT OUTER JOIN pg_class AS dependent ON d.refobjid = dependent.oid
                    WHERE (dependee.oid != dependent.oid OR dependent.oid IS NULL)
                        AND (dependee.relkind = 'r'::"char" OR dependee.relkind = 'v'::"char")
                        AND dependee.relnamespace = (SELECT oid FROM pg_namespace WHERE nspname = 'public')
                    ORDER BY dependee.oid DESC""";
    }

    /**
     * CKAN's trigger function: a row inserted or updated with {@code _full_text} NULL gets the
     * text search vector of all its columns whose names do not start with an underscore.
     */
    static String fullTextFunction() {
        return """
                CREATE OR REPLACE FUNCTION public.populate_full_text_trigger() RETURNS trigger AS $body$
                    BEGIN
                        IF NEW._full_text IS NOT NULL THEN
                            RETURN NEW;
                        END IF;
                        NEW._full_text := (
                            SELECT to_tsvector(string_agg(value, ' '))
                            FROM json_each_text(row_to_json(NEW.*))
                            WHERE key NOT LIKE '\\_%');
                        RETURN NEW;
                    END;
                $body$ LANGUAGE plpgsql""";
    }
}
