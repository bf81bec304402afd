-- CKAN 097 (alembic f789f233226e): package_member, for collaborators on a dataset (one capacity
-- per user and dataset).

CREATE TABLE package_member (
    package_id text NOT NULL,
    user_id text NOT NULL,
    capacity text NOT NULL,
    modified timestamp without time zone NOT NULL,
    CONSTRAINT package_member_pkey PRIMARY KEY (package_id, user_id),
    CONSTRAINT package_member_package_id_fkey FOREIGN KEY (package_id) REFERENCES package (id),
    CONSTRAINT package_member_user_id_fkey FOREIGN KEY (user_id) REFERENCES "user" (id)
);

UPDATE alembic_version SET version_num = 'f789f233226e';
