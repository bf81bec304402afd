-- CKAN 090 (alembic 980dcd44de4b): sqlalchemy-migrate's migrate_version table goes; from here on
-- alembic_version alone says where CKAN core is (CKAN drops it only if it exists, as a database
-- CKAN 2.9 created never had one).

DROP TABLE IF EXISTS migrate_version;

UPDATE alembic_version SET version_num = '980dcd44de4b';

-- ferry:assert SELECT to_regclass('migrate_version') IS NULL
