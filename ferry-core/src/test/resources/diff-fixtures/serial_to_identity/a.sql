-- A serial column becomes an identity column: the identity makes a sequence of the serial's
-- sequence's name, so the old sequence is put aside (after the default that uses it goes) and
-- dropped once the identity continues from its position. A second table's identity takes another
-- name: it continues from the old sequence, which goes with the other drops.
CREATE TABLE ticket (id serial PRIMARY KEY, title text);
INSERT INTO ticket (title) VALUES ('first');
CREATE TABLE note (id serial PRIMARY KEY, body text);
