-- CKAN 087 (alembic ff1b303cab77, the first step of CKAN 2.9): the authorization groups of CKAN
-- 1.x go. Nothing has read them since CKAN 2.0; the captures record how many rows they still held.
--
-- This is also where CKAN's bookkeeping changes hands. CKAN 2.9 keeps its version in alembic's
-- alembic_version table: its first `ckan db upgrade` on a 2.8 database creates that table, marks
-- its ports of 001-086 as done without running them (migrate_version says 86), and applies 087
-- onwards, each one writing its revision into the table. Ferry does the same from here on, so
-- `ckan db version` names the last step Ferry applied. migrate_version stays until 090.

-- ferry:capture authorization_groups: SELECT count(*) FROM authorization_group
-- ferry:capture authorization_group_users: SELECT count(*) FROM authorization_group_user

DROP TABLE authorization_group_user;
DROP TABLE authorization_group;

-- The table as alembic creates it.
CREATE TABLE alembic_version (
    version_num varchar(32) NOT NULL,
    CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num)
);
INSERT INTO alembic_version (version_num) VALUES ('ff1b303cab77');

-- ferry:assert SELECT to_regclass('authorization_group') IS NULL AND to_regclass('authorization_group_user') IS NULL
-- ferry:assert SELECT count(*) = 1 FROM alembic_version
