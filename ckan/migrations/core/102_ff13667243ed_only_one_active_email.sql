-- CKAN 102 (alembic ff13667243ed): no two active users may share an e-mail address, enforced by a
-- unique index on (email, state) for active users. Users without an e-mail are not affected.
--
-- Where active users already share an address, CKAN's step stops with the database's own error.
-- Ferry stops too, but says which users they are: the index is only built when nothing violates it,
-- and the assertion then names up to ten of the users (ids, by address) and the count, and the step
-- is rolled back. The site decides which account keeps the address (change the others' e-mail,
-- or delete them), then runs `ferry repair` and migrates again.

-- ferry:capture users_sharing_an_email: SELECT count(*) FROM "user" u WHERE u.state = 'active' AND u.email IS NOT NULL AND EXISTS (SELECT 1 FROM "user" o WHERE o.state = 'active' AND o.email = u.email AND o.id <> u.id)
-- ferry:capture first_users_sharing_an_email: SELECT coalesce(string_agg(id, ' ' ORDER BY email, id), '') FROM (SELECT u.id, u.email FROM "user" u WHERE u.state = 'active' AND u.email IS NOT NULL AND EXISTS (SELECT 1 FROM "user" o WHERE o.state = 'active' AND o.email = u.email AND o.id <> u.id) ORDER BY u.email, u.id LIMIT 10) AS first

DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM "user" WHERE state = 'active' AND email IS NOT NULL
                   GROUP BY email HAVING count(*) > 1) THEN
        CREATE UNIQUE INDEX idx_only_one_active_email ON "user" (email, state) WHERE state = 'active';
    END IF;
END
$$;

UPDATE alembic_version SET version_num = 'ff13667243ed';

-- No active users share an e-mail address (else this fails, naming them), and the index is there.
-- ferry:assert SELECT :users_sharing_an_email = 0
-- ferry:assert SELECT to_regclass('idx_only_one_active_email') IS NOT NULL
