-- CKAN 104 (alembic 9f33a0280c51, CKAN 2.10's last step): an index on resource_view.resource_id.

CREATE INDEX idx_view_resource_id ON resource_view (resource_id);

UPDATE alembic_version SET version_num = '9f33a0280c51';
