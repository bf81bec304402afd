-- Today's extension deletes a source's jobs, objects, extras and errors with it: every foreign key
-- between the harvest tables (and from an object to its dataset) is ON DELETE CASCADE; the dataset
-- key stays DEFERRABLE. It also indexes what the harvester looks objects up by: job, source,
-- dataset and guid, and the object of an extra or an error. Keys are re-created under their names;
-- the indexes are created unless a site already has them.

-- ferry:capture jobs: SELECT count(*) FROM harvest_job
-- ferry:capture objects: SELECT count(*) FROM harvest_object

ALTER TABLE harvest_job
    DROP CONSTRAINT IF EXISTS harvest_job_source_id_fkey,
    ADD CONSTRAINT harvest_job_source_id_fkey FOREIGN KEY (source_id)
        REFERENCES harvest_source (id) ON DELETE CASCADE;

ALTER TABLE harvest_object
    DROP CONSTRAINT IF EXISTS harvest_object_harvest_job_id_fkey,
    DROP CONSTRAINT IF EXISTS harvest_object_harvest_source_id_fkey,
    DROP CONSTRAINT IF EXISTS harvest_object_package_id_fkey,
    ADD CONSTRAINT harvest_object_harvest_job_id_fkey FOREIGN KEY (harvest_job_id)
        REFERENCES harvest_job (id) ON DELETE CASCADE,
    ADD CONSTRAINT harvest_object_harvest_source_id_fkey FOREIGN KEY (harvest_source_id)
        REFERENCES harvest_source (id) ON DELETE CASCADE,
    ADD CONSTRAINT harvest_object_package_id_fkey FOREIGN KEY (package_id)
        REFERENCES package (id) ON DELETE CASCADE DEFERRABLE;

ALTER TABLE harvest_object_extra
    DROP CONSTRAINT IF EXISTS harvest_object_extra_harvest_object_id_fkey,
    ADD CONSTRAINT harvest_object_extra_harvest_object_id_fkey FOREIGN KEY (harvest_object_id)
        REFERENCES harvest_object (id) ON DELETE CASCADE;

ALTER TABLE harvest_gather_error
    DROP CONSTRAINT IF EXISTS harvest_gather_error_harvest_job_id_fkey,
    ADD CONSTRAINT harvest_gather_error_harvest_job_id_fkey FOREIGN KEY (harvest_job_id)
        REFERENCES harvest_job (id) ON DELETE CASCADE;

ALTER TABLE harvest_object_error
    DROP CONSTRAINT IF EXISTS harvest_object_error_harvest_object_id_fkey,
    ADD CONSTRAINT harvest_object_error_harvest_object_id_fkey FOREIGN KEY (harvest_object_id)
        REFERENCES harvest_object (id) ON DELETE CASCADE;

CREATE INDEX IF NOT EXISTS harvest_job_id_idx ON harvest_object (harvest_job_id);
CREATE INDEX IF NOT EXISTS harvest_source_id_idx ON harvest_object (harvest_source_id);
CREATE INDEX IF NOT EXISTS package_id_idx ON harvest_object (package_id);
CREATE INDEX IF NOT EXISTS guid_idx ON harvest_object (guid);
CREATE INDEX IF NOT EXISTS harvest_object_id_idx ON harvest_object_extra (harvest_object_id);
CREATE INDEX IF NOT EXISTS harvest_error_harvest_object_id_idx ON harvest_object_error (harvest_object_id);

-- Seven cascading keys, the dataset key still deferrable, nothing lost on the way.
-- ferry:assert SELECT count(*) = 7 FROM pg_constraint WHERE contype = 'f' AND confdeltype = 'c' AND conrelid IN ('harvest_job'::regclass, 'harvest_object'::regclass, 'harvest_object_extra'::regclass, 'harvest_gather_error'::regclass, 'harvest_object_error'::regclass)
-- ferry:assert SELECT condeferrable FROM pg_constraint WHERE conname = 'harvest_object_package_id_fkey' AND conrelid = 'harvest_object'::regclass
-- ferry:assert SELECT count(*) = :jobs FROM harvest_job
-- ferry:assert SELECT count(*) = :objects FROM harvest_object
