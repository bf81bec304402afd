-- CKAN refuses to save a user whose name breaks its name rule: lower-case letters, digits, "-" and
-- "_" only, 2 to 100 characters, and not "new", "edit" or "search" (CKAN's name validator, used for
-- user names since CKAN 2.0). Names from the legacy site (full names such as "alice.brown151",
-- "Jane Smith") break it, so the user could log in but never edit the profile again, and CKAN 2.9's
-- API refuses them as "user" parameters.
--
-- Each such name becomes a valid one, the way a person would write it: lower case, every run of
-- other characters (dots, spaces, accents) made one "-", dashes trimmed at both ends, at most 100
-- characters; "user-" and the first 8 characters of the md5 of the user's id when that leaves fewer
-- than 2 characters or a reserved word. When the new name is already a user's, or several users'
-- names end the same, the earliest user (by created, then id) gets it plain and every other one
-- gets "-" and the first 8 characters of the md5 of its id (at most 91 characters before that).
-- Deleted users are renamed too: CKAN shows their names in activity streams.
--
-- Every rename is recorded in ferry.ckan_renamed_user: a user renamed by step 009 keeps its legacy
-- name there as old_name, with this step's name as new_name.

CREATE SCHEMA IF NOT EXISTS ferry;
CREATE TABLE IF NOT EXISTS ferry.ckan_renamed_user (
    user_id text PRIMARY KEY,
    old_name text NOT NULL,
    new_name text NOT NULL,
    renamed_at timestamp without time zone NOT NULL DEFAULT now()
);

CREATE TEMPORARY TABLE ferry_invalid_name ON COMMIT DROP AS
WITH invalid AS (
    SELECT u.id, u.name, u.created,
           left(trim(BOTH '-' FROM regexp_replace(lower(u.name), '[^a-z0-9_-]+', '-', 'g')), 100) AS wanted
    FROM "user" u
    WHERE u.name !~ '^[a-z0-9_-]{2,100}$' OR u.name IN ('new', 'edit', 'search')
), usable AS (
    SELECT id, name, created,
           CASE WHEN length(wanted) < 2 OR wanted IN ('new', 'edit', 'search')
                THEN 'user-' || left(md5(id), 8) ELSE wanted END AS wanted
    FROM invalid
), ranked AS (
    SELECT s.*, row_number() OVER (PARTITION BY s.wanted ORDER BY s.created NULLS LAST, s.id) AS rank,
           EXISTS (SELECT 1 FROM "user" o WHERE o.name = s.wanted) AS taken
    FROM usable s
)
SELECT id, name AS old_name,
       CASE WHEN rank = 1 AND NOT taken THEN wanted
            ELSE left(wanted, 91) || '-' || left(md5(id), 8) END AS new_name
FROM ranked;

-- ferry:capture users: SELECT count(*) FROM "user"
-- ferry:capture invalid: SELECT count(*) FROM "user" WHERE name !~ '^[a-z0-9_-]{2,100}$' OR name IN ('new', 'edit', 'search')
-- ferry:capture recorded_before: SELECT count(*) FROM ferry.ckan_renamed_user

UPDATE "user" u SET name = 'ferry-renaming-' || u.id FROM ferry_invalid_name r WHERE r.id = u.id;
UPDATE "user" u SET name = r.new_name FROM ferry_invalid_name r WHERE r.id = u.id;
INSERT INTO ferry.ckan_renamed_user (user_id, old_name, new_name)
SELECT id, old_name, new_name FROM ferry_invalid_name
ON CONFLICT (user_id) DO UPDATE SET new_name = EXCLUDED.new_name, renamed_at = now();

-- Nobody lost, every name valid and unique, each rename recorded (a user renamed before keeps its row).
-- ferry:assert SELECT count(*) = :users FROM "user"
-- ferry:assert SELECT NOT EXISTS (SELECT 1 FROM "user" WHERE name !~ '^[a-z0-9_-]{2,100}$' OR name IN ('new', 'edit', 'search'))
-- ferry:assert SELECT NOT EXISTS (SELECT name FROM "user" GROUP BY name HAVING count(*) > 1)
-- ferry:assert SELECT count(*) = :invalid FROM ferry.ckan_renamed_user r JOIN "user" u ON u.id = r.user_id WHERE r.new_name = u.name AND r.renamed_at = now()
-- ferry:assert SELECT count(*) BETWEEN :recorded_before AND :recorded_before + :invalid FROM ferry.ckan_renamed_user
