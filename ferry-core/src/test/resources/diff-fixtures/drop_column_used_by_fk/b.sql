CREATE TABLE account (id integer PRIMARY KEY);
CREATE TABLE login (id integer PRIMARY KEY, at timestamptz);
