-- data.gov.uk removed one harvest source, a duplicate that failed validation on the new site, with
-- its jobs and objects (the datasets it harvested stay). Children first. Objects are found through
-- their job, which works for harvest tables of any age; object extras only exist from ckanext-harvest
-- v3 on, so they are removed only where the table exists.

-- ferry:capture sources: SELECT count(*) FROM harvest_source
-- ferry:capture present: SELECT count(*) FROM harvest_source WHERE id = '2c798023-abac-4785-ad19-67bd5c1aed63'
-- ferry:capture objects: SELECT count(*) FROM harvest_object
-- ferry:capture its_objects: SELECT count(*) FROM harvest_object o JOIN harvest_job j ON j.id = o.harvest_job_id WHERE j.source_id = '2c798023-abac-4785-ad19-67bd5c1aed63'
-- ferry:capture packages: SELECT count(*) FROM package

CREATE TEMPORARY TABLE ferry_removed_object ON COMMIT DROP AS
SELECT o.id FROM harvest_object o JOIN harvest_job j ON j.id = o.harvest_job_id
WHERE j.source_id = '2c798023-abac-4785-ad19-67bd5c1aed63';

DO $$
BEGIN
    IF to_regclass('harvest_object_extra') IS NOT NULL THEN
        DELETE FROM harvest_object_extra WHERE harvest_object_id IN (SELECT id FROM ferry_removed_object);
    END IF;
END
$$;
DELETE FROM harvest_object_error WHERE harvest_object_id IN (SELECT id FROM ferry_removed_object);
DELETE FROM harvest_object WHERE id IN (SELECT id FROM ferry_removed_object);
DELETE FROM harvest_gather_error
WHERE harvest_job_id IN (SELECT id FROM harvest_job WHERE source_id = '2c798023-abac-4785-ad19-67bd5c1aed63');
DELETE FROM harvest_job WHERE source_id = '2c798023-abac-4785-ad19-67bd5c1aed63';
DELETE FROM harvest_source WHERE id = '2c798023-abac-4785-ad19-67bd5c1aed63';

-- ferry:assert SELECT count(*) = :sources - :present FROM harvest_source
-- ferry:assert SELECT count(*) = :objects - :its_objects FROM harvest_object
-- ferry:assert SELECT count(*) = :packages FROM package
