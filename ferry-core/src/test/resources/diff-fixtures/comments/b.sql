CREATE TABLE account (id integer CONSTRAINT account_pkey PRIMARY KEY, name text, email text);
COMMENT ON COLUMN account.email IS 'where to write';
COMMENT ON INDEX account_pkey IS 'the key''s index';
CREATE VIEW account_names AS SELECT id, name FROM account;
COMMENT ON COLUMN account_names.name IS 'as shown';
CREATE VIEW account_emails AS SELECT id, email FROM account;
COMMENT ON COLUMN account_emails.email IS 'shown too';
CREATE TYPE pair AS (l integer, r integer);
COMMENT ON COLUMN pair.l IS 'left';
