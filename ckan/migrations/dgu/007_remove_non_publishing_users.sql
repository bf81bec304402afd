-- Only people who publish move to the new site: a user stays if it is an admin or editor of a
-- publisher (a member row with table_name 'user', whatever its state) or a sysadmin. Everyone else
-- is removed.
--
-- Trap, decided on purpose: a NULL sysadmin counts as "not a sysadmin". (data.gov.uk's
-- "sysadmin <> 't'" is NULL for them, so its DELETE kept them without anyone deciding to.)
--
-- What points at a removed user goes with it: old role rows (cascade, previous step), dashboards and
-- follows (cascade in the schema), its group authorizations and its plain memberships (with their
-- revisions); its ratings stay, anonymous. Datasets and activity keep the id of their creator.

CREATE TEMPORARY TABLE ferry_leaving_user ON COMMIT DROP AS
SELECT u.id
FROM "user" u
WHERE NOT coalesce(u.sysadmin, false)
  AND NOT EXISTS (SELECT 1 FROM member m
                  WHERE m.table_id = u.id AND m.table_name = 'user' AND m.capacity IN ('admin', 'editor'));

-- ferry:capture users: SELECT count(*) FROM "user"
-- ferry:capture keep: SELECT count(*) FROM "user" u WHERE coalesce(u.sysadmin, false) OR EXISTS (SELECT 1 FROM member m WHERE m.table_id = u.id AND m.table_name = 'user' AND m.capacity IN ('admin', 'editor'))
-- ferry:capture null_sysadmin_removed: SELECT count(*) FROM "user" u WHERE u.sysadmin IS NULL AND NOT EXISTS (SELECT 1 FROM member m WHERE m.table_id = u.id AND m.table_name = 'user' AND m.capacity IN ('admin', 'editor'))

DELETE FROM member_revision
WHERE continuity_id IN (SELECT m.id FROM member m JOIN ferry_leaving_user l ON l.id = m.table_id
                        WHERE m.table_name = 'user');
DELETE FROM member m USING ferry_leaving_user l WHERE m.table_id = l.id AND m.table_name = 'user';
DELETE FROM authorization_group_user a USING ferry_leaving_user l WHERE a.user_id = l.id;
UPDATE rating r SET user_id = NULL FROM ferry_leaving_user l WHERE r.user_id = l.id;
DELETE FROM "user" u USING ferry_leaving_user l WHERE u.id = l.id;

-- ferry:assert SELECT count(*) = :keep FROM "user"
-- ferry:assert SELECT NOT EXISTS (SELECT 1 FROM "user" u WHERE NOT coalesce(u.sysadmin, false) AND NOT EXISTS (SELECT 1 FROM member m WHERE m.table_id = u.id AND m.table_name = 'user' AND m.capacity IN ('admin', 'editor')))
-- ferry:assert SELECT NOT EXISTS (SELECT 1 FROM member m WHERE m.table_name = 'user' AND NOT EXISTS (SELECT 1 FROM "user" u WHERE u.id = m.table_id))
