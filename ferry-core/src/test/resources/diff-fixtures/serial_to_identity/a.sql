-- A serial column becomes an identity column: the identity makes a sequence of the serial's
-- sequence's name, so the old sequence goes first (after the default that uses it).
CREATE TABLE ticket (id serial PRIMARY KEY, title text);
INSERT INTO ticket (title) VALUES ('first');
