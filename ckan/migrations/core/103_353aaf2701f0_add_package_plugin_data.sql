-- CKAN 103 (alembic 353aaf2701f0): datasets get plugin_data, a jsonb column for extensions.

ALTER TABLE package ADD COLUMN plugin_data jsonb;

UPDATE alembic_version SET version_num = '353aaf2701f0';
