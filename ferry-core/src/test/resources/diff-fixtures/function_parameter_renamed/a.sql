-- A function's input parameter gets a name (or another one) with the same argument types:
-- CREATE OR REPLACE cannot rename an input parameter, so the function is dropped and created, with
-- the view and the default that use it dropped before and made again after. Nothing may be lost.
CREATE FUNCTION twice(integer) RETURNS integer LANGUAGE sql IMMUTABLE AS 'SELECT $1 * 2';
CREATE FUNCTION plus(a integer, b integer) RETURNS integer LANGUAGE sql IMMUTABLE AS 'SELECT a + b';
CREATE VIEW doubled AS SELECT twice(2) AS four, plus(1, 2) AS three;
CREATE TABLE counter (id integer PRIMARY KEY, n integer DEFAULT twice(21));
INSERT INTO counter VALUES (1, 5);
