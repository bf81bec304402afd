-- CKAN 078: the per-object role tables of the authorization model CKAN 2.0 replaced (with member
-- capacities and sysadmin) go. Their rows have had no effect since CKAN 2.0; the captures record
-- how many there were. authorization_group and authorization_group_user stay (until CKAN 2.9).

-- ferry:capture user_object_roles: SELECT count(*) FROM user_object_role
-- ferry:capture role_actions: SELECT count(*) FROM role_action

-- The tables that refer to user_object_role first.
DROP TABLE package_role;
DROP TABLE group_role;
DROP TABLE system_role;
DROP TABLE authorization_group_role;
DROP TABLE user_object_role;
DROP TABLE role_action;

UPDATE migrate_version SET version = 78 WHERE repository_id = 'Ckan';
