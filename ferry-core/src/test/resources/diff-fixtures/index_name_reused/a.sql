-- Names that move: an index name moves to another table, the name of a dropped table's index and
-- of a dropped table's primary key are taken by new indexes. The drops that free a name come
-- before the creates that take it.
CREATE TABLE one (a integer, b integer);
CREATE TABLE two (a integer, b integer);
CREATE INDEX by_a ON one (a);
CREATE TABLE gone (id integer CONSTRAINT gone_key PRIMARY KEY, x integer);
CREATE INDEX gone_x ON gone (x);
INSERT INTO one VALUES (1, 2);
