-- CKAN's activity plugin, alembic 71713a055d5c (CKAN 2.11.0): activities get permission_labels, the
-- labels of the dataset an activity is about. CKAN 2.11 shows a dataset's activity to a user who is
-- not a sysadmin only when these share a label with the user's own (as search does with datasets).
--
-- The plugin's alembic books its revisions in a table of its own, activity_alembic_version (CKAN's
-- plugin env.py names it <plugin>_alembic_version), created here as alembic creates it on the
-- plugin's first upgrade: one varchar(32) column with the primary key alembic names <table>_pkc.

ALTER TABLE activity ADD COLUMN permission_labels text[];

CREATE TABLE activity_alembic_version (
    version_num varchar(32) NOT NULL,
    CONSTRAINT activity_alembic_version_pkc PRIMARY KEY (version_num)
);
INSERT INTO activity_alembic_version (version_num) VALUES ('71713a055d5c');

-- ferry:assert SELECT count(*) = 1 FROM activity_alembic_version
