-- Functions a default, a check, an index and a trigger call (pg_depend sees those, never a
-- function body): new ones must exist before what uses them, changed ones are replaced in place.
CREATE TABLE item (id integer PRIMARY KEY, price numeric, code text);
CREATE FUNCTION max_price() RETURNS numeric LANGUAGE sql IMMUTABLE AS 'SELECT 100';
CREATE TABLE old_item (id integer CHECK (id < max_price()));
