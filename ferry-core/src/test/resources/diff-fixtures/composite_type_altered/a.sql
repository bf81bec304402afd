-- A composite type used by a column gains and loses attributes: it is altered in place
-- (ALTER TYPE ... ADD/DROP ATTRIBUTE), so the column and its rows stay. A type no column uses has
-- an attribute's type changed in place too.
CREATE TYPE address AS (street text, city text, zip integer);
CREATE TABLE customer (id integer PRIMARY KEY, home address);
INSERT INTO customer VALUES (1, ROW('Main St', 'Springfield', 12345));
CREATE TYPE span AS (low integer, high integer);
