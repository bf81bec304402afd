-- CKAN 101 (alembic d111f446733b, the first step of CKAN 2.10): users get last_active, when they
-- were last seen (CKAN fills it as they use the site; existing users start with none).

ALTER TABLE "user" ADD COLUMN last_active timestamp without time zone;

UPDATE alembic_version SET version_num = 'd111f446733b';
