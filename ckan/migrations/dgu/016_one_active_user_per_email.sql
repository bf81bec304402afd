-- CKAN 2.10 (core 102, alembic ff13667243ed) allows one active user per e-mail address and stops
-- the upgrade when two share one. The legacy site let a person register twice, so active users do
-- share addresses; which account keeps the address is the site's choice, made here the way
-- data.gov.uk would make it, and undone or changed with `ferry ckan emails restore`:
--
--   * the account that keeps the address is the one in most organizations and groups (active
--     memberships), then the earliest created, then by id;
--   * every other active account sharing it gets a sub-address of it, "local+<user name>@domain"
--     (mail servers that know sub-addresses deliver it to the same mailbox), so each stays a valid,
--     unique address and the person can still reset the password;
--   * each change is recorded in ferry.ckan_shared_email: the user, the address before and after,
--     and the account that kept it.
--
-- Addresses are compared exactly, as CKAN's unique index compares them. Users without an address,
-- and users that are not active, are left alone (the index covers active users only).

CREATE SCHEMA IF NOT EXISTS ferry;
CREATE TABLE IF NOT EXISTS ferry.ckan_shared_email (
    user_id text PRIMARY KEY,
    email_then text NOT NULL,
    email_now text NOT NULL,
    kept_by text NOT NULL,
    changed_at timestamp without time zone NOT NULL DEFAULT now(),
    restored_at timestamp without time zone
);

CREATE TEMPORARY TABLE ferry_shared_email ON COMMIT DROP AS
WITH sharing AS (
    SELECT u.id, u.name, u.email, u.created,
           (SELECT count(*) FROM member m WHERE m.table_name = 'user' AND m.table_id = u.id AND m.state = 'active')
               AS memberships
    FROM "user" u
    WHERE u.state = 'active' AND u.email IS NOT NULL
      AND EXISTS (SELECT 1 FROM "user" o WHERE o.state = 'active' AND o.email = u.email AND o.id <> u.id)
), ranked AS (
    SELECT s.*, row_number() OVER (PARTITION BY s.email ORDER BY s.memberships DESC, s.created NULLS LAST, s.id) AS rank,
           first_value(s.id) OVER (PARTITION BY s.email ORDER BY s.memberships DESC, s.created NULLS LAST, s.id) AS keeper
    FROM sharing s
)
SELECT id, email AS email_then, keeper,
       CASE WHEN position('@' IN email) > 0
            THEN regexp_replace(email, '@([^@]*)$', '+' || name || '@\1')
            ELSE email || '+' || name END AS email_now
FROM ranked
WHERE rank > 1;

-- ferry:capture users: SELECT count(*) FROM "user"
-- ferry:capture sharing: SELECT count(*) FROM "user" u WHERE u.state = 'active' AND u.email IS NOT NULL AND EXISTS (SELECT 1 FROM "user" o WHERE o.state = 'active' AND o.email = u.email AND o.id <> u.id)
-- ferry:capture addresses: SELECT count(DISTINCT email) FROM "user" u WHERE u.state = 'active' AND u.email IS NOT NULL AND EXISTS (SELECT 1 FROM "user" o WHERE o.state = 'active' AND o.email = u.email AND o.id <> u.id)
-- ferry:capture active_with_email: SELECT count(*) FROM "user" WHERE state = 'active' AND email IS NOT NULL

UPDATE "user" u SET email = s.email_now FROM ferry_shared_email s WHERE s.id = u.id;
INSERT INTO ferry.ckan_shared_email (user_id, email_then, email_now, kept_by)
SELECT id, email_then, email_now, keeper FROM ferry_shared_email
ON CONFLICT (user_id) DO UPDATE SET email_then = EXCLUDED.email_then, email_now = EXCLUDED.email_now,
    kept_by = EXCLUDED.kept_by, changed_at = now(), restored_at = NULL;

-- Nobody lost, no active address shared any more, one account per shared address kept it, every
-- other one changed and recorded.
-- ferry:assert SELECT count(*) = :users FROM "user"
-- ferry:assert SELECT count(*) = :active_with_email FROM "user" WHERE state = 'active' AND email IS NOT NULL
-- ferry:assert SELECT NOT EXISTS (SELECT 1 FROM "user" WHERE state = 'active' AND email IS NOT NULL GROUP BY email HAVING count(*) > 1)
-- ferry:assert SELECT count(*) = :sharing - :addresses FROM ferry.ckan_shared_email WHERE changed_at = now()
