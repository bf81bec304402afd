CREATE TABLE person (id integer, name text, email text);
CREATE VIEW contact AS SELECT id, email FROM person;
CREATE FUNCTION contacts() RETURNS SETOF contact LANGUAGE sql STABLE AS 'SELECT * FROM contact';
