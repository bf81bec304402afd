-- CKAN 091 (alembic 0ffc0b277141): an index on group_extra.group_id.

CREATE INDEX idx_group_extra_group_id ON group_extra (group_id);

UPDATE alembic_version SET version_num = '0ffc0b277141';
