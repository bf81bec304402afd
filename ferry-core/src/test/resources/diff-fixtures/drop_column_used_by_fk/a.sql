-- A column that a foreign key uses, and the column and unique key it references, are dropped
-- (apgdiff#35): the foreign key goes first, then the key, then the columns.
CREATE TABLE account (id integer PRIMARY KEY, email text CONSTRAINT account_email_key UNIQUE);
CREATE TABLE login (id integer PRIMARY KEY, account_email text REFERENCES account (email), at timestamptz);
CREATE INDEX login_email_idx ON login (account_email);
