-- CKAN 099 (alembic 3ae4b17ed66d): api_token, CKAN 2.9's API tokens (a user may have several).

CREATE TABLE api_token (
    id text NOT NULL,
    name text,
    user_id text,
    created_at timestamp without time zone DEFAULT CURRENT_TIMESTAMP,
    last_access timestamp without time zone,
    plugin_extras jsonb,
    CONSTRAINT api_token_pkey PRIMARY KEY (id),
    CONSTRAINT api_token_user_id_fkey FOREIGN KEY (user_id) REFERENCES "user" (id)
);

UPDATE alembic_version SET version_num = '3ae4b17ed66d';
