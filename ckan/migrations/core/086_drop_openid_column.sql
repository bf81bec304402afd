-- CKAN 086: OpenID logins are gone; so is the user's openid column and its index. The capture
-- records how many users had one.

-- ferry:capture openid_users: SELECT count(*) FROM "user" WHERE openid IS NOT NULL AND openid <> ''

DROP INDEX idx_openid;
ALTER TABLE "user" DROP COLUMN openid;

UPDATE migrate_version SET version = 86 WHERE repository_id = 'Ckan';
