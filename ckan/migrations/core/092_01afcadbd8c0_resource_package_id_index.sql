-- CKAN 092 (alembic 01afcadbd8c0): an index on resource.package_id (the column 074 added).

CREATE INDEX idx_package_resource_package_id ON resource (package_id);

UPDATE alembic_version SET version_num = '01afcadbd8c0';
