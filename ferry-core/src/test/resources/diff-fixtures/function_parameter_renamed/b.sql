CREATE FUNCTION twice(x integer) RETURNS integer LANGUAGE sql IMMUTABLE AS 'SELECT x * 2';
CREATE FUNCTION plus(x integer, y integer) RETURNS integer LANGUAGE sql IMMUTABLE AS 'SELECT x + y';
CREATE VIEW doubled AS SELECT twice(2) AS four, plus(1, 2) AS three;
CREATE TABLE counter (id integer PRIMARY KEY, n integer DEFAULT twice(21));
