-- What depends on a new key or index: a view grouping by the new primary key (PostgreSQL lets it
-- leave out columns the key determines), CLUSTER ON a new index, and a new column that must be
-- filled before its NOT NULL. A phased diff (ferry new) builds keys, indexes and NOT NULL after
-- every other create and alter, so whatever uses them must come after them too.
CREATE TABLE t (id integer NOT NULL, v text);
INSERT INTO t VALUES (1, 'a'), (2, 'b');
