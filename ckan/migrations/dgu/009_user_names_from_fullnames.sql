-- Legacy user names are user_d<Drupal uid>; the full name is the person's Drupal user name, which
-- becomes their name on the new site. As on data.gov.uk, a user is renamed when it has a full name
-- and is active or is the only user with that full name (inactive duplicates keep their old name).
--
-- Trap, decided on purpose: two renamed users can share a full name (both active), and a full name
-- can already be someone else's name. data.gov.uk's UPDATE then fails on the unique name. Here the
-- earliest user (by created, then id) gets the plain full name and every other one gets the full
-- name followed by "-" and its old name without the "user_" prefix (e.g. "jane.smith-d1234"), which
-- is unique because the old names are. Every rename is recorded in ferry.ckan_renamed_user.

CREATE SCHEMA IF NOT EXISTS ferry;
CREATE TABLE IF NOT EXISTS ferry.ckan_renamed_user (
    user_id text PRIMARY KEY,
    old_name text NOT NULL,
    new_name text NOT NULL,
    renamed_at timestamp without time zone NOT NULL DEFAULT now()
);

CREATE TEMPORARY TABLE ferry_rename ON COMMIT DROP AS
WITH candidate AS (
    SELECT u.id, u.name, u.fullname, u.created
    FROM "user" u
    WHERE u.fullname IS NOT NULL AND u.fullname <> ''
      AND (u.state = 'active'
           OR (SELECT count(*) FROM "user" o WHERE o.fullname = u.fullname) = 1)
), ranked AS (
    SELECT c.*, row_number() OVER (PARTITION BY c.fullname ORDER BY c.created NULLS LAST, c.id) AS rank,
           EXISTS (SELECT 1 FROM "user" o WHERE o.name = c.fullname AND o.id NOT IN (SELECT id FROM candidate))
               AS taken
    FROM candidate c
)
SELECT id, name AS old_name,
       CASE WHEN rank = 1 AND NOT taken THEN fullname
            ELSE fullname || '-' || regexp_replace(name, '^user_', '') END AS new_name
FROM ranked;

-- The candidates, counted before anything changes: how many, how many distinct full names, how
-- many of those are already another user's name, and users whose name is their full name already.
-- ferry:capture users: SELECT count(*) FROM "user"
-- ferry:capture candidates: SELECT count(*) FROM "user" u WHERE u.fullname IS NOT NULL AND u.fullname <> '' AND (u.state = 'active' OR (SELECT count(*) FROM "user" o WHERE o.fullname = u.fullname) = 1)
-- ferry:capture fullnames: SELECT count(DISTINCT u.fullname) FROM "user" u WHERE u.fullname IS NOT NULL AND u.fullname <> '' AND (u.state = 'active' OR (SELECT count(*) FROM "user" o WHERE o.fullname = u.fullname) = 1)
-- ferry:capture taken: SELECT count(DISTINCT u.fullname) FROM "user" u WHERE u.fullname IS NOT NULL AND u.fullname <> '' AND (u.state = 'active' OR (SELECT count(*) FROM "user" o WHERE o.fullname = u.fullname) = 1) AND EXISTS (SELECT 1 FROM "user" o WHERE o.name = u.fullname AND NOT (o.fullname IS NOT NULL AND o.fullname <> '' AND (o.state = 'active' OR (SELECT count(*) FROM "user" p WHERE p.fullname = o.fullname) = 1)))
-- ferry:capture others_named_by_fullname: SELECT count(*) FROM "user" u WHERE u.name = u.fullname AND NOT (u.fullname IS NOT NULL AND u.fullname <> '' AND (u.state = 'active' OR (SELECT count(*) FROM "user" o WHERE o.fullname = u.fullname) = 1))

-- Through a unique placeholder first, so that swapping names between users cannot collide midway.
UPDATE "user" u SET name = 'ferry-renaming-' || u.id FROM ferry_rename r WHERE r.id = u.id AND r.old_name <> r.new_name;
UPDATE "user" u SET name = r.new_name FROM ferry_rename r WHERE r.id = u.id AND r.old_name <> r.new_name;
INSERT INTO ferry.ckan_renamed_user (user_id, old_name, new_name)
SELECT id, old_name, new_name FROM ferry_rename WHERE old_name <> new_name
ON CONFLICT (user_id) DO UPDATE SET new_name = EXCLUDED.new_name, renamed_at = now();

-- Nobody was lost, names are unique, each full name went plain to one user unless taken, and every
-- other candidate got the suffix.
-- ferry:assert SELECT count(*) = :users FROM "user"
-- ferry:assert SELECT NOT EXISTS (SELECT name FROM "user" GROUP BY name HAVING count(*) > 1)
-- ferry:assert SELECT count(*) = :fullnames - :taken + :others_named_by_fullname FROM "user" WHERE name = fullname
-- ferry:assert SELECT count(*) = :candidates - (:fullnames - :taken) FROM "user" WHERE fullname IS NOT NULL AND left(name, length(fullname) + 1) = fullname || '-' AND name <> fullname
