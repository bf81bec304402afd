-- On the new site only the support account (full name '2ndline') is a sysadmin; everyone else who
-- was one is demoted. Unlike data.gov.uk's "fullname <> '2ndline'", which skipped users without a
-- full name, every other sysadmin is demoted, NULL full names included (the site user among them:
-- CKAN acts as it without checking the flag).
--
-- Each demoted user is recorded in ferry.ckan_demoted_sysadmin, so that they can be promoted again
-- in one command: ferry ckan sysadmins restore. A NULL sysadmin flag becomes false.

CREATE SCHEMA IF NOT EXISTS ferry;
CREATE TABLE IF NOT EXISTS ferry.ckan_demoted_sysadmin (
    user_id text PRIMARY KEY,
    name text NOT NULL,
    fullname text,
    demoted_at timestamp without time zone NOT NULL DEFAULT now(),
    restored_at timestamp without time zone
);

-- ferry:capture sysadmins: SELECT count(*) FROM "user" WHERE sysadmin
-- ferry:capture support: SELECT count(*) FROM "user" WHERE sysadmin AND fullname = '2ndline'
-- ferry:capture without_fullname: SELECT count(*) FROM "user" WHERE sysadmin AND fullname IS NULL

INSERT INTO ferry.ckan_demoted_sysadmin (user_id, name, fullname)
SELECT id, name, fullname FROM "user"
WHERE sysadmin AND fullname IS DISTINCT FROM '2ndline'
ON CONFLICT (user_id) DO UPDATE SET name = EXCLUDED.name, demoted_at = now(), restored_at = NULL;

UPDATE "user" SET sysadmin = false WHERE sysadmin AND fullname IS DISTINCT FROM '2ndline';
UPDATE "user" SET sysadmin = false WHERE sysadmin IS NULL;

-- ferry:assert SELECT count(*) = :support FROM "user" WHERE sysadmin
-- ferry:assert SELECT NOT EXISTS (SELECT 1 FROM "user" WHERE sysadmin IS NULL)
-- Every demoted user was recorded by this step (now() is the transaction's start, the same for all rows).
-- ferry:assert SELECT count(*) = :sysadmins - :support FROM ferry.ckan_demoted_sysadmin WHERE demoted_at = now()
