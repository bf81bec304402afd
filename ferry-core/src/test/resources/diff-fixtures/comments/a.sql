-- Comments are always compared: on a column added by the same change, on a view's columns, on the
-- index behind a primary key, on a composite type's attribute.
CREATE TABLE account (id integer CONSTRAINT account_pkey PRIMARY KEY, name text);
CREATE VIEW account_names AS SELECT id, name FROM account;
CREATE TYPE pair AS (l integer, r integer);
