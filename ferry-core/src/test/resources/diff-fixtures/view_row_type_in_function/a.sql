-- A function returns a view's row type: when the view is made again, the function goes before it
-- and comes back after it.
CREATE TABLE person (id integer, name text, email text);
CREATE VIEW contact AS SELECT id, name FROM person;
CREATE FUNCTION contacts() RETURNS SETOF contact LANGUAGE sql STABLE AS 'SELECT * FROM contact';
CREATE VIEW old_contact AS SELECT id FROM person;
CREATE FUNCTION old_contacts() RETURNS SETOF old_contact LANGUAGE sql STABLE AS 'SELECT * FROM old_contact';
