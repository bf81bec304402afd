-- ckanext-harvest's alembic revision 75d650dfd519 makes the seven keys between the harvest tables, and
-- from an object to its dataset, ON DELETE CASCADE (the dataset key DEFERRABLE). Step 005 made them so
-- already, under the same names; the step checks each one and moves harvest_alembic_version on.

-- ferry:assert SELECT count(*) = 7 FROM pg_constraint c WHERE c.contype = 'f' AND c.confdeltype = 'c' AND c.conname IN ('harvest_job_source_id_fkey', 'harvest_object_harvest_job_id_fkey', 'harvest_object_harvest_source_id_fkey', 'harvest_object_package_id_fkey', 'harvest_object_extra_harvest_object_id_fkey', 'harvest_gather_error_harvest_job_id_fkey', 'harvest_object_error_harvest_object_id_fkey') AND c.connamespace = current_schema()::regnamespace
-- ferry:assert SELECT condeferrable FROM pg_constraint WHERE conname = 'harvest_object_package_id_fkey' AND connamespace = current_schema()::regnamespace
-- ferry:assert SELECT version_num = '75d650dfd519' FROM harvest_alembic_version

UPDATE harvest_alembic_version SET version_num = '75d650dfd519';
