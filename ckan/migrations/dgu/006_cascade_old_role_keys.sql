-- The old authorization model's rows must follow their user when users are removed (next step):
-- the foreign keys from the role tables become ON DELETE CASCADE. CKAN 078 drops these tables later.

ALTER TABLE user_object_role
    DROP CONSTRAINT user_object_role_user_id_fkey,
    ADD CONSTRAINT user_object_role_user_id_fkey FOREIGN KEY (user_id) REFERENCES "user" (id) ON DELETE CASCADE;
ALTER TABLE package_role
    DROP CONSTRAINT package_role_user_object_role_id_fkey,
    ADD CONSTRAINT package_role_user_object_role_id_fkey FOREIGN KEY (user_object_role_id)
        REFERENCES user_object_role (id) ON DELETE CASCADE;
ALTER TABLE group_role
    DROP CONSTRAINT group_role_user_object_role_id_fkey,
    ADD CONSTRAINT group_role_user_object_role_id_fkey FOREIGN KEY (user_object_role_id)
        REFERENCES user_object_role (id) ON DELETE CASCADE;
ALTER TABLE system_role
    DROP CONSTRAINT system_role_user_object_role_id_fkey,
    ADD CONSTRAINT system_role_user_object_role_id_fkey FOREIGN KEY (user_object_role_id)
        REFERENCES user_object_role (id) ON DELETE CASCADE;

-- ferry:assert SELECT count(*) = 4 FROM pg_constraint WHERE confdeltype = 'c' AND conname IN ('user_object_role_user_id_fkey', 'package_role_user_object_role_id_fkey', 'group_role_user_object_role_id_fkey', 'system_role_user_object_role_id_fkey')
