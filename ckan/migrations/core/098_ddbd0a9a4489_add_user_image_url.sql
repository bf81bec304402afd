-- CKAN 098 (alembic ddbd0a9a4489): users get image_url, for their picture.

ALTER TABLE "user" ADD COLUMN image_url text;

UPDATE alembic_version SET version_num = 'ddbd0a9a4489';
