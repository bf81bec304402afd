-- ckanext-harvest's v2 upgrade: sources get a title; objects get the source they belong to (until
-- then only known through their job) and a "current" flag marking, for each harvested record (guid),
-- the object that made the dataset as it is now. The extension ran this itself on start-up when
-- harvest_source had no title; Ferry decides the same way, so tables that already had it (data.gov.uk's
-- fork) are left as they are.
--
-- The current object of a record is its newest one whose dataset is active: by metadata date, then
-- fetch time, then gather time, as the extension ordered them (missing dates count as oldest here,
-- where the extension would have let them win). Objects without a guid are never current.

-- ferry:capture needed: SELECT NOT EXISTS (SELECT 1 FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 'harvest_source' AND column_name = 'title')
-- ferry:capture objects: SELECT count(*) FROM harvest_object
-- ferry:capture records_with_dataset: SELECT count(DISTINCT o.guid) FROM harvest_object o JOIN package p ON p.id = o.package_id WHERE p.state = 'active' AND o.guid IS NOT NULL

DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM information_schema.columns
               WHERE table_schema = current_schema() AND table_name = 'harvest_source' AND column_name = 'title') THEN
        RETURN;
    END IF;

    ALTER TABLE harvest_source ADD COLUMN title text;
    ALTER TABLE harvest_object ADD COLUMN current boolean, ADD COLUMN harvest_source_id text;
    ALTER TABLE harvest_object ADD CONSTRAINT harvest_object_harvest_source_id_fkey
        FOREIGN KEY (harvest_source_id) REFERENCES harvest_source (id);

    UPDATE harvest_object AS o
    SET harvest_source_id = j.source_id
    FROM harvest_job AS j
    WHERE j.id = o.harvest_job_id;

    UPDATE harvest_object SET current = false;
    UPDATE harvest_object AS o
    SET current = true
    FROM (
        SELECT DISTINCT ON (x.guid) x.id
        FROM harvest_object AS x
        JOIN package AS p ON p.id = x.package_id
        WHERE p.state = 'active' AND x.guid IS NOT NULL
        ORDER BY x.guid, x.metadata_modified_date DESC NULLS LAST, x.fetch_finished DESC NULLS LAST,
                 x.gathered DESC NULLS LAST
    ) AS newest
    WHERE newest.id = o.id;
END
$$;

-- ferry:assert SELECT count(*) = 2 FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 'harvest_object' AND column_name IN ('current', 'harvest_source_id')
-- ferry:assert SELECT count(*) = :objects FROM harvest_object
-- One current object per record that has an active dataset, and no other.
-- ferry:assert SELECT NOT :needed OR count(*) = :records_with_dataset FROM harvest_object WHERE current
-- ferry:assert SELECT NOT :needed OR NOT EXISTS (SELECT 1 FROM harvest_object WHERE current IS NULL)
-- Every object now names the source of its job.
-- ferry:assert SELECT NOT :needed OR NOT EXISTS (SELECT 1 FROM harvest_object o JOIN harvest_job j ON j.id = o.harvest_job_id WHERE o.harvest_source_id IS DISTINCT FROM j.source_id)
