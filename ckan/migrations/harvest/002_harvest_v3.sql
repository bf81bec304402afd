-- ckanext-harvest's v3 upgrade: objects get import times, a state and a report status, and extras of
-- their own; sources get a frequency and the time of their next run; jobs a finish time; object
-- errors a line number. The extension ran this itself when harvest_source had no frequency; Ferry
-- decides the same way, so tables that already had it (data.gov.uk's fork) are left as they are.
--
-- The data the extension filled in: objects with a dataset are COMPLETE and "updated", objects
-- without one ERROR and "errored"; no retries are pending; every source is harvested by hand
-- (MANUAL) until someone schedules it. The dataset key of an object becomes DEFERRABLE, so a
-- harvester can write the object before its dataset in one transaction.

-- ferry:capture needed: SELECT NOT EXISTS (SELECT 1 FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 'harvest_source' AND column_name = 'frequency')
-- ferry:capture objects: SELECT count(*) FROM harvest_object
-- ferry:capture with_dataset: SELECT count(*) FROM harvest_object WHERE package_id IS NOT NULL
-- ferry:capture sources: SELECT count(*) FROM harvest_source

DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM information_schema.columns
               WHERE table_schema = current_schema() AND table_name = 'harvest_source' AND column_name = 'frequency') THEN
        RETURN;
    END IF;

    CREATE TABLE IF NOT EXISTS harvest_object_extra (
        id text NOT NULL,
        harvest_object_id text,
        key text,
        value text,
        CONSTRAINT harvest_object_extra_pkey PRIMARY KEY (id),
        CONSTRAINT harvest_object_extra_harvest_object_id_fkey FOREIGN KEY (harvest_object_id)
            REFERENCES harvest_object (id)
    );
    ALTER TABLE harvest_object
        ADD COLUMN IF NOT EXISTS import_started timestamp without time zone,
        ADD COLUMN IF NOT EXISTS import_finished timestamp without time zone,
        ADD COLUMN IF NOT EXISTS state text,
        ADD COLUMN IF NOT EXISTS report_status text;
    ALTER TABLE harvest_source
        ADD COLUMN frequency text,
        ADD COLUMN IF NOT EXISTS next_run timestamp without time zone;
    ALTER TABLE harvest_job ADD COLUMN IF NOT EXISTS finished timestamp without time zone;
    ALTER TABLE harvest_object_error ADD COLUMN IF NOT EXISTS line integer;

    UPDATE harvest_object
    SET state = CASE WHEN package_id IS NULL THEN 'ERROR' ELSE 'COMPLETE' END,
        report_status = CASE WHEN package_id IS NULL THEN 'errored' ELSE 'updated' END,
        retry_times = 0;
    UPDATE harvest_source SET frequency = 'MANUAL';

    ALTER TABLE harvest_object DROP CONSTRAINT IF EXISTS harvest_object_package_id_fkey;
    ALTER TABLE harvest_object ADD CONSTRAINT harvest_object_package_id_fkey
        FOREIGN KEY (package_id) REFERENCES package (id) DEFERRABLE;
END
$$;

-- ferry:assert SELECT to_regclass('harvest_object_extra') IS NOT NULL
-- ferry:assert SELECT count(*) = 8 FROM information_schema.columns WHERE table_schema = current_schema() AND (table_name, column_name) IN (('harvest_object', 'import_started'), ('harvest_object', 'import_finished'), ('harvest_object', 'state'), ('harvest_object', 'report_status'), ('harvest_source', 'frequency'), ('harvest_source', 'next_run'), ('harvest_job', 'finished'), ('harvest_object_error', 'line'))
-- ferry:assert SELECT count(*) = :objects FROM harvest_object
-- ferry:assert SELECT NOT :needed OR count(*) = :with_dataset FROM harvest_object WHERE state = 'COMPLETE' AND report_status = 'updated'
-- ferry:assert SELECT NOT :needed OR count(*) = :objects - :with_dataset FROM harvest_object WHERE state = 'ERROR' AND report_status = 'errored'
-- ferry:assert SELECT NOT :needed OR count(*) = :sources FROM harvest_source WHERE frequency = 'MANUAL'
