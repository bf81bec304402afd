-- CKAN 096 (alembic 19ddad52b500): users get plugin_extras, a jsonb column for extensions.

ALTER TABLE "user" ADD COLUMN plugin_extras jsonb;

UPDATE alembic_version SET version_num = '19ddad52b500';
