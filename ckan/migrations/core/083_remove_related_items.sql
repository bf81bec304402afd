-- CKAN 083: "related items" left CKAN core (ckanext-showcase replaced them). CKAN drops the related
-- and related_dataset tables only when there is no related item; otherwise it prints a warning and
-- keeps both, so that nobody's data disappears in an upgrade. Ferry does the same, and records how
-- many items there were. data.gov.uk had related items, so its tables stay here; removing them is
-- a decision for the site's own migrations.

-- ferry:capture related_items: SELECT count(*) FROM related

DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM related) THEN
        RAISE NOTICE 'related and related_dataset were kept because they contain data';
    ELSE
        DROP TABLE related_dataset;
        DROP TABLE related;
    END IF;
END
$$;

UPDATE migrate_version SET version = 83 WHERE repository_id = 'Ckan';

-- The tables are gone exactly when there was nothing in them.
-- ferry:assert SELECT (to_regclass('related') IS NULL) = (:related_items = 0)
