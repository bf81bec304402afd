-- CKAN 073: deleting (or renaming the id of) a resource takes its views with it.

ALTER TABLE resource_view DROP CONSTRAINT resource_view_resource_id_fkey;
ALTER TABLE resource_view
    ADD CONSTRAINT resource_view_resource_id_fkey FOREIGN KEY (resource_id) REFERENCES resource (id)
        ON UPDATE CASCADE ON DELETE CASCADE;

UPDATE migrate_version SET version = 73 WHERE repository_id = 'Ckan';
