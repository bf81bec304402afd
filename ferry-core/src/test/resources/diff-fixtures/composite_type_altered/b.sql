CREATE TYPE address AS (street text, zip integer, country text);
CREATE TABLE customer (id integer PRIMARY KEY, home address);
CREATE TYPE span AS (low bigint, high bigint);
