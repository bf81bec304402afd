-- ckanext-harvest's first alembic revision (3b4894672727, the extension's releases for CKAN 2.9 and
-- later) creates each harvest table and index that is not there yet, and alembic records the revision
-- in the extension's own version table, harvest_alembic_version. Steps 001-006 have already brought
-- every table to today's shape, so nothing is created here: the step checks that each table and index
-- the revision would create is there, and records the revision as alembic does, so that the
-- extension's own `ckan db upgrade -p harvest` afterwards has nothing to do.

-- ferry:assert SELECT count(*) = 8 FROM information_schema.tables WHERE table_schema = current_schema() AND table_name IN ('harvest_source', 'harvest_job', 'harvest_object', 'harvest_object_extra', 'harvest_gather_error', 'harvest_object_error', 'harvest_log') OR (table_schema = current_schema() AND table_name = 'harvest_alembic_version')
-- ferry:assert SELECT count(*) = 6 FROM pg_indexes WHERE schemaname = current_schema() AND indexname IN ('harvest_job_id_idx', 'harvest_source_id_idx', 'package_id_idx', 'guid_idx', 'harvest_object_id_idx', 'harvest_error_harvest_object_id_idx')
-- ferry:assert SELECT version_num = '3b4894672727' FROM harvest_alembic_version

CREATE TABLE harvest_alembic_version (
    version_num character varying(32) NOT NULL,
    CONSTRAINT harvest_alembic_version_pkc PRIMARY KEY (version_num)
);
INSERT INTO harvest_alembic_version (version_num) VALUES ('3b4894672727');
