-- CKAN 081: marks the resources whose data is in the DataStore with "datastore_active": true in
-- their extras (a JSON object kept as text).
--
-- CKAN does this only when ckan.datastore.read_url (or write_url) is configured: it lists the
-- tables in the DataStore database's public schema (one per resource, named by the resource id)
-- and updates the resources with those ids whose extras are not NULL. The DataStore is another
-- database, which a migration running on the catalog's connection cannot see.
--
-- What Ferry does: nothing, unless the table ferry.ckan_datastore_tables (table_name text) exists
-- in the catalog database. Fill it with the DataStore's table names before migrating, e.g. from
--     SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'
-- run on the DataStore database, and Ferry marks the same resources CKAN would. A site without a
-- DataStore needs nothing.

DO $$
BEGIN
    IF to_regclass('ferry.ckan_datastore_tables') IS NOT NULL THEN
        EXECUTE $update$
            UPDATE resource
            SET extras = (extras::jsonb || '{"datastore_active": true}'::jsonb)::text
            WHERE extras IS NOT NULL
              AND id IN (SELECT table_name FROM ferry.ckan_datastore_tables)
        $update$;
    END IF;
END
$$;

UPDATE migrate_version SET version = 81 WHERE repository_id = 'Ckan';
